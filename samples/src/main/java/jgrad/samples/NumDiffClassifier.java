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
import jgrad.nn.data.Synthetic;
import jgrad.nn.plot.DecisionBoundaryPlot;
import jgrad.nn.plot.LinePlot;

/**
 * Binary classification trained by numerical differentiation, notes 000 part 5: a single-layer
 * perceptron on two blobs ({@code numdiff-slp}, accuracy about 0.95), a 2-layer perceptron with 16
 * ReLU units on three blobs whose outer two share a class ({@code numdiff-mlp}, about 0.97 / 0.91),
 * and the same MLP with a linear hidden layer, which behaves like a single layer and cannot
 * separate that data ({@code numdiff-linear-activation}, about 0.79). Each prints the note's loss
 * lines and accuracies and saves the loss history and the decision boundary.
 */
public final class NumDiffClassifier {
    private NumDiffClassifier() {}

    /** The three networks of the note. */
    enum Kind {
        SLP("numdiff-slp", 0.1, "Single-layer perceptron"), MLP("numdiff-mlp", 0.1, "2-layer ReLU MLP"),
        LINEAR("numdiff-linear-activation", 0.05, "MLP with a linear hidden layer");

        final String sample;
        final double alpha;
        final String title;

        Kind(String sample, double alpha, String title) {
            this.sample = sample;
            this.alpha = alpha;
            this.title = title;
        }
    }

    /** What a run reports. */
    record Result(NumericalDiff.History history, double trainAccuracy, double testAccuracy, double gradientCheck) {}

    /** The note's data: two blobs for the SLP; three blobs with classes [0, 1, 0] for the MLPs. */
    static Dataset data(Kind kind, long seed) {
        double[][] centers = kind == Kind.SLP ? new double[][] {{0, 0}, {0.5, 0.1}}
                : new double[][] {{0, 0}, {0.5, 0.1}, {1, 0}};
        Dataset d = Synthetic.blobs(400, centers, 0.15, seed);
        // y[y == 2] = 0; y = y.reshape(-1, 1), as float64 like NumPy
        return d.mapY(y -> y.equal(Tensor.of(1L)).cast(DType.FLOAT64).reshape(-1, 1)).mapX(x -> x.cast(DType.FLOAT64));
    }

    static Result run(Kind kind, int epochs, long seed, PrintStream out, Path outDir) {
        Rng rng = new Rng(seed);
        Dataset all = data(kind, seed);
        Dataset.Split split = all.trainTestSplit(0.25, seed + 1);
        Tensor xTrain = split.train().x();
        Tensor yTrain = split.train().y();
        Tensor xTest = split.test().x();
        Tensor yTest = split.test().y();

        int nInput = 2;
        int nHidden = 16;
        List<Variable> p;
        UnaryOperator<Tensor> predict;
        if (kind == Kind.SLP) {
            Variable wo = NumericalDiff.normal(rng, nInput, 1);
            Variable bo = NumericalDiff.zeros(1);
            p = List.of(wo, bo);
            predict = x -> x.matmul(wo).add(bo).sigmoid();
        } else {
            Variable wh = NumericalDiff.normal(rng, nInput, nHidden);
            Variable bh = NumericalDiff.zeros(nHidden);
            Variable wo = NumericalDiff.normal(rng, nHidden, 1);
            Variable bo = NumericalDiff.zeros(1);
            p = List.of(wh, bh, wo, bo);
            predict = kind == Kind.MLP
                    ? x -> x.matmul(wh).add(bh).relu().matmul(wo).add(bo).sigmoid()
                    : x -> x.matmul(wh).add(bh).matmul(wo).add(bo).sigmoid(); // linear hidden layer
        }
        UnaryOperator<Tensor> classify = x -> predict.apply(x).greater(0.5).cast(DType.FLOAT64);

        double check = NumericalDiff.maxDifferenceFromTape(p,
                () -> NumericalDiff.binaryCrossEntropy(yTrain, predict.apply(xTrain)));
        out.printf(Locale.ROOT, "%d parameters; numerical vs tape gradient at the start: max |difference| = %.1e%n%n",
                p.stream().mapToInt(Tensor::size).sum(), check);

        NumericalDiff.History h = NumericalDiff.train(p, predict, NumericalDiff::binaryCrossEntropy, xTrain, yTrain,
                xTest, yTest, epochs, 50, kind.alpha, rng, out);
        double trainAcc = NumericalDiff.accuracy(classify.apply(xTrain), yTrain);
        double testAcc = NumericalDiff.accuracy(classify.apply(xTest), yTest);
        out.printf(Locale.ROOT, "%nAccuracy of training data = %.4f%n", trainAcc);
        out.printf(Locale.ROOT, "Accuracy of test data = %.4f%n", testAcc);

        if (outDir != null) {
            Path loss = LinePlot.titled(kind.title + " (central differences): loss per epoch").xLabel("epoch")
                    .yLabel("binary cross-entropy")
                    .line("train loss", h.trainLoss()).line("test loss", h.validationLoss())
                    .save(outDir.resolve("loss.png"));
            double[] b = bounds(xTest);
            Path boundary = DecisionBoundaryPlot.of(predict::apply).data(all.x(), all.y()).bounds(b[0], b[1], b[2], b[3])
                    .title(kind.title + ": " + (kind == Kind.MLP ? "non-linear" : "linear") + " decision boundary")
                    .save(outDir.resolve("decision_boundary.png"));
            out.println("saved " + loss + " and " + boundary);
        }
        return new Result(h, trainAcc, testAcc, check);
    }

    /** The note's plot range: the test data's extent plus 0.1 on each side. */
    static double[] bounds(Tensor x) {
        Tensor c0 = x.slice(1, 0, 1);
        Tensor c1 = x.slice(1, 1, 2);
        return new double[] {c0.min().item() - 0.1, c0.max().item() + 0.1, c1.min().item() - 0.1,
            c1.max().item() + 0.1};
    }

    private static void main(Kind kind, String[] args) {
        Args a = Args.parse(kind.sample, args, "quick", "epochs=", "seed=", "out=");
        int epochs = a.positive("epochs", a.quick() ? 20 : 200);
        run(kind, epochs, a.longValue("seed", 1), System.out, a.outDir());
    }

    public static void mainSlp(String[] args) {
        main(Kind.SLP, args);
    }

    public static void mainMlp(String[] args) {
        main(Kind.MLP, args);
    }

    public static void mainLinear(String[] args) {
        main(Kind.LINEAR, args);
    }
}
