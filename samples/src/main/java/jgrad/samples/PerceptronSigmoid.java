package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Synthetic;
import jgrad.nn.plot.DecisionBoundaryPlot;
import jgrad.nn.plot.LinePlot;

/**
 * Gradient descent for a single neuron, notes 003: first the one-point example ({@code x = 1},
 * {@code y = 1}, {@code w = 3}, {@code b = 0}: prediction 3, loss 4, gradient 4) showing that
 * {@code w - dL/dw} swings between 3 and -1 forever while a learning rate alpha < 1 settles; then
 * the note's {@code Perceptron} class, a sigmoid unit trained sample by sample on MSE
 * ({@code 2 (y_hat - y) y_hat (1 - y_hat) x}), on two blobs, printing each epoch's error and
 * saving the linear boundary and the loss history.
 */
public final class PerceptronSigmoid {
    private PerceptronSigmoid() {}

    /** w after each of {@code steps} updates {@code w -= alpha dL/dw} on the one-point example. */
    static double[] onePoint(double alpha, int steps) {
        Variable w = Variable.of(3.0);
        double[] out = new double[steps + 1];
        out[0] = w.item();
        for (int t = 1; t <= steps; t++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = w.mul(1.0).add(0.0).sub(1.0).square(); // (w x + b - y)^2 with x = 1, b = 0, y = 1
                w.assignSub(tape.gradient(loss, w).mul(alpha));
            }
            out[t] = w.item();
        }
        return out;
    }

    /** The note's Perceptron: weights randn, bias 0; per-sample updates of the MSE gradient. */
    static final class Perceptron {
        final double alpha;
        Tensor weights;
        double bias;

        Perceptron(int inputs, double alpha, Rng rng) {
            this.alpha = alpha;
            this.weights = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, inputs);
        }

        /** Trains for {@code epochs}, returning each epoch's mean squared error. */
        double[] fit(Tensor x, Tensor y, int epochs, PrintStream out) {
            double[] history = new double[epochs];
            for (int epoch = 0; epoch < epochs; epoch++) {
                double error = 0;
                for (int i = 0; i < x.dim(0); i++) {
                    Tensor sample = x.slice(0, i, i + 1).reshape(-1);
                    double label = y.getDouble(i);
                    double preds = sample.mul(weights).sum().add(bias).sigmoid().item();
                    error += (preds - label) * (preds - label);
                    double common = 2 * (preds - label) * preds * (1 - preds);
                    weights = weights.sub(sample.mul(alpha * common));
                    bias -= alpha * common;
                }
                history[epoch] = error / x.dim(0);
                out.printf(Locale.ROOT, "Epoch %d/%d, Error: %s%n", epoch + 1, epochs, history[epoch]);
            }
            return history;
        }

        Tensor predict(Tensor x) {
            return x.matmul(weights.reshape(-1, 1)).add(bias).sigmoid().greaterEqual(Tensor.of(0.5))
                    .cast(DType.INT64).reshape(-1);
        }
    }

    /** Final error and training accuracy. */
    record Result(double finalError, double accuracy) {}

    static Result run(int epochs, long seed, PrintStream out, Path outDir) {
        out.println("One point: x = 1, y = 1, b = 0, w = 3: y_hat = 3, loss = (3 - 1)^2 = 4, dL/dw = 2 (3 - 1) 1 = 4");
        for (double alpha : new double[] {1.0, 0.8, 0.1}) {
            double[] w = onePoint(alpha, 6);
            StringBuilder sb = new StringBuilder();
            for (double v : w) {
                sb.append(String.format(Locale.ROOT, "%7.3f", v));
            }
            out.printf(Locale.ROOT, "alpha %.1f: w =%s%n", alpha, sb);
        }
        out.println();
        Dataset data = Synthetic.blobs(200, new double[][] {{-1, -1}, {1.5, 1.5}}, 0.7, seed)
                .mapX(x -> x.cast(DType.FLOAT64));
        Perceptron p = new Perceptron(2, 0.01, new Rng(seed));
        double[] history = p.fit(data.x(), data.y(), epochs, out);
        double accuracy = p.predict(data.x()).equal(data.y()).cast(DType.FLOAT64).mean().item();
        out.printf(Locale.ROOT, "%ntraining accuracy %.3f%n", accuracy);
        if (outDir != null) {
            Path b = DecisionBoundaryPlot.of(p::predict).data(data.x(), data.y()).title("Perceptron (sigmoid, MSE)")
                    .save(outDir.resolve("decision_boundary.png"));
            Path l = LinePlot.titled("Perceptron error").xLabel("epoch").yLabel("mean squared error")
                    .line("error", history).save(outDir.resolve("loss.png"));
            out.println("saved " + b + " and " + l);
        }
        return new Result(history[history.length - 1], accuracy);
    }

    public static void main(String[] args) {
        Args a = Args.parse("perceptron-sigmoid", args, "quick", "epochs=", "seed=", "out=");
        run(a.positive("epochs", a.quick() ? 5 : 20), a.longValue("seed", 3), System.out, a.outDir());
    }
}
