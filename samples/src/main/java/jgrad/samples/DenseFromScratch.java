package jgrad.samples;

import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * The forward and backward pass of notes 003 checked by hand: a 2-4-2 network with the note's
 * weights, biases of ones, {@code x = [[3, 5]]}, {@code y = [[1, 0]]}, no activations and the MSE
 * loss. The note's {@code Dense} class (forward, and a backward that stores {@code dweights},
 * {@code dbiases}, {@code dinputs}) is written here with tensors; a GradientTape computes the same
 * gradients. Prints h = [7.5 14 27 12.5], o = [121.5 62.5], MSE 9213.25, the gradients
 * (dW2 = [[903.75 468.75] ...], db2 = [120.5 62.5], dW1 = [[736.5 274.5 1272 910.5] ...]) and the
 * loss after one step with alpha 0.001: about 196.56.
 */
public final class DenseFromScratch {
    private DenseFromScratch() {}

    /** The note's layer: {@code forward} keeps its input, {@code backward} computes the three gradients. */
    static final class Dense {
        Tensor weights;
        Tensor biases;
        Tensor inputs;
        Tensor dweights;
        Tensor dbiases;
        Tensor dinputs;

        Dense(Tensor weights) {
            this.weights = weights;
            this.biases = Tensor.ones(jgrad.core.DType.FLOAT64, 1, weights.dim(1));
        }

        Tensor forward(Tensor inputs) {
            this.inputs = inputs;
            return inputs.matmul(weights).add(biases);
        }

        void backward(Tensor dvalues) {
            dweights = inputs.transpose().matmul(dvalues);
            dbiases = dvalues.sum(new int[] {0}, true);
            dinputs = dvalues.matmul(weights.transpose());
        }
    }

    static final Tensor W1 = Tensor.of(new double[][] {{0.5, 1, 7, 3}, {1, 2, 1, 0.5}});
    static final Tensor W2 = Tensor.of(new double[][] {{1, 2}, {0.5, 0.5}, {3, 1}, {2, 1}});
    static final Tensor X = Tensor.of(new double[][] {{3, 5}});
    static final Tensor Y = Tensor.of(new double[][] {{1, 0}});

    static Tensor mseLoss(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).square().mean();
    }

    /** {@code 2 (y_pred - y_true) / y_true.size}. */
    static Tensor mseLossDerivative(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).mul(2.0 / yTrue.size());
    }

    /** Everything the note prints, from the hand-written layers. */
    record Result(Tensor h, Tensor o, double loss, Tensor dW2, Tensor db2, Tensor dW1, Tensor db1, double lossAfter) {}

    static Result byHand() {
        Dense layer1 = new Dense(W1);
        Dense layer2 = new Dense(W2);
        Tensor h = layer1.forward(X);
        Tensor o = layer2.forward(h);
        double loss = mseLoss(Y, o).item();
        layer2.backward(mseLossDerivative(Y, o));
        layer1.backward(layer2.dinputs);
        double alpha = 0.001;
        layer1.weights = layer1.weights.sub(layer1.dweights.mul(alpha));
        layer2.weights = layer2.weights.sub(layer2.dweights.mul(alpha));
        layer1.biases = layer1.biases.sub(layer1.dbiases.mul(alpha));
        layer2.biases = layer2.biases.sub(layer2.dbiases.mul(alpha));
        double after = mseLoss(Y, layer2.forward(layer1.forward(X))).item();
        return new Result(h, o, loss, layer2.dweights, layer2.dbiases, layer1.dweights, layer1.dbiases, after);
    }

    /** The same gradients from a GradientTape: dW1, db1, dW2, db2. */
    static List<Tensor> byTape() {
        Variable w1 = Variable.of(W1, "W1");
        Variable b1 = Variable.of(Tensor.ones(jgrad.core.DType.FLOAT64, 1, 4), "b1");
        Variable w2 = Variable.of(W2, "W2");
        Variable b2 = Variable.of(Tensor.ones(jgrad.core.DType.FLOAT64, 1, 2), "b2");
        try (GradientTape tape = new GradientTape()) {
            Tensor o = X.matmul(w1).add(b1).matmul(w2).add(b2);
            return tape.gradient(mseLoss(Y, o), w1, b1, w2, b2);
        }
    }

    public static void main(String[] args) {
        Args.parse("dense-from-scratch", args);
        Result r = byHand();
        System.out.println("the output of the first layer is " + Printing.numpy(r.h(), 1));
        System.out.println("the output of the second (output) layer is " + Printing.numpy(r.o(), 1));
        System.out.println("Mean Squared Error Loss: " + r.loss());
        System.out.println("Gradients of layer2 weights: \n " + Printing.numpy(r.dW2(), 2));
        System.out.println("Gradients of layer2 biases: \n " + Printing.numpy(r.db2(), 1));
        System.out.println("Gradients of layer1 weights: \n " + Printing.numpy(r.dW1(), 1));
        System.out.println("Gradients of layer1 biases: \n " + Printing.numpy(r.db1(), 1));
        System.out.printf(Locale.ROOT, "%nAfter one step with alpha = 0.001: Mean Squared Error Loss: %.2f%n",
                r.lossAfter());
        System.out.println("The loss decreases. There is learning!");

        List<Tensor> g = byTape();
        boolean same = g.get(0).allClose(r.dW1(), 0, 1e-9) && g.get(1).allClose(r.db1(), 0, 1e-9)
                && g.get(2).allClose(r.dW2(), 0, 1e-9) && g.get(3).allClose(r.db2(), 0, 1e-9);
        System.out.println();
        System.out.println("A GradientTape over the same forward pass gives " + (same ? "the same" : "DIFFERENT")
                + " dW1, db1, dW2, db2.");
    }
}
