package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Values, gradients and errors of the activations, softmax, dropout and one-hot. */
class DefaultNeuralOpsTest {
    private static final double[] XS = {-30, -6, -3, -1.5, -0.25, 0.125, 0.5, 1, 2.5, 3, 6, 30};

    /** f on float64 and float32 inputs against a double reference. */
    private static void assertValues(UnaryOperator<Tensor> f, DoubleUnaryOperator ref) {
        Tensor y64 = f.apply(Tensor.of(XS));
        assertThat(y64.dtype()).isEqualTo(DType.FLOAT64);
        float[] xs32 = new float[XS.length];
        for (int i = 0; i < XS.length; i++) {
            xs32[i] = (float) XS[i];
        }
        Tensor y32 = f.apply(Tensor.of(xs32));
        assertThat(y32.dtype()).isEqualTo(DType.FLOAT32);
        for (int i = 0; i < XS.length; i++) {
            double expected = ref.applyAsDouble(XS[i]);
            assertThat(y64.getDouble(i)).as("x=%s float64", XS[i]).isCloseTo(expected, within(1e-12 + 1e-12 * Math.abs(expected)));
            assertThat(y32.getDouble(i)).as("x=%s float32", XS[i]).isCloseTo(expected, within(1e-6 + 1e-6 * Math.abs(expected)));
        }
    }

