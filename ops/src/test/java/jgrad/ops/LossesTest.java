package jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;
import org.junit.jupiter.api.Test;

/**
 * Loss values against references computed with NumPy using Keras's formulas, the reductions, the
 * gradients with known closed forms, and the error messages.
 */
class LossesTest {
    private static final Tensor Y_TRUE = Tensor.of(new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.0, -0.5}});
    private static final Tensor Y_PRED = Tensor.of(new double[][] {{0.0, -0.5, 3.5}, {1.0, 0.25, 0.5}});
    private static final Tensor LABELS = Tensor.of(new double[][] {{0, 1, 1}, {1, 0, 0}});
    private static final Tensor ONE_HOT = Tensor.of(new double[][] {{0, 1, 0}, {0, 0, 1}});

    private static void assertLoss(Tensor loss, double... perSample) {
        double mean = 0;
        for (double v : perSample) {
            mean += v / perSample.length;
        }
        assertThat(loss.shape()).isEqualTo(Shape.scalar());
        assertThat(loss.item()).isCloseTo(mean, within(1e-9));
    }

    private static void assertPerSample(Tensor loss, double... perSample) {
        assertThat(loss.shape()).isEqualTo(Shape.of(perSample.length));
        assertThat(loss.toDoubleArray()).containsExactly(perSample, within(1e-9));
    }

    @Test
    void meanSquaredError() {
        assertLoss(Losses.meanSquaredError(Y_TRUE, Y_PRED), 0.9166666667, 0.4375);
        assertPerSample(Losses.meanSquaredError(Y_TRUE, Y_PRED, Reduction.NONE), 0.9166666667, 0.4375);
        assertThat(Losses.meanSquaredError(Y_TRUE, Y_PRED, Reduction.SUM).item()).isCloseTo(1.3541666667,
                within(1e-9));
    }

    @Test
    void meanAbsoluteError() {
        assertLoss(Losses.meanAbsoluteError(Y_TRUE, Y_PRED), 0.8333333333, 0.5833333333);
    }

    @Test
    void huber() {
        assertLoss(Losses.huber(Y_TRUE, Y_PRED), 0.4166666667, 0.21875);
        assertLoss(Losses.huber(Y_TRUE, Y_PRED, 0.3), 0.205, 0.1304166667);
        assertThatThrownBy(() -> Losses.huber(Y_TRUE, Y_PRED, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber: delta must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> Losses.huber(Y_TRUE, Y_PRED, Double.NaN)).hasMessageContaining("got NaN");
    }

    @Test
    void poisson() {
        Tensor t = Tensor.of(new double[][] {{1, 0, 3}, {2, 1, 0}});
        Tensor p = Tensor.of(new double[][] {{0.5, 0.2, 2.5}, {2.5, 1.5, 0.1}});
        assertLoss(Losses.poisson(t, p), 0.3814248883, 0.6206510938);
    }

    @Test
    void binaryCrossEntropyClipsLikeKeras() {
        Tensor p = Tensor.of(new double[][] {{0.1, 0.8, 0.6}, {0.99, 0.3, 0.0}});
        assertLoss(Losses.binaryCrossEntropy(LABELS, p), 0.2797765636, 0.1222417933);
        // A confident wrong prediction costs -log(1e-7), not infinity, and its gradient is cut by the clip.
        Tensor wrong = Tensor.of(new double[] {0.0});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(wrong);
            Tensor loss = Losses.binaryCrossEntropy(Tensor.of(new double[] {1}), wrong);
            assertThat(loss.item()).isCloseTo(-Math.log(1e-7), within(1e-9));
            assertThat(tape.gradient(loss, wrong).item()).isZero();
        }
        Tensor sure = Losses.binaryCrossEntropy(Tensor.of(new float[] {1, 0}), Tensor.of(new float[] {1, 0}));
        assertThat(sure.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(sure.item()).isFinite().isLessThan(1e-6);
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStableAndHasGradientSigmoidMinusY() {
        Tensor z = Tensor.of(new double[][] {{-2, 1.5, 0.3}, {4, -0.7, -30}});
        assertLoss(Losses.binaryCrossEntropyWithLogits(LABELS, z), 0.2942321778, 0.1404453256);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(z);
            Tensor g = tape.gradient(Losses.binaryCrossEntropyWithLogits(LABELS, z), z);
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    double s = 1 / (1 + Math.exp(-z.getDouble(r, c)));
                    assertThat(g.getDouble(r, c)).isCloseTo((s - LABELS.getDouble(r, c)) / 6, within(1e-15));
                }
            }
        }
        Tensor huge = Losses.binaryCrossEntropyWithLogits(Tensor.of(new float[][] {{1}, {0}}),
                Tensor.of(new float[][] {{-200}, {300}}), Reduction.NONE);
        assertThat(huge.toFloatArray()).containsExactly(200f, 300f);
        // Probabilities and logits agree where the clip does not bite.
        assertThat(Losses.binaryCrossEntropy(LABELS, z.sigmoid()).item())
                .isCloseTo(Losses.binaryCrossEntropyWithLogits(LABELS, z).item(), within(1e-7));
    }

    @Test
    void hingeConvertsZeroOneLabels() {
        Tensor p = Tensor.of(new double[][] {{0.3, -0.2, 1.5}, {-0.8, 0.9, -2.0}});
        assertLoss(Losses.hinge(LABELS, p), 0.8333333333, 1.2333333333);
        assertLoss(Losses.squaredHinge(LABELS, p), 1.0433333333, 2.2833333333);
        Tensor plusMinus = Tensor.of(new double[][] {{-1, 1, 1}, {1, -1, -1}});
        assertThat(Losses.hinge(plusMinus, p).item()).isEqualTo(Losses.hinge(LABELS, p).item());
        Tensor intLabels = Tensor.of(new long[][] {{0, 1, 1}, {1, 0, 0}});
        assertThat(Losses.squaredHinge(intLabels, p).item()).isCloseTo(Losses.squaredHinge(LABELS, p).item(),
                within(1e-15));
    }

    @Test
    void categoricalCrossEntropyRenormalisesAndClipsLikeKeras() {
        Tensor p = Tensor.of(new double[][] {{0.2, 0.7, 0.1}, {0.3, 0.3, 0.4}});
        assertLoss(Losses.categoricalCrossEntropy(ONE_HOT, p), 0.3566749439, 0.9162907319);
        // Unnormalised scores are rescaled to sum to 1: [1, 2, 1] -> [0.25, 0.5, 0.25].
        Tensor loss = Losses.categoricalCrossEntropy(Tensor.of(new double[] {0, 1, 0}), Tensor.of(new double[] {1, 2, 1}));
        assertThat(loss.item()).isCloseTo(Math.log(2), within(1e-12));
        Tensor zero = Losses.categoricalCrossEntropy(Tensor.of(new double[] {1, 0}), Tensor.of(new double[] {0, 1}));
        assertThat(zero.item()).isCloseTo(-Math.log(1e-7), within(1e-9));
    }

    @Test
    void categoricalCrossEntropyWithLogits() {
        Tensor z = Tensor.of(new double[][] {{2, 3, 1}, {0.5, -1, 2}});
        assertLoss(Losses.categoricalCrossEntropyWithLogits(ONE_HOT, z), 0.4076059644, 0.2413112967);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(z);
            Tensor g = tape.gradient(Losses.categoricalCrossEntropyWithLogits(ONE_HOT, z), z);
            Tensor expected = z.softmax().sub(ONE_HOT).div(2);
            assertThat(g.allClose(expected, 0, 1e-15)).as("%s vs %s", g, expected).isTrue();
        }
        Tensor huge = Losses.categoricalCrossEntropyWithLogits(Tensor.of(new float[] {0, 1}),
                Tensor.of(new float[] {1000, 0}));
        assertThat(huge.item()).isEqualTo(1000.0);
    }

    @Test
    void sparseCategoricalCrossEntropyEqualsTheOneHotForm() {
        Tensor labels = Tensor.of(new long[] {1, 2});
        Tensor p = Tensor.of(new double[][] {{0.2, 0.7, 0.1}, {0.3, 0.3, 0.4}});
        assertLoss(Losses.sparseCategoricalCrossEntropy(labels, p), 0.3566749439, 0.9162907319);
        Tensor z = Tensor.of(new double[][] {{2, 3, 1}, {0.5, -1, 2}});
        assertLoss(Losses.sparseCategoricalCrossEntropyWithLogits(labels, z), 0.4076059644, 0.2413112967);
        // Keras also accepts labels with a trailing axis of size 1.
        Tensor column = Tensor.of(new long[][] {{1}, {2}});
        assertPerSample(Losses.sparseCategoricalCrossEntropyWithLogits(column, z, Reduction.NONE), 0.4076059644,
                0.2413112967);
        Tensor z32 = Tensor.of(new float[][] {{2, 3, 1}, {0.5f, -1, 2}});
        Tensor l32 = Losses.sparseCategoricalCrossEntropyWithLogits(labels, z32);
        assertThat(l32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(l32.item()).isCloseTo(0.32445863, within(1e-6));
    }

    @Test
    void sparseLabelErrors() {
        Tensor p = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossEntropy(Tensor.of(new long[] {0, 3}), p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sparseCategoricalCrossEntropy: label 3 at flat position 1 of yTrue [2] is out of range"
                        + " for 3 classes (valid: 0 to 2)");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossEntropyWithLogits(Tensor.of(new long[] {-1, 0}), p))
                .hasMessageContaining("sparseCategoricalCrossEntropyWithLogits: label -1");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossEntropy(Tensor.of(new float[] {0, 1}), p))
                .hasMessageContaining("yTrue must hold int64 class indices, got float32 [2]");
        assertThatThrownBy(() -> Losses.sparseCategoricalCrossEntropy(Tensor.of(new long[] {0, 1, 2}), p))
                .hasMessage("sparseCategoricalCrossEntropy: yTrue [3] and yPred [2, 3] do not fit: yTrue must have"
                        + " yPred's shape without its last (class) axis, [2]");
    }

    @Test
    void kullbackLeiblerDivergenceIgnoresZeroTargets() {
        Tensor t = Tensor.of(new double[][] {{0.2, 0.8, 0}, {0.5, 0.25, 0.25}});
        Tensor p = Tensor.of(new double[][] {{0.3, 0.6, 0.1}, {0.4, 0.4, 0.2}});
        assertLoss(Losses.kullbackLeiblerDivergence(t, p), 0.1490512548, 0.0498567562);
        assertThat(Losses.kullbackLeiblerDivergence(p, p).item()).isCloseTo(0, within(1e-15));
    }

    @Test
    void gradientsOfMeanSquaredErrorForBothArguments() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(Y_TRUE, Y_PRED);
            var g = tape.gradient(Losses.meanSquaredError(Y_TRUE, Y_PRED), Y_TRUE, Y_PRED);
            Tensor expected = Y_PRED.sub(Y_TRUE).mul(2.0 / 6);
            assertThat(g.get(1).allClose(expected, 0, 1e-15)).isTrue();
            assertThat(g.get(0).allClose(expected.neg(), 0, 1e-15)).isTrue();
        }
    }

    @Test
    void reductionsAndShapes() {
        Tensor perSample = Losses.categoricalCrossEntropyWithLogits(ONE_HOT, Y_PRED, Reduction.NONE);
        assertThat(perSample.shape()).isEqualTo(Shape.of(2));
        assertThat(Losses.categoricalCrossEntropyWithLogits(ONE_HOT, Y_PRED, Reduction.SUM).item())
                .isCloseTo(perSample.getDouble(0) + perSample.getDouble(1), within(1e-15));
        // Rank 3: per-sample losses keep every axis but the last.
        Tensor t3 = Tensor.zeros(DType.FLOAT64, 2, 4, 3);
        assertThat(Losses.meanSquaredError(t3, t3, Reduction.NONE).shape()).isEqualTo(Shape.of(2, 4));
        // A scalar pair is one sample; an empty batch has loss 0, not NaN.
        assertThat(Losses.meanAbsoluteError(Tensor.of(2.0), Tensor.of(-1.0)).item()).isEqualTo(3.0);
        assertThat(Losses.meanSquaredError(Tensor.zeros(0, 3), Tensor.zeros(0, 3)).item()).isZero();
        assertThat(Losses.meanSquaredError(Tensor.zeros(0, 3), Tensor.zeros(0, 3), Reduction.NONE).shape())
                .isEqualTo(Shape.of(0));
    }

    @Test
    void yTrueIsCastToThePredictionsDtype() {
        Tensor t32 = Tensor.of(new float[] {1, 0, 1});
        Tensor p64 = Tensor.of(new double[] {0.9, 0.2, 0.6});
        Tensor loss = Losses.binaryCrossEntropy(t32, p64);
        assertThat(loss.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(loss.item()).isCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3, within(1e-12));
    }

    @Test
    void shapeMismatchAndDtypeErrorsNameTheLoss() {
        assertThatThrownBy(() -> Losses.meanSquaredError(Tensor.zeros(2, 3), Tensor.zeros(2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meanSquaredError: yTrue [2, 3] and yPred [2, 1] must have the same shape");
        assertThatThrownBy(() -> Losses.categoricalCrossEntropy(Tensor.zeros(4), Tensor.zeros(4, 1)))
                .hasMessage("categoricalCrossEntropy: yTrue [4] and yPred [4, 1] must have the same shape");
        assertThatThrownBy(() -> Losses.kullbackLeiblerDivergence(Tensor.of(1f), Tensor.of(1f)))
                .hasMessage("kullbackLeiblerDivergence: yPred must have a class axis (rank >= 1), got a scalar");
        assertThatThrownBy(() -> Losses.hinge(Tensor.zeros(2), Tensor.of(new long[] {1, 1})))
                .hasMessage("hinge: yPred must be float32 or float64, got int64 [2]");
        assertThatThrownBy(() -> Losses.poisson(null, Tensor.zeros(2))).isInstanceOf(NullPointerException.class)
                .hasMessage("poisson: yTrue is null");
        assertThatThrownBy(() -> Losses.poisson(Tensor.zeros(2), Tensor.zeros(2), null))
                .isInstanceOf(NullPointerException.class).hasMessage("poisson: reduction is null");
    }
}
