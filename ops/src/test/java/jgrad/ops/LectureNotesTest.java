package jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the lecture notes (../shared/seeds) with the numbers the notes print, to
 * the precision they print them: what a student reproduces with jgrad must match the page.
 */
class LectureNotesTest {
    private static final Tensor AND_X = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final Tensor AND_Y = Tensor.of(new float[][] {{0}, {0}, {0}, {1}});

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    // ------------------------------------------------------------------ notes 002, section 2.4

    @Test
    void andPerceptronLogLoss() {
        // 002 §2.4: w = [2, 2], b = -3.3, a = sigmoid(Xw + b); "Log loss = 0.23035562".
        Variable w = Variable.of(new float[][] {{2}, {2}});
        Variable b = Variable.of(-3.3f);
        Tensor a = AND_X.matmul(w).add(b).sigmoid();
        assertThat(a.round().toFloatArray()).containsExactly(0, 0, 0, 1); // "Predicted output = [[0] [0] [0] [1]]"
        Tensor loss = Losses.binaryCrossEntropy(AND_Y, a);
        assertThat(loss.item()).isCloseTo(0.23035562, within(1e-6));
        // The note's spelled-out form: reduce_sum(-(y log a + (1 - y) log(1 - a))) / n.
        Tensor spelled = AND_Y.mul(a.log()).add(AND_Y.neg().add(1).mul(a.neg().add(1).log())).neg().sum().div(4);
        assertThat(spelled.item()).isCloseTo(0.23035562, within(1e-6));
    }