    /** d sum(f(x)) / dx on float64 inputs against the analytic derivative. */
    private static void assertDerivative(UnaryOperator<Tensor> f, DoubleUnaryOperator ref, double... xs) {
        Tensor x = Tensor.of(xs);
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            g = tape.gradient(f.apply(x).sum(), x);
        }
        for (int i = 0; i < xs.length; i++) {
            double expected = ref.applyAsDouble(xs[i]);
            assertThat(g.getDouble(i)).as("f'(%s)", xs[i]).isCloseTo(expected, within(1e-10 + 1e-10 * Math.abs(expected)));
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void leakyRelu() {
        assertValues(x -> x.leakyRelu(0.2), x -> x > 0 ? x : 0.2 * x);
        // Slope alpha at exactly 0, as PyTorch.
        assertDerivative(x -> x.leakyRelu(0.2), x -> x > 0 ? 1 : 0.2, -3, -0.5, 0, 0.5, 40);
    }

    @Test
    void elu() {
        assertValues(x -> x.elu(1.0), x -> x > 0 ? x : Math.expm1(x));
        assertValues(x -> x.elu(0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x));
        // Huge positive inputs: the exp branch that where() discards must not make the gradient NaN.
        assertDerivative(x -> x.elu(0.5), x -> x > 0 ? 1 : 0.5 * Math.exp(x), -800, -2, -0.1, 0.1, 2, 100, 800);
    }

    @Test
    void selu() {
        double a = DefaultNeuralOps.SELU_ALPHA;
        double s = DefaultNeuralOps.SELU_SCALE;
        assertValues(Tensor::selu, x -> s * (x > 0 ? x : a * Math.expm1(x)));
        assertThat(Tensor.of(new double[] {-1}).selu().getDouble(0)).isCloseTo(-1.1113307378125628, within(1e-15));
        assertDerivative(Tensor::selu, x -> x > 0 ? s : s * a * Math.exp(x), -5, -0.3, 0.3, 5, 900);
    }

    @Test
    void softplusIsStableAtBothEnds() {
        assertValues(Tensor::softplus, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        Tensor y = Tensor.of(new double[] {-800, -40, 0, 40, 800}).softplus();
        assertThat(y.toDoubleArray()).containsExactly(new double[] {0, Math.exp(-40), Math.log(2), 40, 800},
                within(1e-15));
        Tensor y32 = Tensor.of(new float[] {-200, 100}).softplus();
        assertThat(y32.toFloatArray()).containsExactly(0f, 100f);
        // Exactly 1/2 at 0, where max and |x| have kinks.
        assertDerivative(Tensor::softplus, DefaultNeuralOpsTest::sigmoid, -800, -3, 0, 0.7, 800);
    }

    @Test
    void softsign() {
        assertValues(Tensor::softsign, x -> x / (1 + Math.abs(x)));
        assertDerivative(Tensor::softsign, x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))), -4, -0.5, 0, 0.5, 4);
    }

    @Test
    void geluIsExact() {
        // Values from scipy: 0.5 x (1 + erf(x / sqrt 2)).
        double[] x = {-3, -1, -0.5, 0, 0.5, 1, 3};
        double[] expected = {-0.0040496941, -0.1586552539, -0.1542687694, 0, 0.3457312306, 0.8413447461,
            2.9959503059};
        assertThat(Tensor.of(x).gelu().toDoubleArray()).containsExactly(expected, within(1e-7));
        float[] x32 = {-3, -1, -0.5f, 0, 0.5f, 1, 3};
        float[] y32 = Tensor.of(x32).gelu().toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertThat((double) y32[i]).isCloseTo(expected[i], within(1e-6));
        }
        // d/dx = Phi(x) + x phi(x); at 0 it is 1/2, at 1 it is 0.8413447461 + 0.2419707245.
        Tensor at = Tensor.of(new double[] {0, 1});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(at);
            Tensor g = tape.gradient(at.gelu().sum(), at);
            assertThat(g.toDoubleArray()).containsExactly(new double[] {0.5, 1.0833154706}, within(1e-7));
        }
    }

    @Test
    void swish() {
        assertValues(Tensor::swish, x -> x * sigmoid(x));
        assertDerivative(Tensor::swish, x -> sigmoid(x) * (1 + x * (1 - sigmoid(x))), -5, -1, 0, 1, 5);
    }

    @Test
    void hardSigmoid() {
        assertValues(Tensor::hardSigmoid, x -> Math.min(1, Math.max(0, x / 6 + 0.5)));
        assertDerivative(Tensor::hardSigmoid, x -> Math.abs(x) < 3 ? 1.0 / 6 : 0, -5, -2, 0, 2.9, 4);
    }

    @Test
    void activationsKeepShapeAndHandleScalarsAndEmptyTensors() {
        List<UnaryOperator<Tensor>> fs = List.of(x -> x.leakyRelu(0.1), x -> x.elu(1), Tensor::selu, Tensor::softplus,
                Tensor::softsign, Tensor::gelu, Tensor::swish, Tensor::hardSigmoid, Tensor::softmax, Tensor::logSoftmax);
        for (UnaryOperator<Tensor> f : fs) {
            assertThat(f.apply(Tensor.zeros(0, 3)).shape()).isEqualTo(Shape.of(0, 3));
            Tensor s = f.apply(Tensor.of(0.5f));
            assertThat(s.shape()).isEqualTo(Shape.scalar());
            assertThat(s.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(f.apply(Tensor.zeros(DType.FLOAT64, 2, 3)).dtype()).isEqualTo(DType.FLOAT64);
        }
    }

    @Test
    void activationsRejectIntegerTensorsAndNaNArguments() {
        Tensor ints = Tensor.of(new long[] {1, 2});
        assertThatThrownBy(() -> ints.leakyRelu(0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leakyRelu: x must be float32 or float64, got int64 [2]");
        assertThatThrownBy(ints::gelu).hasMessageContaining("gelu: x must be float32 or float64");
        assertThatThrownBy(ints::softmax).hasMessageContaining("softmax: x must be float32 or float64");
        assertThatThrownBy(ints::softplus).hasMessageContaining("softplus: x must be float32 or float64");
        assertThatThrownBy(() -> Tensor.zeros(2).leakyRelu(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leakyRelu: alpha must be a finite number, got NaN");
        assertThatThrownBy(() -> Tensor.zeros(2).elu(Double.POSITIVE_INFINITY))
                .hasMessage("elu: alpha must be a finite number, got Infinity");
    }

    // ------------------------------------------------------------------ softmax

    @Test
    void softmaxOfTheLectureExample() {
        Tensor p = Tensor.of(new float[] {2, 3, 1}).softmax();
        double sum = Math.exp(2) + Math.exp(3) + Math.exp(1);
        assertThat(p.getDouble(0)).isCloseTo(Math.exp(2) / sum, within(1e-7));
        assertThat(p.getDouble(1)).isCloseTo(Math.exp(3) / sum, within(1e-7));
        assertThat(p.getDouble(2)).isCloseTo(Math.exp(1) / sum, within(1e-7));
    }

    @Test
    void softmaxAlongEachAxis() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 6, 8}});
        Tensor rows = x.softmax(-1);
        Tensor cols = x.softmax(0);
        for (int r = 0; r < 2; r++) {
            assertThat(rows.getDouble(r, 0) + rows.getDouble(r, 1) + rows.getDouble(r, 2)).isCloseTo(1, within(1e-15));
        }
        for (int c = 0; c < 3; c++) {
            assertThat(cols.getDouble(0, c) + cols.getDouble(1, c)).isCloseTo(1, within(1e-15));
        }
        assertThat(cols.getDouble(0, 0)).isCloseTo(1 / (1 + Math.exp(3)), within(1e-15));
        assertThat(rows.getDouble(1, 2)).isCloseTo(1 / (1 + Math.exp(-2) + Math.exp(-4)), within(1e-15));
        assertThat(x.softmax(1).contentEquals(rows)).isTrue();
    }

    @Test
    void softmaxOnHugeAndInfiniteLogits() {
        Tensor p = Tensor.of(new float[] {1000, 1001, Float.NEGATIVE_INFINITY}).softmax();
        assertThat(p.getDouble(0)).isCloseTo(1 / (1 + Math.E), within(1e-6));
        assertThat(p.getDouble(2)).isZero();
        Tensor lp = Tensor.of(new double[] {-1000, 1000}).logSoftmax();
        assertThat(lp.toDoubleArray()).containsExactly(-2000, 0);
    }

    @Test
    void softmaxOfAScalarIsOneWithZeroGradient() {
        Tensor x = Tensor.of(3.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.softmax();
            assertThat(y.item()).isEqualTo(1.0);
            assertThat(tape.gradient(y, x).item()).isZero();
        }
        assertThat(Tensor.of(3.0).logSoftmax().item()).isZero();
    }

    @Test
    void softmaxGradientIsTheJacobianProduct() {
        double[] z = {0.3, -1.2, 2.0, 0.7};
        double[] w = {1.5, -0.5, 0.25, 2.0};
        Tensor x = Tensor.of(z);
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            g = tape.gradient(x.softmax().mul(Tensor.of(w)).sum(), x);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        double dot = 0;
        double[] p = new double[4];
        for (int i = 0; i < 4; i++) {
            p[i] = Math.exp(z[i]) / sum;
            dot += p[i] * w[i];
        }
        for (int i = 0; i < 4; i++) {
            assertThat(g.getDouble(i)).isCloseTo(p[i] * (w[i] - dot), within(1e-15));
        }
    }

    @Test
    void logSoftmaxGradientIsOneHotMinusSoftmax() {
        Tensor x = Tensor.of(new double[][] {{2, 3, 1}});
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            g = tape.gradient(x.logSoftmax().slice(1, 1, 2).sum(), x);
        }
        Tensor p = x.softmax();
        assertThat(g.getDouble(0, 0)).isCloseTo(-p.getDouble(0, 0), within(1e-15));
        assertThat(g.getDouble(0, 1)).isCloseTo(1 - p.getDouble(0, 1), within(1e-15));
    }

    @Test
    void secondDerivativesThroughSoftmaxAndSoftplus() {
        // d2/dx2 softplus = sigmoid'(x); d2/dz0^2 of softmax(z)[0] = p0 (1 - p0) (1 - 2 p0).
        Tensor x = Tensor.of(new double[] {0.4});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor g;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                g = inner.gradient(x.softplus().sum(), x);
            }
            double s = sigmoid(0.4);
            assertThat(outer.gradient(g.sum(), x).item()).isCloseTo(s * (1 - s), within(1e-14));
        }
        Tensor z = Tensor.of(new double[] {0.5, -0.25, 1.0});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(z);
            Tensor g;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(z);
                g = inner.gradient(z.softmax().slice(0, 0, 1).sum(), z);
            }
            Tensor h = outer.gradient(g.slice(0, 0, 1).sum(), z);
            double p0 = z.softmax().getDouble(0);
            assertThat(h.getDouble(0)).isCloseTo(p0 * (1 - p0) * (1 - 2 * p0), within(1e-14));
        }
    }

    @Test
    void softmaxAxisOutOfRange() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).softmax(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax: axis 2 is out of range for rank 2");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).logSoftmax(-3))
                .hasMessageContaining("logSoftmax: axis -3 is out of range for rank 2");
        assertThatThrownBy(() -> Tensor.of(1f).softmax(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("softmax: axis 1 is out of range for a scalar (valid: 0 or -1)");
    }

    // ------------------------------------------------------------------ dropout

    @Test
    void dropoutZeroesAboutRateAndScalesTheRest() {
        Tensor x = Tensor.ones(100, 100);
        Tensor y = x.dropout(0.3, new Rng(1));
        float[] v = y.toFloatArray();
        int zeros = 0;
        for (float f : v) {
            if (f == 0) {
                zeros++;
            } else {
                assertThat(f).isEqualTo((float) (1 / 0.7));
            }
        }
        assertThat(zeros).isBetween(2800, 3200);
        assertThat(y.shape()).isEqualTo(x.shape());
    }

    @Test
    void dropoutIsReproducibleFromTheSeedAndRateZeroIsIdentity() {
        Tensor x = Tensor.randomNormal(new Rng(3), DType.FLOAT64, 0, 1, 7, 5);
        assertThat(x.dropout(0.5, new Rng(9)).contentEquals(x.dropout(0.5, new Rng(9)))).isTrue();
        assertThat(x.dropout(0.5, new Rng(9)).contentEquals(x.dropout(0.5, new Rng(10)))).isFalse();
        assertThat(x.dropout(0, new Rng(9))).isSameAs(x);
        // The generator advances: two calls on one Rng draw different masks.
        Rng rng = new Rng(4);
        assertThat(x.dropout(0.5, rng).contentEquals(x.dropout(0.5, rng))).isFalse();
    }

    @Test
    void dropoutGradientIsTheScaledMask() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.dropout(0.5, new Rng(2));
            Tensor g = tape.gradient(y.sum(), x);
            for (int i = 0; i < 8; i++) {
                assertThat(g.getDouble(i)).isEqualTo(y.getDouble(i) == 0 ? 0.0 : 2.0);
            }
        }
    }

    @Test
    void dropoutRejectsBadRates() {
        Tensor x = Tensor.ones(3);
        for (double rate : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> x.dropout(rate, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dropout: rate must be in [0, 1), got " + rate);
        }
        assertThatThrownBy(() -> x.dropout(0.5, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dropout: rng");
    }

    // ------------------------------------------------------------------ one-hot

    @Test
    void oneHot() {
        Tensor y = Tensor.of(new long[][] {{0, 2}, {1, 1}}).oneHot(3);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(y.toFloatArray()).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0);
        assertThat(Tensor.of(2L).oneHot(4).toFloatArray()).containsExactly(0, 0, 1, 0);
        assertThat(Tensor.of(new long[0]).oneHot(2).shape()).isEqualTo(Shape.of(0, 2));
        assertThat(new OneHot(3).isDifferentiable()).isFalse();
    }

    @Test
    void oneHotErrors() {
        assertThatThrownBy(() -> Tensor.of(new long[] {0, 5}).oneHot(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oneHot: index 5 at flat position 1 of indices [2] is out of range for depth 3"
                        + " (valid: 0 to 2)");
        assertThatThrownBy(() -> Tensor.of(new long[] {-1}).oneHot(3)).hasMessageContaining("index -1");
        assertThatThrownBy(() -> Tensor.of(new float[] {0, 1}).oneHot(3))
                .hasMessage("oneHot: indices must be int64, got float32 [2]");
        assertThatThrownBy(() -> Tensor.of(new long[] {0}).oneHot(0)).hasMessage("oneHot: depth must be >= 1, got 0");
    }
}
