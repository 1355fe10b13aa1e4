package jgrad.nn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;
import org.junit.jupiter.api.Test;

class LossTest {
    static final Tensor Y = Tensor.of(new double[][] {{0, 1}, {1, 1}});
    static final Tensor P = Tensor.of(new double[][] {{0.2, 0.6}, {0.9, 0.5}});

    @Test
    void lookupByKerasNamesAndAliases() {
        assertThat(Loss.get("mse")).isInstanceOf(MeanSquaredError.class);
        assertThat(Loss.get("MeanSquaredError")).isInstanceOf(MeanSquaredError.class);
        assertThat(Loss.get("mae")).isInstanceOf(MeanAbsoluteError.class);
        assertThat(Loss.get("mape")).isInstanceOf(MeanAbsolutePercentageError.class);
        assertThat(Loss.get("msle")).isInstanceOf(MeanSquaredLogarithmicError.class);
        assertThat(Loss.get("huber")).isInstanceOf(Huber.class);
        assertThat(Loss.get("log_cosh")).isInstanceOf(LogCosh.class);
        assertThat(Loss.get("binary_crossentropy")).isInstanceOf(BinaryCrossentropy.class);
        assertThat(Loss.get("categorical_crossentropy")).isInstanceOf(CategoricalCrossentropy.class);
        assertThat(Loss.get("sparse_categorical_crossentropy")).isInstanceOf(SparseCategoricalCrossentropy.class);
        assertThat(Loss.get("poisson")).isInstanceOf(Poisson.class);
        assertThat(Loss.get("hinge")).isInstanceOf(Hinge.class);
        assertThat(Loss.get("squared_hinge")).isInstanceOf(SquaredHinge.class);
        assertThat(Loss.get("kld")).isInstanceOf(KLDivergence.class);
        assertThatThrownBy(() -> Loss.get("cross")).hasMessageContaining("unknown loss 'cross'");
        Loss withSettings = Loss.get("binary_crossentropy", Map.of("from_logits", true, "reduction", "sum"));
        assertThat(((BinaryCrossentropy) withSettings).fromLogits()).isTrue();
        assertThat(withSettings.reduction()).isEqualTo(Reduction.SUM);
        assertThat(Loss.get("huber", new Huber(2.0).config())).satisfies(l -> assertThat(((Huber) l).delta()).isEqualTo(2));
    }

    @Test
    void regressionLossesByHand() {
        assertThat(new MeanSquaredError().call(Y, P).item()).isEqualTo((0.04 + 0.16 + 0.01 + 0.25) / 4, within(1e-12));
        assertThat(new MeanAbsoluteError().call(Y, P).item()).isEqualTo((0.2 + 0.4 + 0.1 + 0.5) / 4, within(1e-12));
        Tensor yt = Tensor.of(new double[][] {{2, 4}});
        Tensor yp = Tensor.of(new double[][] {{1, 5}});
        assertThat(new MeanAbsolutePercentageError().call(yt, yp).item()).isEqualTo(100 * (0.5 + 0.25) / 2, within(1e-9));
        double msle = (Math.pow(Math.log(2) - Math.log(3), 2) + Math.pow(Math.log(6) - Math.log(5), 2)) / 2;
        assertThat(new MeanSquaredLogarithmicError().call(yt, yp).item()).isEqualTo(msle, within(1e-12));
        double lc = (Math.log(Math.cosh(-1)) + Math.log(Math.cosh(1))) / 2;
        assertThat(new LogCosh().call(yt, yp).item()).isEqualTo(lc, within(1e-12));
        assertThat(new LogCosh().call(Tensor.of(new double[][] {{0}}), Tensor.of(new double[][] {{1000}})).item())
                .isEqualTo(1000 - Math.log(2), within(1e-9));
        assertThat(new Huber(1).call(yt, Tensor.of(new double[][] {{2.5, 1}})).item())
                .isEqualTo((0.5 * 0.25 + (3 - 0.5)) / 2, within(1e-12));
    }

