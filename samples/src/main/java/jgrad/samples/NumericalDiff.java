package jgrad.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * The training machinery of notes 000 (part 5, {@code gradient_descent.py}): gradients by central
 * differences, {@code (L(w + h) - L(w - h)) / 2h} with {@code h = 1e-4}, one parameter element at
 * a time, and the note's {@code train} loop (losses recorded every epoch, {@code n / batch}
 * minibatches drawn with replacement, a line every 10 epochs). Everything is float64, as NumPy.
 */
final class NumericalDiff {
    private NumericalDiff() {}

    /** The note's constant for numerical differentiation. */
    static final double H = 1e-4;

    /** dL/dp for every element of every parameter, by central differences. */
    static List<Tensor> gradients(List<Variable> params, java.util.function.Supplier<Tensor> loss, double h) {
        List<Tensor> grads = new ArrayList<>();
        for (Variable p : params) {
            Tensor original = p.value();
            double[] values = original.toDoubleArray();
            double[] grad = new double[values.length];
            Shape shape = original.shape();
            for (int j = 0; j < values.length; j++) {
                double w = values[j];
                values[j] = w + h;
                p.assign(Tensor.wrap(values.clone(), shape));
                double f1 = loss.get().item();
                values[j] = w - h;
                p.assign(Tensor.wrap(values.clone(), shape));
                double f2 = loss.get().item();
                values[j] = w;
                grad[j] = (f1 - f2) / (2 * h);
            }
            p.assign(original);
            grads.add(Tensor.wrap(grad, shape));
        }
        return grads;
    }

    /** One step of {@code p = p - alpha * grad} with numerical gradients. */
    static void gradientDescent(List<Variable> params, java.util.function.Supplier<Tensor> loss, double alpha) {
        List<Tensor> g = gradients(params, loss, H);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).assignSub(g.get(i).mul(alpha));
        }
    }

    /**
     * The largest difference between the numerical gradients and the tape's exact ones at the
     * current parameters: how good the approximation is (about h^2, times the third derivative).
     */
    static double maxDifferenceFromTape(List<Variable> params, java.util.function.Supplier<Tensor> loss) {
        List<Tensor> numeric = gradients(params, loss, H);
        List<Tensor> exact;
        try (GradientTape tape = new GradientTape()) {
            exact = tape.gradient(loss.get(), params.toArray(new Variable[0]));
        }
        double worst = 0;
        for (int i = 0; i < params.size(); i++) {
            worst = Math.max(worst, numeric.get(i).sub(exact.get(i)).abs().max().item());
        }
        return worst;
    }

    /** Per-epoch loss histories. */
    record History(double[] trainLoss, double[] validationLoss) {}

    /**
     * The note's {@code train(x, y, x_val, y_val, epochs, batch_size)}: records both losses at
     * the start of each epoch, then runs {@code n / batchSize} steps on minibatches drawn with
     * replacement ({@code np.random.choice}), printing every 10th epoch.
     */
    static History train(List<Variable> params, UnaryOperator<Tensor> predict, BinaryOperator<Tensor> lossFn, Tensor x,
            Tensor y, Tensor xVal, Tensor yVal, int epochs, int batchSize, double alpha, Rng rng, PrintStream out) {
        double[] ht = new double[epochs];
        double[] hv = new double[epochs];
        int n = x.dim(0);
        for (int epoch = 0; epoch < epochs; epoch++) {
            ht[epoch] = lossFn.apply(y, predict.apply(x)).item();
            hv[epoch] = lossFn.apply(yVal, predict.apply(xVal)).item();
            for (int batch = 0; batch < n / batchSize; batch++) {
                long[] idx = new long[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    idx[i] = rng.nextInt(n);
                }
                Tensor t = Tensor.of(idx);
                Tensor xb = x.gather(t, 0);
                Tensor yb = y.gather(t, 0);
                gradientDescent(params, () -> lossFn.apply(yb, predict.apply(xb)), alpha);
            }
            if (epoch % 10 == 0) {
                out.printf(Locale.ROOT, "%d: train_loss=%.4f, val_loss=%.4f%n", epoch, ht[epoch], hv[epoch]);
            }
        }
        return new History(ht, hv);
    }

    // ------------------------------------------------------------------ the note's pieces

    /** {@code np.random.normal(size=(rows, cols))} as a float64 Variable. */
    static Variable normal(Rng rng, int rows, int cols) {
        return Variable.of(Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, rows, cols));
    }

    /** {@code np.zeros(shape=(1, cols))} as a float64 Variable. */
    static Variable zeros(int cols) {
        return Variable.of(Tensor.zeros(DType.FLOAT64, 1, cols));
    }

    /** {@code -np.mean(y * np.log(y_hat) + (1. - y) * np.log(1. - y_hat))}. */
    static Tensor binaryCrossEntropy(Tensor y, Tensor yHat) {
        return y.mul(yHat.log()).add(y.neg().add(1.0).mul(yHat.neg().add(1.0).log())).mean().neg();
    }

    /** {@code np.mean(-np.sum(y * np.log(y_hat), axis=1))}. */
    static Tensor crossEntropy(Tensor y, Tensor yHat) {
        return y.mul(yHat.log()).sum(1).neg().mean();
    }

    /** {@code np.mean(np.square(y - y_hat))}. */
    static Tensor meanSquaredError(Tensor y, Tensor yHat) {
        return y.sub(yHat).square().mean();
    }

    /** The fraction of equal entries of two class tensors. */
    static double accuracy(Tensor predicted, Tensor target) {
        return predicted.cast(DType.FLOAT64).equal(target.cast(DType.FLOAT64)).cast(DType.FLOAT64).mean().item();
    }
}
