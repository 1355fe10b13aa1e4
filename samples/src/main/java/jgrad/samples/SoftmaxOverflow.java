package jgrad.samples;

import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * The softmax overflow guard of notes 000 (part 6): {@code exp(z) / sum(exp(z))} overflows for
 * large z, while subtracting {@code A' = max(z)} first gives the same probabilities safely. The
 * note's example {@code z = [0.3, 0.9, 0.7]} gives {@code [0.23, 0.42, 0.36]}; {@code z = [1000,
 * 1001, 1002]} is NaN the naive way and fine with the guard, which is what {@code Tensor.softmax} does.
 */
public final class SoftmaxOverflow {
    private SoftmaxOverflow() {}

    /** {@code exp(z) / sum(exp(z))}, the formula as written. */
    static Tensor naive(Tensor z) {
        Tensor e = z.exp();
        return e.div(e.sum());
    }

    /** {@code exp(z - max(z)) / sum(exp(z - max(z)))}, the note's guarded softmax. */
    static Tensor guarded(Tensor z) {
        Tensor e = z.sub(z.max()).exp();
        return e.div(e.sum());
    }

    public static void main(String[] args) {
        Args.parse("softmax-overflow", args);
        Tensor small = Tensor.of(new double[] {0.3, 0.9, 0.7});
        System.out.println("z = " + Printing.numpy(small, 1));
        System.out.println("  exp(z) / sum(exp(z))            = " + Printing.numpy(naive(small), 2));
        System.out.println("  exp(z - max z) / sum(...)       = " + Printing.numpy(guarded(small), 2) + "   ("
                + Printing.numpy(guarded(small), 4) + "; the note rounds the last to 0.36)");
        System.out.println();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor big = Tensor.of(new double[] {1000, 1001, 1002}).cast(dtype);
            System.out.println("z = " + Printing.numpy(big, 0) + " (" + dtype + ")");
            System.out.println("  exp(z)                          = " + big.exp());
            System.out.println("  exp(z) / sum(exp(z))            = " + naive(big) + "   <- overflow: inf / inf");
            System.out.println("  exp(z - max z) / sum(...)       = " + Printing.numpy(guarded(big), 4));
            System.out.println("  z.softmax()                     = " + Printing.numpy(big.softmax(), 4));
        }
        System.out.println();
        System.out.println("Subtracting a constant A' = max(z) from every z_i multiplies numerator and denominator by");
        System.out.println("exp(-A'), so the probabilities are unchanged and the largest exponent is exp(0) = 1.");
    }
}
