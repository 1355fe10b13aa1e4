package jgrad.samples;

import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.plot.DecisionBoundaryPlot;

/**
 * The perceptron of notes 001: {@code y_hat = g(w0 + x^T w) = g(1 + 3 x1 - 2 x2)} with the sign
 * function as {@code g}. For {@code x = (-1, 2)}: {@code g(1 + 3 (-1) - 2 (2)) = g(-6) = -1}. The
 * boundary {@code 1 + 3 x1 - 2 x2 = 0} splits the plane into the +1 and -1 half-planes (saved).
 */
public final class PerceptronExample {
    private PerceptronExample() {}

    static final Tensor W = Tensor.of(new double[][] {{3}, {-2}});
    static final double W0 = 1;

    /** {@code 1 + 3 x1 - 2 x2} for each row of x. */
    static Tensor preActivation(Tensor x) {
        return x.matmul(W).add(W0);
    }

    /** The sign of the pre-activation: +1 or -1 ({@code g(0) = +1}). */
    static Tensor predict(Tensor x) {
        return Tensor.where(preActivation(x).greaterEqual(Tensor.of(0.0)), Tensor.of(1.0), Tensor.of(-1.0));
    }

    public static void main(String[] args) {
        Args a = Args.parse("perceptron-example", args, "out=");
        System.out.println("y_hat = g(w0 + x^T w) = g(1 + [x1 x2] [3 -2]^T) = g(1 + 3 x1 - 2 x2)");
        Tensor x = Tensor.of(new double[][] {{-1, 2}, {0, 0}, {1, 1}, {2, -1}});
        Tensor z = preActivation(x);
        Tensor y = predict(x);
        for (int i = 0; i < x.dim(0); i++) {
            System.out.printf(Locale.ROOT, "x = (%2.0f, %2.0f):  y_hat = g(1 + 3 x (%2.0f) - 2 x (%2.0f)) = g(%2.0f) = %+.0f%n",
                    x.getDouble(i, 0), x.getDouble(i, 1), x.getDouble(i, 0), x.getDouble(i, 1), z.getDouble(i, 0),
                    y.getDouble(i, 0));
        }
        // Points on a grid, labelled by the perceptron itself (class 1 = +1), over its boundary.
        Tensor grid = Tensor.of(new double[][] {{-1, 2}, {-2, -1}, {1, -2}, {2, 2}, {0, 1}, {-1, -2}, {1, 0}, {0, -1}});
        Tensor labels = predict(grid).greater(0.0).cast(jgrad.core.DType.INT64).reshape(-1);
        Path png = DecisionBoundaryPlot.of(p -> predict(p).greater(0.0).cast(jgrad.core.DType.INT64).reshape(-1))
                .data(grid, labels).bounds(-3, 3, -3, 3).title("Perceptron g(1 + 3 x1 - 2 x2): its boundary 1 + 3 x1 - 2 x2 = 0 (class-1: y_hat = +1)")
                .save(a.outDir().resolve("boundary.png"));
        System.out.println("saved " + png);
    }
}
