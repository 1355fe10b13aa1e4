package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import jgrad.nn.data.StandardScaler;
import jgrad.nn.data.Synthetic;
import jgrad.nn.plot.DecisionBoundaryPlot;

/**
 * The from-scratch MLP of notes 003 on data: its {@code Dense}, {@code ActivationRelu} and
 * {@code SoftmaxCrossEntropy} classes (forward and hand-written backward, here with tensors)
 * trained by per-sample gradient descent on two Gaussian blobs ({@code make_blobs(100,
 * centers=2)}, standardised). First the linear 2-4-2 network with MSE (10 epochs, alpha 0.01), then the
 * 2-10-10-2 network with ReLU after every layer (alpha 0.1, {@code --relu-alpha} to change it),
 * whose output units tend to die (stuck at loss 0.5, as the sample explains), then the same with
 * a softmax and cross-entropy output, whose gradient is simply {@code y_hat - y}. Saves both
 * decision boundaries.
 */
public final class MlpFromScratch {
    private MlpFromScratch() {}

    /** The note's layer: weights randn(inF, outF), biases ones. */
    static final class Dense {
        Tensor weights;
        Tensor biases;
        Tensor inputs;
        Tensor dweights;
        Tensor dbiases;
        Tensor dinputs;

        Dense(int in, int out, Rng rng) {
            weights = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, in, out);
            biases = Tensor.ones(DType.FLOAT64, 1, out);
        }

        Tensor forward(Tensor x) {
            inputs = x;
            return x.matmul(weights).add(biases);
        }

        void backward(Tensor dvalues) {
            dweights = inputs.transpose().matmul(dvalues);
            dbiases = dvalues.sum(new int[] {0}, true);
            dinputs = dvalues.matmul(weights.transpose());
        }

