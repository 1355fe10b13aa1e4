package jgrad.ops.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Declared elementwise ops: the interpreted kernel against a scalar reference on every layout
 * (contiguous, broadcast, strided, large enough to be split over threads), gradients and second
 * gradients by finite differences, derived derivatives against the built-in ops' vjps, texts and
 * error messages.
 */
class ElementwiseOpTest {
    /** log(cosh(x)) = |x| + log1p(exp(-2|x|)) - log 2, with its derivative declared as tanh(x). */
    static final ElementwiseOp LOG_COSH = ElementwiseOp
            .unary("logcosh", x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
            .withDerivative(0, Expr.input(0).tanh())
            .withDomain(-3, 3)
            .withExplanation("A smooth |x|: a robust regression loss.");

    /** x * sigmoid(beta x), its derivative derived from the formula. */
    static ElementwiseOp swish(double beta) {
        return ElementwiseOp.unary("swish", x -> x.mul(x.mul(beta).sigmoid()));
    }

    /** sqrt(x^2 + y^2 + 1), broadcasting. */
    static final ElementwiseOp SOFT_HYPOT = ElementwiseOp.binary("softhypot",
            (x, y) -> x.square().add(y.square()).add(1).sqrt());

    static double logCosh(double v) {
        double a = Math.abs(v);
        return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);
    }

    static double swishRef(double v, double beta) {
        return v / (1 + Math.exp(-beta * v));
    }

    private static Tensor random(DType dtype, long seed, double lo, double hi, int... shape) {
        return Tensor.randomUniform(new Rng(seed), dtype, lo, hi, shape);
    }

