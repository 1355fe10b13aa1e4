package jgrad.samples;

import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.ops.Losses;

/**
 * Examples 3.3 and 3.4 of notes 002: softmax of {@code z = [2, 3, 1]} (with e^1 = 2.718,
 * e^2 = 7.389, e^3 = 20.086: [0.2447, 0.6652, 0.0900]), the categorical cross-entropy
 * {@code -sum(y_c log y_hat_c)} for each possible one-hot target, and {@code argmax = 1}.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    static final Tensor Z = Tensor.of(new double[] {2, 3, 1});

    public static void main(String[] args) {
        Args.parse("softmax-ce", args);
        Tensor e = Z.exp();
        System.out.printf(Locale.ROOT, "z = [2 3 1]: e^z = %s, sum = %.3f%n", Printing.numpy(e, 3), e.sum().item());
        Tensor p = Z.softmax();
        System.out.println("softmax(z) = e^z / sum(e^z) = " + Printing.numpy(p, 4));
        for (int c = 0; c < 3; c++) {
            Tensor y = Tensor.of(new long[] {c}).oneHot(3).cast(jgrad.core.DType.FLOAT64);
            double ce = Losses.categoricalCrossEntropy(y, p.reshape(1, 3)).item();
            System.out.printf(Locale.ROOT, "target y = %s: L_catlog = -log(%.4f) = %.4f%n", Printing.numpy(y.reshape(-1),
                    0), p.getDouble(c), ce);
        }
        System.out.println("argmax(softmax(z)) = " + p.argmax(0).longValue() + "  (index of the largest probability,"
                + " counting from 0)");
        System.out.println("argmax([0.15, 0.80, 0.05]) = " + Tensor.of(new double[] {0.15, 0.80, 0.05}).argmax(0)
                .longValue());
    }
}
