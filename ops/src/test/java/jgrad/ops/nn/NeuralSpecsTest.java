package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs this package's specs (activations, softmax, dropout, one-hot and every loss) through
 * gradcheck, gradgradcheck, run-twice determinism, float32-versus-float64 agreement and their error
 * cases, before the registry-wide suite does.
 */
class NeuralSpecsTest {
    static Stream<OpSpec> specs() {
        return NeuralSpecs.all().stream();
    }

    /** The sample's inputs: random ones drawn in float64 from a seed fixed per spec and sample. */
    private static List<Tensor> inputs(OpSpec spec, OpSpec.Sample sample, long seed) {
        Rng rng = new Rng(seed);
        List<Tensor> in = new ArrayList<>();
        for (OpSpec.Input input : sample.inputs()) {
            in.add(switch (input) {
                case OpSpec.RandomInput r -> Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), r.shape().dims());
                case OpSpec.FixedInput f -> f.tensor();
            });
        }
        return in;
    }

    private static Tensor toFloat32(Tensor t) {
        return t.dtype() == DType.FLOAT64 ? Tensor.fromFlat(toFloats(t.toDoubleArray()), t.shape().dims()) : t;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (OpSpec s : NeuralSpecs.all()) {
            assertThat(names.add(s.name())).as("duplicate spec name %s", s.name()).isTrue();
        }
        assertThat(names).contains("leakyRelu", "elu", "selu", "softplus", "softsign", "gelu", "swish",
                "hardSigmoid", "softmax", "logSoftmax", "dropout", "oneHot", "meanSquaredError", "meanAbsoluteError",
                "huber", "binaryCrossEntropy", "binaryCrossEntropyWithLogits", "categoricalCrossEntropy",
                "categoricalCrossEntropyWithLogits", "sparseCategoricalCrossEntropy",
                "sparseCategoricalCrossEntropyWithLogits", "poisson", "hinge", "squaredHinge",
                "kullbackLeiblerDivergence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void gradcheckAndGradgradcheck(OpSpec spec) {
        GradCheck checker = GradCheck.with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol());
        int k = 0;
        for (OpSpec.Sample sample : spec.samples()) {
            List<Tensor> in = inputs(spec, sample, 1000L * spec.name().hashCode() + k++);
            Tensor out = spec.function().apply(in);
            assertThat(out.toDoubleArray()).as("%s sample %d is finite", spec.name(), k).doesNotContain(Double.NaN);
            if (spec.differentiable()) {
                GradCheck.Result first = checker.jacobianCheck(spec.function(), in);
                assertThat(first.passed()).as("%s sample %d\n%s", spec.name(), k, first.report()).isTrue();
                if (spec.secondOrder()) {
                    GradCheck.Result second = checker.secondOrder(spec.function(), in);
                    assertThat(second.passed()).as("%s sample %d\n%s", spec.name(), k, second.report()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void deterministicAndFloat32AgreesWithFloat64(OpSpec spec) {
        int k = 0;
        for (OpSpec.Sample sample : spec.samples()) {
            List<Tensor> in = inputs(spec, sample, 7L * spec.name().hashCode() + k++);
            Tensor a = spec.function().apply(in);
            Tensor b = spec.function().apply(in);
            assertThat(a.contentEquals(b)).as("%s runs twice alike", spec.name()).isTrue();
            List<Tensor> in32 = in.stream().map(NeuralSpecsTest::toFloat32).toList();
            Tensor c = spec.function().apply(in32);
            assertThat(c.shape()).isEqualTo(a.shape());
            assertThat(c.allClose(a, 1e-3, 1e-4)).as("%s float32 %s vs float64 %s", spec.name(), c, a).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void zeroOutputGradientGivesZeroGradients(OpSpec spec) {
        // Catches a vjp that makes 0 * inf = NaN (the where() trap) or adds a constant term.
        if (!spec.differentiable()) {
            return;
        }
        int k = 0;
        for (OpSpec.Sample sample : spec.samples()) {
            List<Tensor> in = inputs(spec, sample, 13L * spec.name().hashCode() + k++);
            List<Tensor> floats = in.stream().filter(t -> t.dtype().isFloating()).toList();
            try (GradientTape tape = new GradientTape()) {
                floats.forEach(tape::watch);
                Tensor y = spec.function().apply(in);
                List<Tensor> g = tape.gradient(y, floats, Tensor.zerosLike(y), UnconnectedGradients.ZERO);
                for (Tensor gi : g) {
                    for (double v : gi.toDoubleArray()) {
                        assertThat(v == 0).as("%s: gradient %s for a zero output gradient", spec.name(), v).isTrue();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void errorCases(OpSpec spec) {
        for (OpSpec.ErrorCase e : spec.errors()) {
            assertThatThrownBy(() -> spec.function().apply(e.inputs())).as(spec.name())
                    .isInstanceOf(e.type())
                    .hasMessageContaining(e.messageContains());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void gradientsThroughTransposedViews(OpSpec spec) {
        // Each rank-2 random input is also fed as the transpose of a row-major buffer (a strided view);
        // values and gradients must not change.
        if (!spec.differentiable()) {
            return;
        }
        int k = 0;
        for (OpSpec.Sample sample : spec.samples()) {
            List<Tensor> in = inputs(spec, sample, 31L * spec.name().hashCode() + k++);
            List<Tensor> views = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < in.size(); i++) {
                Tensor t = in.get(i);
                if (sample.inputs().get(i) instanceof OpSpec.RandomInput && t.rank() == 2 && t.size() > 1) {
                    views.add(t.transpose().contiguous().transpose());
                    any = true;
                } else {
                    views.add(t);
                }
            }
            if (!any) {
                continue;
            }
            List<Tensor> gDense;
            List<Tensor> gView;
            Tensor yDense;
            Tensor yView;
            try (GradientTape tape = new GradientTape()) {
                in.stream().filter(t -> t.dtype().isFloating()).forEach(tape::watch);
                yDense = spec.function().apply(in);
                gDense = tape.gradient(yDense.sum(), in.stream().filter(t -> t.dtype().isFloating()).toList());
            }
            try (GradientTape tape = new GradientTape()) {
                views.stream().filter(t -> t.dtype().isFloating()).forEach(tape::watch);
                yView = spec.function().apply(views);
                gView = tape.gradient(yView.sum(), views.stream().filter(t -> t.dtype().isFloating()).toList());
            }
            assertThat(yView.allClose(yDense, 1e-12, 1e-12)).as(spec.name()).isTrue();
            for (int i = 0; i < gDense.size(); i++) {
                if (gDense.get(i) == null) {
                    assertThat(gView.get(i)).isNull();
                } else {
                    assertThat(gView.get(i).allClose(gDense.get(i), 1e-12, 1e-12)).as(spec.name()).isTrue();
                }
            }
        }
    }
}
