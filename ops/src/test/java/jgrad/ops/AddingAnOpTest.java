package jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.core.CustomGradient;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Expr;
import org.junit.jupiter.api.Test;

/**
 * Does exactly what docs/adding-an-op.md walks through: the {@code LogCosh} op record, using it
 * on a tape and in nested tapes, checking it with GradCheck and its OpSpec, and a composite with a
 * custom gradient. {@link #theGuideShowsThisCode} keeps the guide's code blocks and this file equal.
 */
class AddingAnOpTest {

    /** log(cosh(x)), declared: the formula, its derivative, where to test it, a sentence for the explainer. */
    static final ElementwiseOp LOG_COSH = ElementwiseOp
            .unary("logcosh", x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
            .withDerivative(0, Expr.input(0).tanh())   // optional: else derived from the formula
            .withDomain(-3, 3)                         // where its test spec draws inputs
            .withExplanation("A smooth |x|: a robust regression loss.");

    /** x * sigmoid(beta * x): one declaration per beta, the derivative derived from the formula. */
    static ElementwiseOp swish(double beta) {
        return ElementwiseOp.unary("swish", x -> x.mul(x.mul(beta).sigmoid()));
    }

    @Test
    void theDeclaredOpRuns() {
        Tensor x = Tensor.of(new double[] {-1.5, 0.25, 2.0});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = LOG_COSH.apply(x).add(swish(1.5).apply(x));
            Tensor dx = tape.gradient(y.sum(), x);     // tanh(x) + d swish / dx
            System.out.println(dx);
            System.out.println(LOG_COSH.explanation());
            // logcosh(x) = (abs(x) + log1p(exp(abs(x) * -2))) - 0.6931471805599453
            // dL/dx = g * tanh(x)
            double[] v = x.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double s = 1 / (1 + Math.exp(-1.5 * v[i]));
                assertThat(dx.getDouble(i)).isCloseTo(Math.tanh(v[i]) + s + 1.5 * v[i] * s * (1 - s), within(1e-12));
            }
        }
        assertThat(LOG_COSH.explanation()).endsWith("dL/dx = g * tanh(x)");
    }

    @Test
    void theDeclaredOpsSpecPasses() {
        for (ElementwiseOp op : List.of(LOG_COSH, swish(1.5))) {
            OpSpec spec = op.spec();       // samples from the domain, error cases: checked as in step 5
            Rng rng = new Rng(5);
            for (OpSpec.Sample sample : spec.samples()) {
                List<Tensor> inputs = new ArrayList<>();
                for (OpSpec.Input in : sample.inputs()) {
                    OpSpec.RandomInput r = (OpSpec.RandomInput) in;
                    inputs.add(Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), r.shape().dims()));
                }
                GradCheck.check(spec.function(), inputs).assertPassed();
                GradCheck.gradGradCheck(spec.function(), inputs).assertPassed();
            }
        }
    }

    /** log(cosh(x)) elementwise: a smooth L1-like penalty whose gradient is tanh(x). */
    public record LogCosh() implements Op {
        @Override
        public String name() {
            return "logcosh";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            if (!x.dtype().isFloating()) {
                throw new IllegalArgumentException("logcosh: x must be float32 or float64, got " + x.dtype() + " "
                        + x.shape());
            }
            // The kernel: a plain loop over row-major storage. contiguous() copies a strided view
            // (a transpose, a slice with a step) into row-major order, and is free otherwise.
            Tensor c = x.contiguous();
            int n = c.size();
            int off = c.offset();
            return switch (c.storage()) {
                case float[] f -> {
                    float[] out = new float[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) logCosh(f[off + i]);
                    }
                    yield Tensor.wrap(out, x.shape());
                }
                case double[] d -> {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = logCosh(d[off + i]);
                    }
                    yield Tensor.wrap(out, x.shape());
                }
                default -> throw new AssertionError("floating storage expected");
            };
        }

        /** log(cosh(v)) = |v| + log1p(exp(-2|v|)) - log 2, which does not overflow for large |v|. */
        static double logCosh(double v) {
            double a = Math.abs(v);
            return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);
        }

        @Override
        public Tensor[] vjp(Backward b) {
            // d/dx log(cosh(x)) = tanh(x), written with Tensor ops so that it is differentiable too.
            return new Tensor[] {b.grad().mul(b.input(0).tanh())};
        }

        public static OpSpec spec() {
            return OpSpec.builder("logcosh", in -> new LogCosh().apply(in.get(0)))
                    .shapes(new int[] {})                      // a scalar
                    .shapes(new int[] {2, 3})                  // a matrix (the suite adds a transposed view)
                    .shapes(new int[] {0, 4})                  // zero-size
                    .error("logcosh: x must be float32 or float64", Tensor.arange(3))
                    .build();
        }
    }

    @Test
    void forwardMatchesTheDefinition() {
        Tensor x = Tensor.of(new double[] {-30, -2, -0.5, 0, 0.5, 2, 30});
        Tensor y = new LogCosh().apply(x);
        double[] values = x.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(y.getDouble(i)).isCloseTo(Math.log(Math.cosh(values[i])), within(1e-12));
        }
        // float32 in, float32 out; a transposed (strided) view reads the right elements.
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor t = new LogCosh().apply(m.transpose());
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape().dims()).containsExactly(3, 2);
        assertThat(t.getDouble(2, 1)).isCloseTo(Math.log(Math.cosh(6)), within(1e-5));
        assertThat(new LogCosh().apply(Tensor.zeros(0, 4)).shape().dims()).containsExactly(0, 4);
    }

    @Test
    void theGuidesUsageRuns() {
        Tensor x = Tensor.of(new double[] {-1.5, 0.25, 2.0});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor loss = new LogCosh().apply(x).sum();
            Tensor dx = tape.gradient(loss, x);            // tanh(x)
            System.out.println(dx);
            assertThat(dx.allClose(x.tanh(), 1e-12, 1e-12)).isTrue();
        }
    }

    @Test
    void nestedTapesGiveTheSecondDerivative() {
        Tensor x = Tensor.of(new double[] {-1.5, 0.25, 2.0});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dx;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                dx = inner.gradient(new LogCosh().apply(x).sum(), x);   // tanh(x)
            }
            Tensor d2x = outer.gradient(dx.sum(), x);                   // 1 - tanh(x)^2
            System.out.println(d2x);
            assertThat(d2x.allClose(x.tanh().square().neg().add(1), 1e-12, 1e-12)).isTrue();
        }
    }

    @Test
    void gradCheckPasses() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 4, 3);
        GradCheck.check(in -> new LogCosh().apply(in.get(0)), List.of(x)).assertPassed();
        GradCheck.gradGradCheck(in -> new LogCosh().apply(in.get(0)), List.of(x)).assertPassed();
    }

    @Test
    void theSpecPassesWhatTheOpSuiteChecks() {
        OpSpec spec = LogCosh.spec();
        Rng rng = new Rng(5);
        for (OpSpec.Sample sample : spec.samples()) {
            List<Tensor> inputs = new ArrayList<>();
            for (OpSpec.Input in : sample.inputs()) {
                OpSpec.RandomInput r = (OpSpec.RandomInput) in;
                inputs.add(Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), r.shape().dims()));
            }
            GradCheck.check(spec.function(), inputs).assertPassed();
            GradCheck.gradGradCheck(spec.function(), inputs).assertPassed();
        }
        for (OpSpec.ErrorCase e : spec.errors()) {
            assertThatThrownBy(() -> spec.function().apply(e.inputs())).isInstanceOf(e.type())
                    .hasMessageContaining(e.messageContains());
        }
    }

    @Test
    void aCompositeWithACustomGradient() {
        for (Tensor x : List.of(Tensor.of(new double[] {3, 4}), Tensor.zeros(DType.FLOAT64, 2))) {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                // ||x|| = sqrt(sum(x^2)); differentiating the composite gives x / ||x||, which is
                // 0 / 0 = NaN at x = 0. The custom rule divides by max(||x||, 1e-12) instead.
                Tensor norm = CustomGradient.apply("safe_norm",
                        in -> in[0].square().sum().sqrt(),
                        b -> new Tensor[] {b.grad().mul(b.input(0)).div(b.output().maximum(1e-12))},
                        x);
                Tensor dx = tape.gradient(norm, x);   // [0.6, 0.8] at (3, 4); [0, 0] at (0, 0)
                System.out.println(dx);
                Tensor expected = x.sum().item() == 0 ? Tensor.zerosLike(x) : Tensor.of(new double[] {0.6, 0.8});
                assertThat(dx.allClose(expected, 1e-12, 1e-12)).isTrue();
            }
        }
    }

    @Test
    void notFloatingIsAClearError() {
        assertThatThrownBy(() -> new LogCosh().apply(Tensor.arange(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logcosh: x must be float32 or float64, got int64 [3]");
    }

    /** Every ```java block of the guide appears in this file (ignoring indentation). */
    @Test
    void theGuideShowsThisCode() throws IOException {
        Path guide = locate("docs/adding-an-op.md");
        Path self = locate("ops/src/test/java/jgrad/ops/AddingAnOpTest.java");
        String source = normalize(Files.readString(self));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(guide));
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String block = normalize(m.group(1));
            assertThat(source).as("docs/adding-an-op.md code block %d is not in AddingAnOpTest:%n%s", blocks,
                    m.group(1)).contains(block);
        }
        assertThat(blocks).isGreaterThanOrEqualTo(4);
    }

    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }

    /** Finds a repository file from the module folder (Maven's working directory) or the root. */
    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