    @Test
    void crossEntropiesWithLogitsAndLabelSmoothing() {
        double bce = -(Math.log(0.8) + Math.log(0.6) + Math.log(0.9) + Math.log(0.5)) / 4;
        assertThat(new BinaryCrossentropy().call(Y, P).item()).isEqualTo(bce, within(1e-9));
        Tensor logits = Tensor.of(new double[][] {{0.3, -1.2}});
        Tensor yb = Tensor.of(new double[][] {{1, 0}});
        assertThat(new BinaryCrossentropy(true).call(yb, logits).item())
                .isEqualTo(new BinaryCrossentropy().call(yb, logits.sigmoid()).item(), within(1e-7));
        double s = 0.2;
        Tensor ys = Tensor.of(new double[][] {{1}});
        Tensor ps = Tensor.of(new double[][] {{0.7}});
        double target = 1 * (1 - s) + 0.5 * s;
        double expected = -(target * Math.log(0.7) + (1 - target) * Math.log(0.3));
        assertThat(new BinaryCrossentropy(false, s, Reduction.MEAN).call(ys, ps).item()).isEqualTo(expected, within(1e-9));

        Tensor oneHot = Tensor.of(new double[][] {{0, 1, 0}});
        Tensor z = Tensor.of(new double[][] {{2, 3, 1}});
        double ce = -Math.log(Math.exp(3) / (Math.exp(2) + Math.exp(3) + Math.exp(1)));
        assertThat(new CategoricalCrossentropy(true).call(oneHot, z).item()).isEqualTo(ce, within(1e-12));
        assertThat(new CategoricalCrossentropy().call(oneHot, z.softmax()).item()).isEqualTo(ce, within(1e-7));
        Tensor label = Tensor.of(new long[] {1});
        assertThat(new SparseCategoricalCrossentropy(true).call(label, z).item()).isEqualTo(ce, within(1e-12));
        assertThat(new SparseCategoricalCrossentropy(true).call(Tensor.of(new double[] {1}), z).item())
                .isEqualTo(ce, within(1e-12));
        double smooth = 0.3;
        double[] t = {smooth / 3, 1 - smooth + smooth / 3, smooth / 3};
        double[] logp = {2 - Math.log(Math.exp(2) + Math.exp(3) + Math.exp(1)), 3 - Math.log(Math.exp(2) + Math.exp(3)
                + Math.exp(1)), 1 - Math.log(Math.exp(2) + Math.exp(3) + Math.exp(1))};
        double want = -(t[0] * logp[0] + t[1] * logp[1] + t[2] * logp[2]);
        assertThat(new CategoricalCrossentropy(true, smooth, Reduction.MEAN).call(oneHot, z).item())
                .isEqualTo(want, within(1e-12));
    }

    @Test
    void sampleWeightsAndReductions() {
        Tensor w = Tensor.of(new double[] {1, 3});
        double s0 = (0.04 + 0.16) / 2;
        double s1 = (0.01 + 0.25) / 2;
        assertThat(new MeanSquaredError().call(Y, P, w).item()).isEqualTo((s0 + 3 * s1) / 2, within(1e-12));
        assertThat(new MeanSquaredError(Reduction.SUM).call(Y, P).item()).isEqualTo(s0 + s1, within(1e-12));
        assertThat(new MeanSquaredError(Reduction.NONE).call(Y, P).toDoubleArray()).containsExactly(new double[] {s0, s1},
                within(1e-12));
        assertThatThrownBy(() -> new MeanSquaredError().call(Y, P, Tensor.ones(3)))
                .hasMessageContaining("sampleWeight has shape [3], expected [2]");
        assertThatThrownBy(() -> new MeanAbsolutePercentageError().call(Y, Tensor.ones(2, 3)))
                .hasMessageContaining("yTrue has shape [2, 2] but yPred has [2, 3]");
    }

    @Test
    void customLossFromAFunctionIsDifferentiable() {
        Loss cube = Loss.of("cube", (y, p) -> p.sub(y).abs().pow(3).mean(-1));
        Tensor p = Tensor.of(new double[][] {{2}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(p);
            Tensor l = cube.call(Tensor.of(new double[][] {{0}}), p);
            assertThat(l.item()).isEqualTo(8.0);
            assertThat(tape.gradient(l, p).item()).isEqualTo(12.0, within(1e-9));
        }
        assertThat(cube.name()).isEqualTo("cube");
    }
}