    private static void assertUnary(Tensor x, Tensor y, DoubleUnaryOperator f, double tol) {
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.dtype()).isEqualTo(x.dtype());
        double[] in = x.contiguous().toDoubleArray();
        double[] out = y.toDoubleArray();
        for (int i = 0; i < in.length; i++) {
            double want = f.applyAsDouble(in[i]);
            assertThat(out[i]).as("element %d of %s", i, x.shape()).isCloseTo(want, within(tol * (1 + Math.abs(want))));
        }
    }

    enum Layout { CONTIGUOUS, TRANSPOSED, STEPPED, SCALAR, EMPTY, LARGE }

    private static Tensor input(Layout layout, DType dtype, long seed) {
        return switch (layout) {
            case CONTIGUOUS -> random(dtype, seed, -4, 4, 3, 37);
            case TRANSPOSED -> random(dtype, seed, -4, 4, 37, 3).transpose(0, 1);
            case STEPPED -> random(dtype, seed, -4, 4, 2, 90).slice(1, 3, 90, 3);
            case SCALAR -> random(dtype, seed, -4, 4);
            case EMPTY -> random(dtype, seed, -4, 4, 0, 5);
            // Above the parallel threshold, and not a multiple of the block or vector length.
            case LARGE -> random(dtype, seed, -4, 4, 100_003);
        };
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void forwardMatchesTheScalarFormulaOnEveryLayout(Layout layout) {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dtype == DType.FLOAT32 ? 2e-6 : 1e-14;
            Tensor x = input(layout, dtype, 7);
            assertUnary(x, LOG_COSH.apply(x), ElementwiseOpTest::logCosh, tol);
            assertUnary(x, swish(1.5).apply(x), v -> swishRef(v, 1.5), tol);
        }
    }

    @Test
    void binaryOpBroadcastsLikeTheBuiltIns() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = random(dtype, 1, -3, 3, 4, 1, 5);
            Tensor y = random(dtype, 2, -3, 3, 3, 1).transpose(0, 1).reshape(3);   // a view
            Tensor y2 = random(dtype, 3, -3, 3, 3, 5).transpose(0, 1).transpose(0, 1);
            DoubleBinaryOperator f = (a, b) -> Math.sqrt(a * a + b * b + 1);
            for (Tensor other : new Tensor[] {y.reshape(3, 1), y2, Tensor.full(dtype, 0.5)}) {
                Tensor got = SOFT_HYPOT.apply(x, other);
                Tensor want = x.square().add(other.square()).add(x.scalarLike(1)).sqrt();
                assertThat(got.shape()).isEqualTo(want.shape());
                double[] g = got.toDoubleArray();
                double[] w = want.toDoubleArray();
                for (int i = 0; i < g.length; i++) {
                    assertThat(g[i]).isCloseTo(w[i], within(dtype == DType.FLOAT32 ? 1e-6 : 1e-15));
                }
            }
            assertThat(f.applyAsDouble(3, 4)).isCloseTo(Math.sqrt(26), within(0.0));
        }
    }

    @Test
    void largeBroadcastRunsSplitAcrossThreadsWithTheSameNumbers() {
        Tensor x = random(DType.FLOAT64, 5, -3, 3, 300, 1);
        Tensor y = random(DType.FLOAT64, 6, -3, 3, 1, 333);
        Tensor got = SOFT_HYPOT.apply(x, y);
        Tensor want = x.square().add(y.square()).add(x.scalarLike(1)).sqrt();
        assertThat(got.toDoubleArray()).containsExactly(want.toDoubleArray());
    }

    /** The op suite's checks, for ops outside the registry: gradcheck and gradgradcheck on every sample. */
    private static void checkSpec(OpSpec spec) {
        int s = 0;
        for (OpSpec.Sample sample : spec.samples()) {
            Rng rng = new Rng(31L * spec.name().hashCode() + s++);
            List<Tensor> in = sample.inputs().stream().map(i -> switch (i) {
                case OpSpec.RandomInput r -> Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(),
                        r.shape().dims());
                case OpSpec.FixedInput f -> f.tensor();
            }).toList();
            GradCheck check = GradCheck.with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol());
            check.jacobianCheck(spec.function(), in).assertPassed();
            check.secondOrder(spec.function(), in).assertPassed();
        }
        for (OpSpec.ErrorCase e : spec.errors()) {
            assertThatThrownBy(() -> spec.function().apply(e.inputs())).isInstanceOf(e.type())
                    .hasMessageContaining(e.messageContains());
        }
    }

    @Test
    void declaredDerivativePassesGradcheckAndGradgradcheck() {
        checkSpec(LOG_COSH.spec());
    }

    @Test
    void derivedDerivativePassesGradcheckAndGradgradcheck() {
        checkSpec(swish(1.5).spec());
        checkSpec(SOFT_HYPOT.spec());
    }

    @Test
    void thirdDerivativeThroughNestedTapes() {
        // d^3/dx^3 log cosh x = -2 tanh(x) (1 - tanh^2 x).
        Tensor x = Tensor.of(new double[] {-1.2, 0.3, 2.0});
        try (GradientTape t3 = new GradientTape()) {
            t3.watch(x);
            Tensor d2;
            try (GradientTape t2 = new GradientTape()) {
                t2.watch(x);
                Tensor d1;
                try (GradientTape t1 = new GradientTape()) {
                    t1.watch(x);
                    d1 = t1.gradient(LOG_COSH.apply(x).sum(), x);
                }
                d2 = t2.gradient(d1.sum(), x);
            }
            double[] d3 = t3.gradient(d2.sum(), x).toDoubleArray();
            double[] v = x.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double t = Math.tanh(v[i]);
                assertThat(d3[i]).isCloseTo(-2 * t * (1 - t * t), within(1e-12));
            }
        }
    }

    @Test
    void derivedDerivativesKeepTheBuiltInConventions() {
        // relu: no gradient at 0; maximum: ties split; the derived formulas follow the vjps.
        ElementwiseOp relu = ElementwiseOp.unary("myrelu", Expr::relu);
        ElementwiseOp max = ElementwiseOp.binary("mymax", Expr::maximum);
        Tensor x = Tensor.of(new double[] {-1, 0, 2, 3});
        Tensor y = Tensor.of(new double[] {1, 0, 2, -3});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            tape.watch(y);
            List<Tensor> g = tape.gradient(relu.apply(x).add(max.apply(x, y)).sum(), x, y);
            assertThat(g.get(0).toDoubleArray()).containsExactly(0, 0.5, 1.5, 2);
            assertThat(g.get(1).toDoubleArray()).containsExactly(1, 0.5, 0.5, 0);
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            tape.watch(y);
            List<Tensor> g = tape.gradient(x.relu().add(x.maximum(y)).sum(), x, y);
            assertThat(g.get(0).toDoubleArray()).containsExactly(0, 0.5, 1.5, 2);
            assertThat(g.get(1).toDoubleArray()).containsExactly(1, 0.5, 0.5, 0);
        }
    }

    @Test
    void declaredOpsComposeInsideFormulas() {
        // A declared op used in another's formula is expanded: its formula and its derivative.
        ElementwiseOp twice = ElementwiseOp.unary("twicelogcosh", x -> Expr.apply(LOG_COSH, x).mul(2));
        Tensor x = Tensor.of(new double[] {-2, 0.5, 1});
        assertUnary(x, twice.apply(x), v -> 2 * logCosh(v), 1e-15);
        assertThat(twice.derivative(0).toString()).isEqualTo("tanh(x0) * 2");
        checkSpec(twice.spec());
    }

    @Test
    void explanationShowsFormulaAndGradients() {
        assertThat(LOG_COSH.explanation()).isEqualTo("A smooth |x|: a robust regression loss.\n"
                + "logcosh(x) = (abs(x) + log1p(exp(abs(x) * -2))) - 0.6931471805599453\n"
                + "dL/dx = g * tanh(x)");
        assertThat(SOFT_HYPOT.gradientText(1)).isEqualTo("g * ((y * 2) / (sqrt((square(x) + square(y)) + 1) * 2))");
        assertThat(swish(2).gradientText(0)).contains("sigmoid(x * 2)");
    }

    @Test
    void theVjpTableHasTheBuiltInOpsConventions() {
        Expr g = Expr.input(2);
        List<Expr> xy = List.of(Expr.input(0), Expr.input(1));
        assertThat(Expr.vjp(new Div(), 1, g, xy, Expr.output()).toString()).isEqualTo("-((x2 / x1) * out)");
        assertThat(Expr.vjp(new Relu(), 0, g, xy.subList(0, 1), Expr.output()).toString())
                .isEqualTo("where(x0 > 0, x2, 0)");
        assertThat(Expr.vjp(new Compare(jgrad.ops.kernels.Elementwise.Comparison.LT), 0, g, xy, Expr.output()))
                .isNull();
        assertThatThrownBy(() -> Expr.vjp(new Round(), 0, g, xy.subList(0, 1), Expr.output()))
                .hasMessageContaining("Expr.vjp: op round is not an elementwise primitive");
    }

    @Test
    void commonSubformulasAreComputedOnce() {
        // |x| appears twice in the formula: one instruction (input, abs, ... ).
        ElementwiseOp twoAbs = ElementwiseOp.unary("twoabs", x -> x.abs().add(x.abs()));
        assertThat(twoAbs.program().size()).isEqualTo(3);
    }

    @Test
    void badInputsNameTheOpArgumentAndShapes() {
        assertThatThrownBy(() -> LOG_COSH.apply(Tensor.of(new long[] {1, 2})))
                .hasMessage("logcosh: x must be float32 or float64, got int64 [2]");
        assertThatThrownBy(() -> SOFT_HYPOT.apply(Tensor.zeros(2, 3), Tensor.zeros(DType.FLOAT64, 3)))
                .hasMessage("softhypot: dtype mismatch: x is float32 [2, 3], y is float64 [3]; cast one of them");
        assertThatThrownBy(() -> SOFT_HYPOT.apply(Tensor.zeros(2, 3), Tensor.zeros(4)))
                .hasMessageContaining("softhypot: cannot broadcast x [2, 3] with y [4]");
        assertThatThrownBy(() -> LOG_COSH.apply(Tensor.zeros(2), Tensor.zeros(2)))
                .hasMessage("logcosh: expected 1 input(s), got 2");
        assertThatThrownBy(() -> ElementwiseOp.of("bad", 1, Expr.input(1).exp()))
                .hasMessageContaining("ElementwiseOp bad: formula exp(x1) uses input 1 but the op has 1 input(s)");
        assertThatThrownBy(() -> ElementwiseOp.unary("bad", x -> Expr.output()))
                .hasMessageContaining("the forward formula cannot use the output");
        assertThatThrownBy(() -> Expr.apply(new Round(), Expr.input(0)))
                .hasMessageContaining("Expr.apply: op round (jgrad.ops.math.Round) is not an elementwise primitive");
    }

    @Test
    void opsAreValuesByFormula() {
        assertThat(swish(1.5)).isEqualTo(swish(1.5)).hasSameHashCodeAs(swish(1.5));
        assertThat(swish(1.5)).isNotEqualTo(swish(2));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void aOneStepFormulaEqualsTheBuiltInOpOnEveryLayout(DType dtype) {
        // One step over the inputs runs the built-in kernel directly; where the step's operands do
        // not span the output (an unused input is larger) the interpreter runs it instead.
        ElementwiseOp times = ElementwiseOp.binary("times", (x, y) -> x.mul(y));
        ElementwiseOp clipped = ElementwiseOp.unary("clipped", x -> x.clip(-0.5, 0.7));
        ElementwiseOp second = ElementwiseOp.of("second", 2, Expr.input(1).exp());
        Tensor a = random(dtype, 1, -1, 1, 4, 3);
        Tensor b = random(dtype, 2, -1, 1, 3);
        Tensor big = random(dtype, 3, -1, 1, 3000);
        assertThat(times.apply(a, b).toDoubleArray()).containsExactly(a.mul(b).toDoubleArray());
        assertThat(times.apply(b, a).toDoubleArray()).containsExactly(b.mul(a).toDoubleArray());
        assertThat(times.apply(a.transpose(), a.transpose()).toDoubleArray())
                .containsExactly(a.transpose().mul(a.transpose()).toDoubleArray());
        assertThat(clipped.apply(big).toDoubleArray()).containsExactly(big.clip(-0.5, 0.7).toDoubleArray());
        Tensor y = second.apply(a, b);
        assertThat(y.shape()).isEqualTo(a.shape());
        assertThat(y.toDoubleArray()).containsExactly(b.exp().expand(4, 3).toDoubleArray());
    }
}
