package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Reduction;

/**
 * Smallest entry over {@code axes} ({@code x.min(axes, keepDims)}), like NumPy's amin; NaN wins.
 * Gradient: shared equally among the tied minima, as PyTorch's amin.
 */
public record Min(int[] axes, boolean keepDims) implements Op {
    public Min {
        axes = axes == null ? null : axes.clone();
    }

    @Override
    public String name() {
        return "min";
    }

    // Records compare array components by identity; axes are compared and printed by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Min other && keepDims == other.keepDims && Arrays.equals(axes, other.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(axes) + Boolean.hashCode(keepDims);
    }

    @Override
    public String toString() {
        return "min(axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + ")";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return Max.extremum("min", inputs[0], axes, keepDims, Reduction.Kind.MIN);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {Max.tieGradient("min", b, axes)};
    }

    public static OpSpec spec() {
        return OpSpec.builder("min", in -> in.get(0).min())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                .error("min: cannot reduce over axis 1 of extent 0 in shape [2, 0]", Tensor.zeros(2, 0))
                .build();
    }

    /** {@link #spec()} and per-axis variants. */
    public static List<OpSpec> specs() {
        OpSpec axis = OpSpec.builder("min(axis=-2,keepDims)", in -> in.get(0).min(new int[] {-2}, true))
                .shapes(new int[] {3, 2})
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {2, 0})
                .error("min: axis -2 is out of range for shape [3]", Tensor.zeros(3))
                .build();
        // Ties share the gradient; first order only, since the gradient jumps where a tie is broken.
        OpSpec ties = OpSpec.builder("min(ties)", in -> in.get(0).min(new int[] {0}, true))
                .firstOrderOnly()
                .sample(OpSpec.fixed(Tensor.of(new double[] {1, -3, 2, -3})))
                .sample(OpSpec.fixed(Tensor.of(new double[][] {{1, 4}, {1, 0}, {3, 0}})))
                .build();
        return List.of(spec(), axis, ties);
    }
}
