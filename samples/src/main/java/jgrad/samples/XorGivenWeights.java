package jgrad.samples;

import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.plot.DecisionBoundaryPlot;

/**
 * Examples 2.4 and 2.5 of notes 002: the XOR network with given weights, {@code w3 = [1.61
 * -2.00]}, {@code b3 = -0.67}, {@code w4 = [4.16 -3.85]}, {@code b4 = 2.39}, {@code w5 = [3.13
 * -3.70]}, {@code b5 = 1.70}. The hidden layer forms two linear classifiers whose outputs
 * (0.34 0.92 / 0.06 0.19 / 0.72 1.00 / 0.26 0.94) the output unit separates; the sample prints
 * that table, the output for each input, and saves the decision boundary.
 */
public final class XorGivenWeights {
    private XorGivenWeights() {}

    static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    // Columns are units 3 and 4: W1[i][j] is the weight from input i+1 to hidden unit j+3.
    static final Tensor W1 = Tensor.of(new double[][] {{1.61, 4.16}, {-2.00, -3.85}});
    static final Tensor B1 = Tensor.of(new double[] {-0.67, 2.39});
    static final Tensor W2 = Tensor.of(new double[][] {{3.13}, {-3.70}});
    static final Tensor B2 = Tensor.of(new double[] {1.70});

    /** a1 = [a3 a4] = sigmoid(x W1 + b1). */
    static Tensor hidden(Tensor x) {
        return x.matmul(W1).add(B1).sigmoid();
    }

    /** y_hat = a5 = sigmoid(a1 W2 + b2). */
    static Tensor output(Tensor x) {
        return hidden(x).matmul(W2).add(B2).sigmoid();
    }

    public static void main(String[] args) {
        Args a = Args.parse("xor-given-weights", args, "out=");
        Tensor h = hidden(X);
        Tensor y = output(X);
        System.out.println("x1  x2   a3    a4    a5 = y_hat  class");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%.0f   %.0f   %.2f  %.2f  %.4f       %d%n", X.getDouble(i, 0),
                    X.getDouble(i, 1), h.getDouble(i, 0), h.getDouble(i, 1), y.getDouble(i, 0),
                    y.getDouble(i, 0) >= 0.5 ? 1 : 0);
        }
        System.out.printf(Locale.ROOT, "%nExample 2.4: for x = [0 1], a3 = %.2f, a4 = %.2f, y_hat = %.4f -> class %d%n",
                h.getDouble(1, 0), h.getDouble(1, 1), y.getDouble(1, 0), y.getDouble(1, 0) >= 0.5 ? 1 : 0);
        Tensor labels = Tensor.of(new long[] {0, 1, 1, 0});
        Path png = DecisionBoundaryPlot.of(XorGivenWeights::output).data(X, labels).bounds(-0.5, 1.5, -0.5, 1.5)
                .title("XOR network with the given weights").save(a.outDir().resolve("decision_boundary.png"));
        System.out.println("saved " + png);
    }
}
