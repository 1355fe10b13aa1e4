package jgrad.nn.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keras's weight constraints: their formulas, configs, and their application after each optimizer step. */
class ConstraintsTest {
    private static final double EPS = 1e-7;
    private static final Tensor W = Tensor.of(new double[][] {{3, 4}, {0, 0.5}, {-4, 1}});

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(9);
    }

    private static double[] column(double[][] w, int j) {
        double[] c = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i][j];
        }
        return c;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void maxNormRescalesOnlyColumnsAboveTheLimit() {
        double[][] y = new MaxNorm(4.5).apply(W).toDoubleArray2D();
        // Column 0 has norm 5 > 4.5: scaled to 4.5; column 1 has norm sqrt(17.25) < 4.5: kept (up to eps).
        assertThat(norm(column(y, 0))).isCloseTo(4.5, within(1e-6));
        assertThat(y[0][0]).isCloseTo(3 * 4.5 / (5 + EPS), within(1e-12));
        assertThat(y[1][1]).isCloseTo(0.5 * Math.sqrt(17.25) / (Math.sqrt(17.25) + EPS), within(1e-12));
        // Along axis 1, each row is a slice.
        double[][] rows = new MaxNorm(2, 1).apply(W).toDoubleArray2D();
        assertThat(norm(rows[0])).isCloseTo(2, within(1e-6));
        assertThat(rows[1][1]).isCloseTo(0.5, within(1e-6));
        assertThat(new MaxNorm()).isEqualTo(new MaxNorm(2, 0));
    }

    @Test
    void nonNegUnitNormAndMinMaxNorm() {
        assertThat(new NonNeg().apply(W).toDoubleArray()).containsExactly(new double[] {3, 4, 0, 0.5, 0, 1},
                within(0.0));
        double[][] u = new UnitNorm().apply(W).toDoubleArray2D();
        assertThat(norm(column(u, 0))).isCloseTo(1, within(1e-6));
        assertThat(norm(column(u, 1))).isCloseTo(1, within(1e-6));
        double[][] mm = new MinMaxNorm(4.5, 6).apply(W).toDoubleArray2D();
        assertThat(norm(column(mm, 0))).isCloseTo(5, within(1e-6));
        assertThat(norm(column(mm, 1))).isCloseTo(4.5, within(1e-6));
        // rate 0.5 moves half way: column 1 from sqrt(17.25) towards 4.5.
        double[][] half = new MinMaxNorm(4.5, 6, 0.5, new int[] {0}).apply(W).toDoubleArray2D();
        assertThat(norm(column(half, 1))).isCloseTo((Math.sqrt(17.25) + 4.5) / 2, within(1e-6));
        // Several axes: the norm of each filter of a conv kernel [kh, kw, in, out].
        Tensor k = Tensor.randomNormal(new Rng(1), DType.FLOAT64, 0, 3, 3, 3, 2, 4);
        Tensor n = new MaxNorm(1, new int[] {0, 1, 2}).apply(k).square().sum(new int[] {0, 1, 2}, false).sqrt();
        for (double v : n.toDoubleArray()) {
            assertThat(v).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void configsRoundTripAndNamesResolve() {
        List<Constraint> all = List.of(new MaxNorm(3, new int[] {0, 1, 2}), new NonNeg(), new UnitNorm(1),
                new MinMaxNorm(0.5, 2, 0.7, new int[] {0}));
        for (Constraint c : all) {
            Map<String, Object> m = Constraints.toConfig("layer", c);
            assertThat(Constraints.fromConfigObject(m)).isEqualTo(c);
        }
        assertThat(Constraints.get("max_norm")).isEqualTo(new MaxNorm());
        assertThat(Constraints.get("NonNeg")).isEqualTo(new NonNeg());
        assertThat(Constraints.get("unit_norm")).isEqualTo(new UnitNorm());
        assertThat(Constraints.get("MinMaxNorm")).isEqualTo(new MinMaxNorm());
        assertThat(new MaxNorm(3, new int[] {0, 1}).config()).containsEntry("max_value", 3.0)
                .containsEntry("axis", List.of(0, 1));
        assertThat(new UnitNorm().config()).containsEntry("axis", 0);
        assertThatThrownBy(() -> Constraints.get("clip")).hasMessageContaining("unknown constraint 'clip'");
        assertThatThrownBy(() -> Constraints.toConfig("conv", w -> w))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("layer 'conv'");
        assertThatThrownBy(() -> new MaxNorm(-1)).hasMessageContaining("max_value must be >= 0");
        assertThatThrownBy(() -> new MinMaxNorm(2, 1)).hasMessageContaining("min_value <= max_value");
        assertThatThrownBy(() -> new UnitNorm(2).apply(W)).hasMessageContaining("axis 2 is out of range");
    }

    @Test
    void optimizerAppliesTheConstraintAfterEachStep() {
        Conv2D conv = Conv2D.builder(2, 2).kernelConstraint(new NonNeg()).biasConstraint(new MaxNorm(0.1)).build();
        Tensor x = Tensor.randomNormal(new Rng(2), 0, 1, 4, 3, 3, 1);
        conv.call(x);
        List<Variable> vars = conv.trainableWeights();
        assertThat(Constraints.of(conv.kernel())).isEqualTo(new NonNeg());
        SGD sgd = new SGD(10);
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            // A loss that pushes every kernel weight down and the bias up, far past the constraints.
            Tensor loss = conv.call(x).sum().mul(1).add(conv.kernel().sum().mul(5)).sub(conv.bias().sum().mul(5));
            grads = tape.gradient(loss, vars);
        }
        double[] before = conv.kernel().toDoubleArray();
        double[] g = grads.get(0).toDoubleArray();
        sgd.apply(grads, vars);
        // Exactly SGD's step, then NonNeg's projection: max(w - lr * g, 0); the step alone goes negative.
        double[] after = conv.kernel().toDoubleArray();
        int negative = 0;
        for (int i = 0; i < after.length; i++) {
            double step = before[i] - 10 * g[i];
            negative += step < 0 ? 1 : 0;
            assertThat(after[i]).isCloseTo(Math.max(step, 0), within(1e-4));
        }
        assertThat(negative).isGreaterThan(0);
        assertThat(norm(conv.bias().value().toDoubleArray())).isLessThanOrEqualTo(0.1 + 1e-6);
    }

    @Test
    void fitKeepsEveryFilterWithinItsMaxNorm() {
        Sequential m = new Sequential(Input.of(6, 6, 1),
                Conv2D.builder(3, 3).kernelConstraint(new MaxNorm(0.5, new int[] {0, 1, 2})).build(), new Flatten());
        m.compile(new Adam(0.5), "mse");
        Tensor x = Tensor.randomNormal(new Rng(3), 0, 1, 16, 6, 6, 1);
        Tensor y = Tensor.randomNormal(new Rng(4), 0, 5, 16, 48);
        m.fit(x, y, FitOptions.builder().epochs(2).batchSize(8).verbose(0).build());
        Conv2D conv = (Conv2D) m.getLayer(0);
        Tensor norms = conv.kernel().value().square().sum(new int[] {0, 1, 2}, false).sqrt();
        assertThat(norms.max().item()).isLessThanOrEqualTo(0.5 + 1e-5);
        assertThat(norms.max().item()).isGreaterThan(0.4);
    }
}
