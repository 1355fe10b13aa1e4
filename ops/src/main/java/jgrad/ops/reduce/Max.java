package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Reduction;

/**
 * Largest entry over {@code axes} ({@code x.max(axes, keepDims)}), like NumPy's amax; NaN wins.
 * Gradient: shared equally among the entries that tie for the maximum, {@code g * (x == max) /
 * count}, as PyTorch's amax.
 */
public record Max(int[] axes, boolean keepDims) implements Op {
    public Max {
        axes = axes == null ? null : axes.clone();
    }

    @Override
    public String name() {
        return "max";
    }

    // Records compare array components by identity; axes are compared and printed by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Max other && keepDims == other.keepDims && Arrays.equals(axes, other.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(axes) + Boolean.hashCode(keepDims);
    }

    @Override
    public String toString() {
        return "max(axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + ")";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return extremum("max", inputs[0], axes, keepDims, Reduction.Kind.MAX);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {tieGradient("max", b, axes)};
    }

    /** The shared forward of max and min: checks, then the reduction kernel. */
    static Tensor extremum(String op, Tensor x, int[] axes, boolean keepDims, Reduction.Kind kind) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": x is bool " + x.shape() + "; cast it to a number first");
        }
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask(op, axes, shape);
        int[] out = Axes.outShape(shape, mask, keepDims);
        int empty = Axes.emptyReducedAxis(shape, mask);
        if (empty >= 0 && Shape.of(out).size() > 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over axis " + empty + " of extent 0 in shape "
                    + Arrays.toString(shape) + " (the " + op + " of no elements is undefined)");
        }
        return Tensor.wrap(Reduction.reduce(x, mask, kind), Shape.of(out));
    }

    /** {@code g * (x == out) / count}: the gradient split evenly among the tied extreme entries. */
    static Tensor tieGradient(String op, Backward b, int[] axes) {
        Tensor x = b.input(0);
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask(op, axes, shape);
        int[] keep = Axes.keepShape(shape, mask);
        Tensor hit = x.equal(Axes.keep(b.output(), keep)).cast(x.dtype());
        Tensor count = hit.sum(axes, true);
        return Axes.keep(b.grad(), keep).div(count).mul(hit);
    }

    public static OpSpec spec() {
        return OpSpec.builder("max", in -> in.get(0).max())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                .error("max: cannot reduce over axis 0 of extent 0 in shape [0]", Tensor.zeros(0))
                .error("max: x is bool", Tensor.of(new boolean[] {true}))
                .build();
    }

    /** {@link #spec()} and per-axis variants: negative axes, keepDims, zero-size, ties. */
    public static List<OpSpec> specs() {
        OpSpec lastAxis = OpSpec.builder("max(axis=-1)", in -> in.get(0).max(-1))
                .shapes(new int[] {2, 3})
                .shapes(new int[] {3, 1})
                .shapes(new int[] {0, 3})
                .error("max: cannot reduce over axis 1 of extent 0 in shape [2, 0]", Tensor.zeros(2, 0))
                .error("max: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        OpSpec keep = OpSpec.builder("max(axes=[0,2],keepDims)", in -> in.get(0).max(new int[] {0, 2}, true))
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {3, 0, 2})
                .error("max: axis 2 is out of range for shape [2, 3]", Tensor.zeros(2, 3))
                .build();
        // Two-way ties: central differences see half the slope on each tied entry, as the gradient says
        // (three-way ties get 1/3 each, where central differences would say 1/2). First
        // order only: the gradient jumps when a tie is broken, so it has no derivative there.
        OpSpec ties = OpSpec.builder("max(ties)", in -> in.get(0).max(new int[] {-1}, false))
                .firstOrderOnly()
                .sample(OpSpec.fixed(Tensor.of(new double[] {1, 3, -2, 3})))
                .sample(OpSpec.fixed(Tensor.of(new double[][] {{2, 2, 1}, {0, 5, 5}})))
                .build();
        return List.of(spec(), lastAxis, keep, ties);
    }
}