    @Test
    void andPerceptronTrainingLoopPrintsTheNotesLines() {
        // 002 §2.4: from w = [0.01, 0.01], b = 0.01 with eta = 0.01, ten tape steps print these lines.
        List<String> expected = List.of(
                "w = [+0.0100 +0.0100], b = +0.0075",
                "w = [+0.0099 +0.0099], b = +0.0049",
                "w = [+0.0099 +0.0099], b = +0.0024",
                "w = [+0.0099 +0.0099], b = -0.0002",
                "w = [+0.0099 +0.0099], b = -0.0027",
                "w = [+0.0099 +0.0099], b = -0.0052",
                "w = [+0.0098 +0.0098], b = -0.0077",
                "w = [+0.0098 +0.0098], b = -0.0102",
                "w = [+0.0098 +0.0098], b = -0.0127",
                "w = [+0.0098 +0.0098], b = -0.0152");
        Variable w = Variable.of(new float[][] {{0.01f}, {0.01f}});
        Variable b = Variable.of(0.01f);
        float eta = 0.01f;
        List<String> printed = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor a = AND_X.matmul(w).add(b).sigmoid();
                Tensor loss = Losses.binaryCrossEntropy(AND_Y, a);
                List<Tensor> g = tape.gradient(loss, w, b);
                w.assignAdd(g.get(0).mul(-eta));
                b.assignAdd(g.get(1).mul(-eta));
            }
            printed.add(String.format(Locale.ROOT, "w = [%+.4f %+.4f], b = %+.4f", w.getFloat(0, 0), w.getFloat(1, 0),
                    b.floatValue()));
        }
        assertThat(printed).containsExactlyElementsOf(expected);
        // Then "Predicted output = [[0] [0] [0] [1]]": only x = (1, 1) lifts w1 + w2 + b above 0.
        Tensor yHat = AND_X.matmul(w).add(b).sigmoid().round();
        assertThat(yHat.toFloatArray()).containsExactly(0, 0, 0, 1);
    }

    /** NumPy's printing with {@code floatmode='fixed', precision=4}: "[0.4750 0.5000]". */
    private static String numpy4(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : t.toDoubleArray()) {
            sb.append(sb.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return sb.append(']').toString();
    }

    @Test
    void batchGradientDescentOfExample22() {
        // 002 §2.2.3: sigmoid unit, loss sum((y_hat - y)^2) / (2n), eta 0.1, from w = [0.2, 0.1], b = -0.1.
        // The note's NumPy code computes the gradient by hand; here the tape does, and the printed
        // epochs 1, 2 and 5 must come out the same.
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[] {0, 1, 1, 1});
        Variable w = Variable.of(new double[] {0.2, 0.1});
        Variable b = Variable.of(-0.1);
        List<String> printed = new ArrayList<>();
        for (int epoch = 1; epoch <= 5; epoch++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor yHat = x.matmul(w).add(b).sigmoid();
                Tensor loss = Losses.meanSquaredError(y, yHat).mul(0.5);
                printed.add("Epoch " + epoch + ":");
                printed.add(String.format(Locale.ROOT, "y_hat = %s, loss = %.4f", numpy4(yHat), loss.item()));
                List<Tensor> g = tape.gradient(loss, w, b);
                printed.add(String.format(Locale.ROOT, "grad_w = %s, grad_b = %.4f", numpy4(g.get(0)), g.get(1).item()));
                w.assignAdd(g.get(0).mul(-0.1));
                b.assignAdd(g.get(1).mul(-0.1));
                printed.add(String.format(Locale.ROOT, "w = %s, b = %.4f", numpy4(w), b.item()));
            }
        }
        assertThat(printed.subList(0, 8)).containsExactly(
                "Epoch 1:",
                "y_hat = [0.4750 0.5000 0.5250 0.5498], loss = 0.1130",
                "grad_w = [-0.0575 -0.0591], grad_b = -0.0591",
                "w = [0.2057 0.1059], b = -0.0941",
                "Epoch 2:",
                "y_hat = [0.4765 0.5030 0.5279 0.5542], loss = 0.1120",
                "grad_w = [-0.0570 -0.0586], grad_b = -0.0583",
                "w = [0.2114 0.1118], b = -0.0883");
        assertThat(printed.subList(16, 20)).containsExactly(
                "Epoch 5:",
                "y_hat = [0.4808 0.5116 0.5364 0.5669], loss = 0.1090",
                "grad_w = [-0.0554 -0.0571], grad_b = -0.0559",
                "w = [0.2282 0.1290], b = -0.0712");
        // "predicted class = [0.0000 1.0000 1.0000 1.0000]"
        assertThat(numpy4(x.matmul(w).add(b).sigmoid().round())).isEqualTo("[0.0000 1.0000 1.0000 1.0000]");
    }

    // ------------------------------------------------------------------ notes 002, examples 2.4/2.5, 3.3/3.4

    @Test
    void xorHiddenLayerTable() {
        // 002 Example 2.5: w3 = [1.61 -2.00], b3 = -0.67, w4 = [4.16 -3.85], b4 = 2.39.
        Tensor w = Tensor.of(new float[][] {{1.61f, 4.16f}, {-2.00f, -3.85f}});
        Tensor b = Tensor.of(new float[] {-0.67f, 2.39f});
        Tensor a1 = AND_X.matmul(w).add(b).sigmoid();
        String[][] table = {{"0.34", "0.92"}, {"0.06", "0.19"}, {"0.72", "1.00"}, {"0.26", "0.94"}};
        for (int r = 0; r < 4; r++) {
            assertThat(f2(a1.getDouble(r, 0))).as("a3 row %d", r).isEqualTo(table[r][0]);
            assertThat(f2(a1.getDouble(r, 1))).as("a4 row %d", r).isEqualTo(table[r][1]);
        }
    }

    @Test
    void softmaxAndCategoricalCrossEntropyOfExample33() {
        // 002 Example 3.3/3.4: z = [2, 3, 1], "e^1 = 2.718, e^2 = 7.389, e^3 = 20.086". The note works the
        // softmax by hand from those three numbers; the loss depends on the target class.
        Tensor z = Tensor.of(new float[] {2, 3, 1});
        Tensor p = z.softmax();
        double total = 7.389 + 20.086 + 2.718;
        assertThat(p.getDouble(0)).isCloseTo(7.389 / total, within(1e-4));
        assertThat(p.getDouble(1)).isCloseTo(20.086 / total, within(1e-4));
        assertThat(p.getDouble(2)).isCloseTo(2.718 / total, within(1e-4));
        assertThat(new String[] {f3(p.getDouble(0)), f3(p.getDouble(1)), f3(p.getDouble(2))})
                .containsExactly("0.245", "0.665", "0.090");
        // Example 3.4: argmax(softmax(z)) = 1.
        assertThat(p.argmax(0).longValue()).isEqualTo(1L);
        // L_catlog = -sum_c y_c log(yhat_c) for each possible one-hot target, from probabilities and from logits.
        double[] expected = {-Math.log(7.389 / total), -Math.log(20.086 / total), -Math.log(2.718 / total)};
        for (int c = 0; c < 3; c++) {
            Tensor y = Tensor.of(new long[] {c}).oneHot(3).reshape(3);
            assertThat(Losses.categoricalCrossEntropy(y, p).item()).as("class %d", c).isCloseTo(expected[c],
                    within(1e-3));
            assertThat(Losses.categoricalCrossEntropyWithLogits(y, z).item()).isCloseTo(expected[c], within(1e-3));
        }
        assertThat(f3(Losses.categoricalCrossEntropyWithLogits(Tensor.of(new float[] {0, 1, 0}), z).item()))
                .isEqualTo("0.408");
    }

    // ------------------------------------------------------------------ notes 003, Dense forward/backward

    @Test
    void denseForwardBackwardOfNotes003() {
        // Two linear Dense layers (the note leaves activations out "for simplicity"), biases ones.
        Variable w1 = Variable.of(new float[][] {{0.5f, 1, 7, 3}, {1, 2, 1, 0.5f}});
        Variable b1 = Variable.of(Tensor.ones(1, 4));
        Variable w2 = Variable.of(new float[][] {{1, 2}, {0.5f, 0.5f}, {3, 1}, {2, 1}});
        Variable b2 = Variable.of(Tensor.ones(1, 2));
        Tensor x = Tensor.of(new float[][] {{3, 5}});
        Tensor y = Tensor.of(new float[][] {{1, 0}});
        List<Tensor> g;
        try (GradientTape tape = new GradientTape()) {
            Tensor h = x.matmul(w1).add(b1);
            assertThat(h.toFloatArray()).containsExactly(7.5f, 14f, 27f, 12.5f);
            Tensor o = h.matmul(w2).add(b2);
            assertThat(o.toFloatArray()).containsExactly(121.5f, 62.5f);
            // The note's code: np.mean((y_pred - y_true) ** 2), gradient 2 (o - y) / y.size.
            Tensor loss = Losses.meanSquaredError(y, o);
            assertThat(loss.item()).isEqualTo(9213.25);
            g = tape.gradient(loss, w1, b1, w2, b2);
        }
        assertThat(g.get(2).toFloatArray2D()).isDeepEqualTo(new float[][] {
            {903.75f, 468.75f}, {1687f, 875f}, {3253.5f, 1687.5f}, {1506.25f, 781.25f}});
        assertThat(g.get(3).toFloatArray()).containsExactly(120.5f, 62.5f);
        assertThat(g.get(0).toFloatArray2D()).isDeepEqualTo(new float[][] {
            {736.5f, 274.5f, 1272f, 910.5f}, {1227.5f, 457.5f, 2120f, 1517.5f}});
        // dL/dh = [120.5, 62.5] . w2^T is db1.
        assertThat(g.get(1).toFloatArray()).containsExactly(245.5f, 91.5f, 424f, 303.5f);

        float alpha = 0.001f;
        w1.assignSub(g.get(0).mul(alpha));
        b1.assignSub(g.get(1).mul(alpha));
        w2.assignSub(g.get(2).mul(alpha));
        b2.assignSub(g.get(3).mul(alpha));
        Tensor o = x.matmul(w1).add(b1).matmul(w2).add(b2);
        assertThat(f2(Losses.meanSquaredError(y, o).item())).isEqualTo("196.56"); // "Loss: 196.56"
    }

    // ------------------------------------------------------------------ notes 000, chapter 1

    private static final Tensor BLOB_Y = Tensor.of(new float[][] {{0}, {0}, {1}, {1}, {0}, {0}, {1}, {1}, {0}, {1}, {1},
        {0}});

    @Test
    void modelsAAndBMseAndBce() {
        Tensor a = Tensor.of(new float[][] {{0.17f}, {0.20f}, {0.85f}, {0.68f}, {0.22f}, {0.30f}, {0.82f}, {0.59f},
            {0.39f}, {0.70f}, {0.70f}, {0.37f}});
        assertThat(f3(Losses.meanSquaredError(BLOB_Y, a).item())).isEqualTo("0.083"); // "MSE: 0.083"
        assertThat(f3(Losses.binaryCrossEntropy(BLOB_Y, a).item())).isEqualTo("0.330"); // "BCE: 0.330"
        // Model B as its table lists it (the code listing beside it repeats 0.60 where the table has 0.51;
        // only the table's values give the printed 0.168 and 0.526).
        Tensor b = Tensor.of(new float[][] {{0.47f}, {0.35f}, {0.65f}, {0.58f}, {0.32f}, {0.39f}, {0.58f}, {0.59f},
            {0.49f}, {0.60f}, {0.51f}, {0.37f}});
        assertThat(f3(Losses.meanSquaredError(BLOB_Y, b).item())).isEqualTo("0.168"); // "MSE: 0.168"
        assertThat(f3(Losses.binaryCrossEntropy(BLOB_Y, b).item())).isEqualTo("0.526"); // "BCE: 0.526"
        // Both models classify all twelve points right.
        assertThat(a.greater(0.5).cast(DType.FLOAT32).contentEquals(BLOB_Y)).isTrue();
        assertThat(b.greater(0.5).cast(DType.FLOAT32).contentEquals(BLOB_Y)).isTrue();
    }

    @Test
    void forwardPassWithGivenWeights() {
        // 000 "Prediction process": y_pred = sigmoid(ReLU(X Wh + bh) Wo + bo) on the 12-point set.
        Tensor x = Tensor.of(new float[][] {{-0.05f, 0.14f}, {0.04f, 0.17f}, {0.67f, -0.09f}, {0.51f, 0.08f},
            {0.00f, 0.09f}, {0.11f, 0.09f}, {0.62f, -0.06f}, {0.32f, -0.03f}, {0.06f, -0.10f}, {0.58f, 0.12f},
            {0.46f, -0.02f}, {0.14f, 0.03f}});
        Tensor wh = Tensor.of(new float[][] {{1.17f, -1.20f, -1.07f, 0.58f}, {-1.31f, -0.12f, 1.11f, -0.68f}});
        Tensor bh = Tensor.of(new float[] {0.18f, 0.66f, 0.70f, 0.12f});
        Tensor wo = Tensor.of(new float[][] {{1.17f}, {-0.81f}, {-0.67f}, {1.48f}});
        Tensor bo = Tensor.of(new float[] {-0.38f});
        Tensor yPred = x.matmul(wh).add(bh).relu().matmul(wo).add(bo).sigmoid();
        String[] printed = {"0.17", "0.20", "0.85", "0.68", "0.22", "0.30", "0.82", "0.59", "0.39", "0.70", "0.70",
            "0.37"};
        for (int i = 0; i < 12; i++) {
            assertThat(f2(yPred.getDouble(i, 0))).as("y_pred[%d]", i).isEqualTo(printed[i]);
        }
        // "Accuracy = 100%".
        Tensor correct = yPred.greater(0.5).cast(DType.FLOAT32).equal(BLOB_Y).cast(DType.FLOAT32);
        assertThat(correct.mean().item()).isEqualTo(1.0);
    }

    // ------------------------------------------------------------------ notes 002, section 4.2-4.3: cross-correlation

    /** Example 4.3's 4x5 input and 3x3 edge-detection kernel, channels-last with batch and channel axes of 1. */
    private static final Tensor EX43_X = Tensor.of(new float[][] {
            {1, 4, 1, 1, 2}, {4, 3, 1, 2, 1}, {5, 2, 2, 2, 5}, {1, 3, 2, 4, 3}}).reshape(1, 4, 5, 1);
    private static final Tensor EX43_K = Tensor.of(new float[][] {
            {-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}}).reshape(3, 3, 1, 1);

    private static Tensor conv2d(Tensor x, Tensor k, int stride, jgrad.ops.nn.Padding padding) {
        return jgrad.ops.nn.Conv.conv(x, k, null, new int[] {stride, stride}, new int[] {1, 1}, padding,
                jgrad.ops.kernels.Epilogue.Activation.LINEAR);
    }

    @Test
    void example41OneDimensionalCrossCorrelation() {
        // 002 Example 4.1: x = [1 4 2 0 9 1 3], k = [1/4 2/4 1/4]: z starts 2.75, 2.00.
        Tensor x = Tensor.of(new float[] {1, 4, 2, 0, 9, 1, 3}).reshape(1, 7, 1);
        Tensor k = Tensor.of(new float[] {0.25f, 0.5f, 0.25f}).reshape(3, 1, 1);
        Tensor z = jgrad.ops.nn.Conv.conv(x, k, null, new int[] {1}, new int[] {1}, jgrad.ops.nn.Padding.VALID,
                jgrad.ops.kernels.Epilogue.Activation.LINEAR);
        assertThat(z.shape().dims()).containsExactly(1, 5, 1);
        assertThat(z.toFloatArray()).containsExactly(2.75f, 2.00f, 2.75f, 4.75f, 3.5f);
    }

    @Test
    void example43ValidCrossCorrelation() {
        // 002 Example 4.3: the valid 2x3 result [[4, -9, 1], [-5, -3, -4]].
        Tensor z = conv2d(EX43_X, EX43_K, 1, jgrad.ops.nn.Padding.VALID);
        assertThat(z.shape().dims()).containsExactly(1, 2, 3, 1);
        assertThat(z.toFloatArray()).containsExactly(4, -9, 1, -5, -3, -4);
    }

    @Test
    void example44SameCrossCorrelation() {
        // 002 Example 4.4: zero padding keeps the 4x5 shape; the first row is -3 22 -3 1 12.
        Tensor z = conv2d(EX43_X, EX43_K, 1, jgrad.ops.nn.Padding.SAME);
        assertThat(z.shape().dims()).containsExactly(1, 4, 5, 1);
        assertThat(z.toFloatArray()).containsExactly(
                -3, 22, -3, 1, 12,
                17, 4, -9, 1, -4,
                27, -5, -3, -4, 28,
                -2, 12, 3, 18, 13);
    }

    @Test
    void example45StridedCrossCorrelation() {
        // 002 Example 4.5: stride 2x2 over the input padded by one on every side gives 2x3,
        // [[-3, -3, 12], [27, -3, 28]] (the notes pad symmetrically: PyTorch's padding=1).
        Tensor z = conv2d(EX43_X, EX43_K, 2, jgrad.ops.nn.Padding.explicit(1, 1));
        assertThat(z.shape().dims()).containsExactly(1, 2, 3, 1);
        assertThat(z.toFloatArray()).containsExactly(-3, -3, 12, 27, -3, 28);
        // Keras's 'same' at stride 2 pads 0 above and 1 below (the odd row after): another 2x3.
        Tensor keras = conv2d(EX43_X, EX43_K, 2, jgrad.ops.nn.Padding.SAME);
        assertThat(keras.toFloatArray()).containsExactly(17, -9, -4, -2, 3, 13);
    }

    @Test
    void example48MaxPooling() {
        // 002 Example 4.8: a 3x4 array, a 2x2 window moving by 1 row and 2 columns: a 2x2 result.
        // (The notes show the array only as a figure; these values are ours.)
        Tensor x = Tensor.of(new float[][] {{1, 3, 2, 9}, {5, 4, 1, 0}, {2, 8, 7, 6}}).reshape(1, 3, 4, 1);
        Tensor p = jgrad.ops.nn.MaxPool.maxPool(x, new int[] {2, 2}, new int[] {1, 2}, jgrad.ops.nn.Padding.VALID);
        assertThat(p.shape().dims()).containsExactly(1, 2, 2, 1);
        assertThat(p.toFloatArray()).containsExactly(5, 9, 8, 7);
    }
}