        void step(double alpha) {
            weights = weights.sub(dweights.mul(alpha));
            biases = biases.sub(dbiases.mul(alpha));
        }
    }

    /** The note's ReLU: backward multiplies by 1 where the input was positive. */
    static final class Relu {
        Tensor inputs;
        Tensor dinputs;

        Tensor forward(Tensor x) {
            inputs = x;
            return x.relu();
        }

        void backward(Tensor dvalues) {
            dinputs = dvalues.mul(inputs.greater(0.0).cast(DType.FLOAT64));
        }
    }

    /** Softmax (max subtracted, clipped to [1e-7, 1 - 1e-7]) with cross-entropy; d loss / d logits = y_hat - y. */
    static final class SoftmaxCrossEntropy {
        Tensor yPred;

        double forward(Tensor logits, Tensor yTrue) {
            yPred = logits.softmax(1).clip(1e-7, 1 - 1e-7);
            return yTrue.mul(yPred.log()).sum().neg().item() / yTrue.dim(0);
        }

        Tensor backward(Tensor yTrue) {
            return yPred.sub(yTrue);
        }
    }

    static double mseLoss(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).square().mean().item();
    }

    static Tensor mseLossDerivative(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).mul(2.0 / yTrue.size());
    }

    /**
     * {@code make_blobs(n_samples=100, centers=2, n_features=2, random_state=42)}'s two centres,
     * std 1, standardised: on the raw coordinates (up to 12 in size) the per-sample steps of the
     * linear network overflow to NaN within a few epochs.
     */
    static Dataset blobs(long seed) {
        Dataset raw = Synthetic.blobs(100, new double[][] {{-2.509, 9.014}, {4.640, 1.973}}, 1.0, seed)
                .mapX(x -> x.cast(DType.FLOAT64));
        return StandardScaler.fit(raw.x()).transform(raw);
    }

    /** Final losses of the three parts, and the accuracy of the last two. */
    record Result(double linearLoss, double reluLoss, double reluAccuracy, double softmaxLoss, double softmaxAccuracy) {}

    static Result run(int epochs, long seed, PrintStream out, Path outDir) {
        return run(epochs, seed, 0.1, out, outDir);
    }

    static Result run(int epochs, long seed, double reluAlpha, PrintStream out, Path outDir) {
        Rng rng = new Rng(seed);
        Dataset data = blobs(seed);
        Tensor x = data.x();
        Tensor yOneHot = Labels.oneHot(data.y(), 2).cast(DType.FLOAT64);
        int n = x.dim(0);

        out.println("2-4-2 linear network, MSE, alpha 0.01");
        Dense l1 = new Dense(2, 4, rng);
        Dense l2 = new Dense(4, 2, rng);
        double linearLoss = 0;
        for (int epoch = 0; epoch < 10; epoch++) {
            double lossEpoch = 0;
            for (int i = 0; i < n; i++) {
                Tensor xs = x.slice(0, i, i + 1);
                Tensor ys = yOneHot.slice(0, i, i + 1);
                Tensor o = l2.forward(l1.forward(xs));
                lossEpoch += mseLoss(ys, o);
                l2.backward(mseLossDerivative(ys, o));
                l1.backward(l2.dinputs);
                l1.step(0.01);
                l2.step(0.01);
            }
            linearLoss = lossEpoch / n;
            out.printf(Locale.ROOT, "Epoch %d, Loss: %s%n", epoch, linearLoss);
        }

        out.println();
        out.printf(Locale.ROOT, "2-10-10-2 with ReLU after every layer, MSE, alpha %s%n", reluAlpha);
        Dense r1 = new Dense(2, 10, rng);
        Dense r2 = new Dense(10, 10, rng);
        Dense r3 = new Dense(10, 2, rng);
        Relu a1 = new Relu();
        Relu a2 = new Relu();
        Relu a3 = new Relu();
        double reluLoss = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double lossEpoch = 0;
            for (int i = 0; i < n; i++) {
                Tensor xs = x.slice(0, i, i + 1);
                Tensor ys = yOneHot.slice(0, i, i + 1);
                Tensor o = a3.forward(r3.forward(a2.forward(r2.forward(a1.forward(r1.forward(xs))))));
                lossEpoch += mseLoss(ys, o);
                a3.backward(mseLossDerivative(ys, o));
                r3.backward(a3.dinputs);
                a2.backward(r3.dinputs);
                r2.backward(a2.dinputs);
                a1.backward(r2.dinputs);
                r1.backward(a1.dinputs);
                r1.step(reluAlpha);
                r2.step(reluAlpha);
                r3.step(reluAlpha);
            }
            reluLoss = lossEpoch / n;
            if (epoch % 10 == 0) {
                out.printf(Locale.ROOT, "Epoch %d, Loss: %s%n", epoch, reluLoss);
            }
        }
        java.util.function.UnaryOperator<Tensor> reluNet = p -> r3.forward(a2.forward(r2.forward(a1.forward(
                r1.forward(p)))));
        double reluAccuracy = accuracy(reluNet.apply(x), data.y());
        out.printf(Locale.ROOT, "accuracy %.2f%n", reluAccuracy);
        if (reluLoss == 0.5) {
            out.println("The loss is stuck at 0.5: both output ReLUs output 0 for every sample and pass no gradient,");
            out.println("the dying-ReLU problem of notes 000 (part 4). The note's ReLU on the output layer invites it;");
            out.println("the softmax output below (or a linear one) does not die.");
        }

        out.println();
        out.println("2-10-10-2 with ReLU hidden layers, softmax and cross-entropy, alpha 0.1");
        Dense s1 = new Dense(2, 10, rng);
        Dense s2 = new Dense(10, 10, rng);
        Dense s3 = new Dense(10, 2, rng);
        Relu b1 = new Relu();
        Relu b2 = new Relu();
        SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
        double softmaxLoss = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double lossEpoch = 0;
            for (int i = 0; i < n; i++) {
                Tensor xs = x.slice(0, i, i + 1);
                Tensor ys = yOneHot.slice(0, i, i + 1);
                lossEpoch += head.forward(s3.forward(b2.forward(s2.forward(b1.forward(s1.forward(xs))))), ys);
                s3.backward(head.backward(ys));
                b2.backward(s3.dinputs);
                s2.backward(b2.dinputs);
                b1.backward(s2.dinputs);
                s1.backward(b1.dinputs);
                s1.step(0.1);
                s2.step(0.1);
                s3.step(0.1);
            }
            softmaxLoss = lossEpoch / n;
            if (epoch % 10 == 0) {
                out.printf(Locale.ROOT, "Epoch %d, Loss: %s%n", epoch, softmaxLoss);
            }
        }
        java.util.function.UnaryOperator<Tensor> softmaxNet = p -> s3.forward(b2.forward(s2.forward(b1.forward(
                s1.forward(p)))));
        double softmaxAccuracy = accuracy(softmaxNet.apply(x), data.y());
        out.printf(Locale.ROOT, "accuracy %.2f%n", softmaxAccuracy);

        if (outDir != null) {
            Path p1 = DecisionBoundaryPlot.of(reluNet::apply).data(x, data.y()).margin(0.15)
                    .title("Decision boundary of the 3-layer network (ReLU)").labels("feature 1", "feature 2")
                    .save(outDir.resolve("relu.png"));
            Path p2 = DecisionBoundaryPlot.of(softmaxNet::apply).data(x, data.y()).margin(0.15)
                    .title("Decision boundary of the 3-layer network (softmax)").labels("feature 1", "feature 2")
                    .save(outDir.resolve("softmax.png"));
            out.println("saved " + p1 + " and " + p2);
        }
        return new Result(linearLoss, reluLoss, reluAccuracy, softmaxLoss, softmaxAccuracy);
    }

    private static double accuracy(Tensor scores, Tensor labels) {
        return scores.argmax(1).equal(labels).cast(DType.FLOAT64).mean().item();
    }

    public static void main(String[] args) {
        Args a = Args.parse("mlp-from-scratch", args, "quick", "epochs=", "seed=", "out=", "relu-alpha=");
        run(a.positive("epochs", a.quick() ? 20 : 1000), a.longValue("seed", 42), a.doubleValue("relu-alpha", 0.1),
                System.out, a.outDir());
    }
}
