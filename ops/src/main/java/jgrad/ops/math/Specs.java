package jgrad.ops.math;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/** Sample sets shared by the math ops' specs: scalar, broadcasting and zero-size cases. */
final class Specs {
    private Specs() {}

    /** A unary float op on inputs drawn from [lo, hi]: matrix, vector, scalar and zero-size samples. */
    static OpSpec.Builder unary(String name, UnaryOperator<Tensor> f, double lo, double hi) {
        return OpSpec.builder(name, in -> f.apply(in.get(0)))
                .domain(lo, hi)
                .shapes(new int[] {2, 3})
                .shapes(new int[] {5})
                .shapes(new int[0])
                .shapes(new int[] {0, 3})
                .error(name + ": x must be float32 or float64, got int64 [2]", Tensor.of(new long[] {1, 2}));
    }

    /**
     * A binary op with x drawn from [xlo, xhi] and y from [ylo, yhi]: same shapes, scalars, both
     * sides broadcasting, a scalar operand, zero-size; broadcast and dtype errors.
     */
    static OpSpec.Builder binary(String name, BinaryOperator<Tensor> f, double xlo, double xhi, double ylo,
            double yhi) {
        return OpSpec.builder(name, in -> f.apply(in.get(0), in.get(1)))
                .sample(OpSpec.random(xlo, xhi, 2, 3), OpSpec.random(ylo, yhi, 2, 3))
                .sample(OpSpec.random(xlo, xhi), OpSpec.random(ylo, yhi))
                .sample(OpSpec.random(xlo, xhi, 3, 1), OpSpec.random(ylo, yhi, 1, 4))
                .sample(OpSpec.random(xlo, xhi, 2, 1, 3), OpSpec.random(ylo, yhi, 4, 1))
                .sample(OpSpec.random(xlo, xhi, 2, 3), OpSpec.random(ylo, yhi))
                .sample(OpSpec.random(xlo, xhi), OpSpec.random(ylo, yhi, 4))
                .sample(OpSpec.random(xlo, xhi, 0, 3), OpSpec.random(ylo, yhi, 3))
                .error(name + ": cannot broadcast x [2, 3] with y [4]", Tensor.zeros(2, 3), Tensor.zeros(4))
                .error(name + ": dtype mismatch: x is float32 [2, 3], y is float64 [3]; cast one of them",
                        Tensor.zeros(2, 3), Tensor.zeros(DType.FLOAT64, 3));
    }
}
