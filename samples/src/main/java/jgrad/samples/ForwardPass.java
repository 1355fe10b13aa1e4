package jgrad.samples;

import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.plot.DecisionBoundaryPlot;

/**
 * The prediction process of notes 000 (part 2): a 2-4-1 network with the note's given weights,
 * {@code y_pred = sigmoid(ReLU(X Wh + bh) Wo + bo)}, on the 12-point binary set. It prints each
 * point's probability, the class it implies and the target (0.17, 0.2, 0.85, 0.68, ...), the
 * accuracy (100%), and saves the network's decision boundary.
 */
public final class ForwardPass {
    private ForwardPass() {}

    static final Tensor X = Tensor.of(new double[][] {
        {-0.05, 0.14}, {0.04, 0.17}, {0.67, -0.09}, {0.51, 0.08}, {0.00, 0.09}, {0.11, 0.09},
        {0.62, -0.06}, {0.32, -0.03}, {0.06, -0.10}, {0.58, 0.12}, {0.46, -0.02}, {0.14, 0.03}});
    static final Tensor Y = Tensor.of(new double[] {0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0}).reshape(12, 1);
    static final Tensor WH = Tensor.of(new double[][] {{1.17, -1.20, -1.07, 0.58}, {-1.31, -0.12, 1.11, -0.68}});
    static final Tensor BH = Tensor.of(new double[] {0.18, 0.66, 0.70, 0.12});
    static final Tensor WO = Tensor.of(new double[][] {{1.17}, {-0.81}, {-0.67}, {1.48}});
    static final Tensor BO = Tensor.of(new double[] {-0.38});

    /** The forward pass of the note, for any batch of points {@code [n, 2]}. */
    static Tensor predict(Tensor x) {
        return x.cast(DType.FLOAT64).matmul(WH).add(BH).relu().matmul(WO).add(BO).sigmoid();
    }

    /** The probabilities for the 12 points and the accuracy of thresholding them at 0.5. */
    record Result(Tensor yPred, double accuracy) {}

    static Result compute() {
        Tensor yPred = predict(X);
        Tensor yHat = yPred.greater(0.5).cast(DType.FLOAT64);
        double accuracy = yHat.equal(Y).cast(DType.FLOAT64).mean().item();
        return new Result(yPred, accuracy);
    }

    public static void main(String[] args) {
        Args a = Args.parse("forward-pass", args, "out=");
        Result r = compute();
        System.out.println("y_pred = sigmoid(np.dot(ReLU(np.dot(X, Wh) + bh), Wo) + bo)");
        System.out.println();
        System.out.println("   x1     x2   y_pred  y_hat>0.5  y");
        for (int i = 0; i < 12; i++) {
            double p = r.yPred().getDouble(i, 0);
            System.out.printf(Locale.ROOT, "%5.2f  %5.2f   %4.2f       %d      %d%n", X.getDouble(i, 0), X.getDouble(i, 1),
                    p, p > 0.5 ? 1 : 0, (int) Y.getDouble(i, 0));
        }
        System.out.printf(Locale.ROOT, "%nAccuracy = %.0f%%%n", 100 * r.accuracy());
        Path png = DecisionBoundaryPlot.of(ForwardPass::predict).data(X, Y).title("2-4-1 network with the given weights")
                .save(a.outDir().resolve("decision_boundary.png"));
        System.out.println("saved " + png);
    }
}
