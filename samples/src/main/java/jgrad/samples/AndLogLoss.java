package jgrad.samples;

import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * The AND perceptron of notes 002, section 2.4, with the note's weights w = [2, 2], b = -3.3:
 * prints the rounded predictions and the log loss, line for line as the TensorFlow code, then the
 * same loss in float64 to show how many of the printed digits float32 can be trusted with.
 */
public final class AndLogLoss {
    private AndLogLoss() {}

    /** What the sample prints: the rounded predictions and the loss. */
    record Result(Tensor yHat, Tensor logLoss) {}

    static Result compute(DType dtype) {
        int n = 4;
        Tensor X = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}).cast(dtype);
        Tensor y = Tensor.of(new float[][] {{0}, {0}, {0}, {1}}).cast(dtype);
        Variable w = Variable.of(Tensor.of(new float[][] {{2}, {2}}).cast(dtype));
        Variable b = Variable.of(Tensor.scalar(-3.3, dtype));

        // a = g(x.w + b), y_hat = t(a)
        Tensor a = X.matmul(w).add(b).sigmoid();
        Tensor yHat = a.round();

        Tensor one = Tensor.scalar(1, dtype);
        Tensor lLog = y.mul(a.log()).add(one.sub(y).mul(one.sub(a).log())).neg().sum().div(n);
        return new Result(yHat, lLog);
    }

    public static void main(String[] args) {
        Args.parse("and-log-loss", args);
        Result r = compute(DType.FLOAT32);
        System.out.println("Predicted output =");
        System.out.println(Printing.asIntegers(r.yHat()));
        System.out.println("Log loss = " + Printing.shortest(r.logLoss()));
        System.out.println();
        System.out.println("In float64: " + Printing.shortest(compute(DType.FLOAT64).logLoss()));
        System.out.println("(The notes print 0.23035562, from TensorFlow's float32 kernels. float32 holds about 7");
        System.out.println(" significant digits; the float32 value above is the one nearest the exact loss.)");
    }
}
