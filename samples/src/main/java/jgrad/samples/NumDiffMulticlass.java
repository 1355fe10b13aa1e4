package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import jgrad.nn.data.Synthetic;
import jgrad.nn.plot.DecisionBoundaryPlot;
import jgrad.nn.plot.LinePlot;

/**
 * Multiclass classification by numerical differentiation, notes 000 part 6: three blobs, one-hot
 * targets, a 2-16-3 network with ReLU and a softmax output (stable: the maximum is subtracted
 * first), categorical cross-entropy, alpha 0.05. About 0.95 / 0.90 accuracy, with the loss
 * history and the three decision regions saved.
 */
public final class NumDiffMulticlass {
    private NumDiffMulticlass() {}

    record Result(NumericalDiff.History history, double trainAccuracy, double testAccuracy) {}

    static Result run(int epochs, long seed, PrintStream out, Path outDir) {
        Rng rng = new Rng(seed);
        Dataset all = Synthetic.blobs(400, new double[][] {{0, 0}, {0.5, 0.1}, {1, 0}}, 0.15, seed)
                .mapX(x -> x.cast(DType.FLOAT64));
        int nClass = Labels.countClasses(all.y());
        // y_ohe = np.eye(n_class)[y]
        Dataset.Split split = all.mapY(y -> Labels.oneHot(y, nClass).cast(DType.FLOAT64)).trainTestSplit(0.25, seed + 1);
        Tensor xTrain = split.train().x();
        Tensor yTrain = split.train().y();
        Tensor xTest = split.test().x();
        Tensor yTest = split.test().y();

        Variable wh = NumericalDiff.normal(rng, 2, 16);
        Variable bh = NumericalDiff.zeros(16);
        Variable wo = NumericalDiff.normal(rng, 16, nClass);
        Variable bo = NumericalDiff.zeros(nClass);
        List<Variable> p = List.of(wh, bh, wo, bo);
        UnaryOperator<Tensor> predict = x -> x.matmul(wh).add(bh).relu().matmul(wo).add(bo).softmax(1);

        NumericalDiff.History h = NumericalDiff.train(p, predict, NumericalDiff::crossEntropy, xTrain, yTrain, xTest,
                yTest, epochs, 50, 0.05, rng, out);
        double trainAcc = NumericalDiff.accuracy(predict.apply(xTrain).argmax(1), yTrain.argmax(1));
        double testAcc = NumericalDiff.accuracy(predict.apply(xTest).argmax(1), yTest.argmax(1));
        out.printf(Locale.ROOT, "%nAccuracy of training data = %.4f%n", trainAcc);
        out.printf(Locale.ROOT, "Accuracy of test data = %.4f%n", testAcc);
        if (outDir != null) {
            Path loss = LinePlot.titled("Loss history").xLabel("epoch").yLabel("cross-entropy")
                    .line("train loss", h.trainLoss()).line("validation loss", h.validationLoss())
                    .save(outDir.resolve("loss.png"));
            double[] b = NumDiffClassifier.bounds(xTest);
            Path boundary = DecisionBoundaryPlot.of(predict::apply).data(all.x(), all.y()).bounds(b[0], b[1], b[2], b[3])
                    .title("Decision boundaries, 3 classes").save(outDir.resolve("decision_boundary.png"));
            out.println("saved " + loss + " and " + boundary);
        }
        return new Result(h, trainAcc, testAcc);
    }

    public static void main(String[] args) {
        Args a = Args.parse("numdiff-multiclass", args, "quick", "epochs=", "seed=", "out=");
        run(a.positive("epochs", a.quick() ? 20 : 200), a.longValue("seed", 1), System.out, a.outDir());
    }
}
