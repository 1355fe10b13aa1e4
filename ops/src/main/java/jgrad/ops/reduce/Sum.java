package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Reduction;

/**
 * Sum over {@code axes} ({@code x.sum(axes, keepDims)}); empty axes sum everything, negative axes
 * count from the end. Int64 input sums to int64 and bool input counts its true entries.
 * Gradient: the output gradient broadcast back over the reduced axes.
 */
public record Sum(int[] axes, boolean keepDims) implements Op {
    public Sum {
        axes = axes == null ? null : axes.clone();
    }

    @Override
    public String name() {
        return "sum";
    }

    // Records compare array components by identity; axes are compared and printed by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Sum other && keepDims == other.keepDims && Arrays.equals(axes, other.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(axes) + Boolean.hashCode(keepDims);
    }

    @Override
    public String toString() {
        return "sum(axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + ")";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask("sum", axes, shape);
        Object out = Reduction.reduce(x, mask, Reduction.Kind.SUM);
        return Tensor.wrap(out, Shape.of(Axes.outShape(shape, mask, keepDims)));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        int[] shape = b.input(0).shape().dims();
        return new Tensor[] {Axes.broadcastBack(b.grad(), shape, Axes.mask("sum", axes, shape))};
    }

    /** Sum of every element: scalar, vector, matrix, rank 3, zero-size. */
    public static OpSpec spec() {
        return OpSpec.builder("sum", in -> in.get(0).sum())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3})
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {0, 3})
                .build();
    }

    /** {@link #spec()} and the per-axis variants: negative axis, several axes, keepDims, errors. */
    public static List<OpSpec> specs() {
        OpSpec lastAxis = OpSpec.builder("sum(axis=-1)", in -> in.get(0).sum(-1))
                .shapes(new int[] {4})
                .shapes(new int[] {2, 3})
                .shapes(new int[] {2, 1, 3})
                .shapes(new int[] {0, 3})
                .shapes(new int[] {3, 0})
                .error("sum: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        OpSpec twoAxesKeep = OpSpec.builder("sum(axes=[0,-1],keepDims)",
                        in -> in.get(0).sum(new int[] {0, -1}, true))
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {3, 2})
                .shapes(new int[] {2, 0})
                .error("sum: axis -1 is repeated in axes [0, -1] for shape [3]", Tensor.zeros(3))
                .build();
        OpSpec outOfRange = OpSpec.builder("sum(axis=2)", in -> in.get(0).sum(new int[] {2}, false))
                .shapes(new int[] {2, 3, 4})
                .error("sum: axis 2 is out of range for shape [2, 3] (valid: -2 to 1)", Tensor.zeros(2, 3))
                .build();
        return List.of(spec(), lastAxis, twoAxesKeep, outOfRange);
    }
}
