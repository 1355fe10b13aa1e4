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
import jgrad.nn.plot.LinePlot;
import jgrad.nn.plot.ScatterPlot;

/**
 * Regression by numerical differentiation, notes 000 part 7: a single-layer perceptron fitting
 * {@code y = 0.5 x + 0.3 + noise} ({@code numdiff-linear-regression}, recovering about 0.502 and
 * 0.298), and a 1-16-1 tanh network fitting {@code y = 2 sin(2 pi x) + noise}
 * ({@code numdiff-nonlinear-regression}). Both use MSE and alpha 0.01 and save their loss history
 * and fitted curve.
 */
public final class NumDiffRegression {
    private NumDiffRegression() {}

    /** What a run reports; {@code params} holds the fitted parameters' values. */
    record Result(NumericalDiff.History history, List<Tensor> params) {}

    static Result runLinear(int epochs, long seed, PrintStream out, Path outDir) {
        Rng rng = new Rng(seed);
        // x = np.random.normal(0.0, 0.5, (1000, 1)); y = 0.5 * x + 0.3 + np.random.normal(0.0, 0.2, (1000, 1))
        Dataset data = Synthetic.linear(1000, 0.5, 0.3, 0.5, 0.2, seed).mapX(x -> x.cast(DType.FLOAT64))
                .mapY(y -> y.cast(DType.FLOAT64));
        Dataset.Split s = data.trainTestSplit(0.25, seed + 1);
        Variable wo = NumericalDiff.normal(rng, 1, 1);
        Variable bo = NumericalDiff.zeros(1);
        UnaryOperator<Tensor> predict = x -> x.matmul(wo).add(bo);
        NumericalDiff.History h = NumericalDiff.train(List.of(wo, bo), predict, NumericalDiff::meanSquaredError,
                s.train().x(), s.train().y(), s.test().x(), s.test().y(), epochs, 50, 0.01, rng, out);
        out.println();
        out.println("parameter: wo, bo");
        out.printf(Locale.ROOT, "[array([[%.8f]]), array([[%.8f]])]%n", wo.getDouble(0, 0), bo.getDouble(0, 0));
        out.println("The equation of the original line: y = 0.5x + 0.3");
        out.printf(Locale.ROOT, "Predicted line: y_hat = %.3fx + %.3f%n", wo.getDouble(0, 0), bo.getDouble(0, 0));
        if (outDir != null) {
            save(h, s, predict, Tensor.linspace(DType.FLOAT64, -1.5, 1.5, 100).reshape(-1, 1), "Linear regression",
                    outDir, out);
        }
        return new Result(h, List.of(wo.value(), bo.value()));
    }

    static Result runNonlinear(int epochs, long seed, PrintStream out, Path outDir) {
        Rng rng = new Rng(seed);
        // x = np.random.random((1000, 1)); y = 2.0 * np.sin(2.0 * np.pi * x) + np.random.normal(0.0, 0.8, (1000, 1))
        Dataset data = Synthetic.sine(1000, 2, 0.8, seed).mapX(x -> x.cast(DType.FLOAT64))
                .mapY(y -> y.cast(DType.FLOAT64));
        Dataset.Split s = data.trainTestSplit(0.25, seed + 1);
        Variable wh = NumericalDiff.normal(rng, 1, 16);
        Variable bh = NumericalDiff.zeros(16);
        Variable wo = NumericalDiff.normal(rng, 16, 1);
        Variable bo = NumericalDiff.zeros(1);
        UnaryOperator<Tensor> predict = x -> x.matmul(wh).add(bh).tanh().matmul(wo).add(bo);
        NumericalDiff.History h = NumericalDiff.train(List.of(wh, bh, wo, bo), predict,
                NumericalDiff::meanSquaredError, s.train().x(), s.train().y(), s.test().x(), s.test().y(), epochs, 50,
                0.01, rng, out);
        if (outDir != null) {
            save(h, s, predict, Tensor.linspace(DType.FLOAT64, 0, 1, 200).reshape(-1, 1), "Nonlinear regression",
                    outDir, out);
        }
        return new Result(h, List.of(wh.value(), bh.value(), wo.value(), bo.value()));
    }

    private static void save(NumericalDiff.History h, Dataset.Split s, UnaryOperator<Tensor> predict, Tensor xTest,
            String title, Path outDir, PrintStream out) {
        Path loss = LinePlot.titled(title + ": loss per epoch").xLabel("epoch").yLabel("MSE").line("train loss", h.trainLoss())
                .line("validation loss", h.validationLoss()).save(outDir.resolve("loss.png"));
        Path fit = ScatterPlot.titled(title).xLabel("x").yLabel("y").markerSize(5)
                .points("train", s.train().x(), s.train().y()).points("validation", s.test().x(), s.test().y())
                .curve("prediction", xTest, predict.apply(xTest)).save(outDir.resolve("prediction.png"));
        out.println("saved " + loss + " and " + fit);
    }

    public static void mainLinear(String[] args) {
        Args a = Args.parse("numdiff-linear-regression", args, "quick", "epochs=", "seed=", "out=");
        runLinear(a.positive("epochs", a.quick() ? 30 : 100), a.longValue("seed", 1), System.out, a.outDir());
    }

    public static void mainNonlinear(String[] args) {
        Args a = Args.parse("numdiff-nonlinear-regression", args, "quick", "epochs=", "seed=", "out=");
        runNonlinear(a.positive("epochs", a.quick() ? 30 : 1000), a.longValue("seed", 1), System.out, a.outDir());
    }
}
