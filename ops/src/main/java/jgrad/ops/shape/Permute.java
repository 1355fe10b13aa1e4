package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Reorders the axes of x: output axis i is input axis {@code axes[i]} (negative axes count from the
 * end). Always a view with permuted strides; the gradient is the inverse permutation.
 */
public record Permute(int[] axes) implements Op {
    public Permute {
        axes = axes.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    @Override
    public String name() {
        return "permute";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        int[] perm = normalized(x.shape());
        int[] dims = x.shape().dims();
        int[] strides = x.strides();
        int[] outDims = new int[perm.length];
        int[] outStrides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outDims[i] = dims[perm[i]];
            outStrides[i] = strides[perm[i]];
        }
        return Tensor.view(x, Shape.of(outDims), outStrides, x.offset());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        int[] perm = normalized(b.input(0).shape());
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return new Tensor[] {new Permute(inverse).apply(b.grad())};
    }

    /** The axes in [0, rank), checked to be a permutation of x's axes. */
    private int[] normalized(Shape shape) {
        int rank = shape.rank();
        int[] perm = new int[axes.length];
        boolean[] seen = new boolean[rank];
        boolean ok = axes.length == rank;
        for (int i = 0; ok && i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            ok = a >= 0 && a < rank && !seen[a];
            if (ok) {
                seen[a] = true;
                perm[i] = a;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes)
                    + " are not a permutation of the " + rank + " axes of x " + shape
                    + " (each of 0.." + (rank - 1) + " exactly once; negative axes count from the end)");
        }
        return perm;
    }

    @Override
    public String toString() {
        return "Permute[axes=" + Arrays.toString(axes) + "]";
    }

    /** Inputs: x, args {axes...}. */
    public static OpSpec spec() {
        return OpSpec.builder("permute", in -> ShapeSpecs.x(in).permute(ShapeSpecs.last(in)))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(1, 0))
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(2, 0, 1))
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(-1, 0, -2))
                .sample(OpSpec.random(), ShapeSpecs.args())
                .sample(OpSpec.random(0, 2), ShapeSpecs.args(1, 0))
                .error("permute: axes [0, 0] are not a permutation of the 2 axes of x [2, 3]",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(0, 0))
                .error("permute: axes [0] are not a permutation", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(0))
                .error("permute: axes [0, 2] are not a permutation", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(0, 2))
                .build();
    }
}
