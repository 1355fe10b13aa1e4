package jgrad.ops.nn;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * int64 class indices to float32 one-hot vectors along a new last axis of size {@code depth}.
 * Not differentiable (its input is a set of labels); an index outside {@code [0, depth)} is an error
 * rather than an all-zero row, so a wrong label count never trains silently.
 */
public record OneHot(int depth) implements Op {
    public OneHot {
        if (depth < 1) {
            throw new IllegalArgumentException("oneHot: depth must be >= 1, got " + depth);
        }
    }

    @Override
    public String name() {
        return "oneHot";
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor indices = inputs[0];
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("oneHot: indices must be int64, got " + indices.dtype() + " "
                    + indices.shape());
        }
        long[] idx = indices.toLongArray();
        int[] inDims = indices.shape().dims();
        int[] dims = Arrays.copyOf(inDims, inDims.length + 1);
        dims[inDims.length] = depth;
        if ((long) idx.length * depth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("oneHot: " + idx.length + " indices with depth " + depth
                    + " make more than 2^31 elements");
        }
        float[] out = new float[idx.length * depth];
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i];
            if (k < 0 || k >= depth) {
                throw new IllegalArgumentException("oneHot: index " + k + " at flat position " + i + " of indices "
                        + indices.shape() + " is out of range for depth " + depth + " (valid: 0 to " + (depth - 1)
                        + ")");
            }
            out[i * depth + (int) k] = 1f;
        }
        return Tensor.wrap(out, Shape.of(dims));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[b.inputCount()];
    }

    public static OpSpec spec() {
        return OpSpec.builder("oneHot", in -> in.get(0).oneHot(3))
                .notDifferentiable()
                .sample(OpSpec.fixed(Tensor.of(2L)))
                .sample(OpSpec.fixed(Tensor.of(new long[] {0, 2, 1, 1})))
                .sample(OpSpec.fixed(Tensor.of(new long[][] {{0, 1}, {2, 0}})))
                .sample(OpSpec.fixed(Tensor.of(new long[0])))
                .error("index 3 at flat position 1", Tensor.of(new long[] {0, 3}))
                .error("index -1", Tensor.of(new long[] {-1}))
                .error("indices must be int64, got float32", Tensor.of(new float[] {0, 1}))
                .build();
    }
}
