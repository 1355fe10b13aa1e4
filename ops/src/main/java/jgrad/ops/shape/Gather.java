package jgrad.ops.shape;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.GatherKernel;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * Picks entries of x along {@code axis} at int64 indices of any shape (torch.index_select,
 * tf.gather): the output has shape {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}.
 * Indices must lie in {@code [0, extent)}; negative indices are refused rather than wrapped, so a
 * bad label never silently picks the last row. The gradient is {@link ScatterAdd}.
 */
public record Gather(int axis) implements Op {
    @Override
    public String name() {
        return "gather";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        Tensor indices = in[1];
        if (x.rank() == 0) {
            throw new IllegalArgumentException("gather: x is a scalar; it has no axis to gather along");
        }
        int a = Shape.normalizeAxis(axis, x.rank(), "gather");
        int[] dims = x.shape().dims();
        long[] idx = checkedIndices("gather", indices, a, dims[a]);
        int outer = product(dims, 0, a);
        int inner = product(dims, a + 1, dims.length);
        Object data = x.isContiguous() ? x.storage() : StridedCopyKernel.toArray(x);
        int offset = x.isContiguous() ? x.offset() : 0;
        Object out = GatherKernel.gather(data, offset, outer, dims[a], inner, idx);
        return Tensor.wrap(out, outputShape(dims, a, indices.shape()));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor indices = b.input(1);
        return new Tensor[] {new ScatterAdd(b.input(0).shape(), axis).apply(b.grad(), indices), null};
    }

    /** {@code dims[:axis] + indexShape + dims[axis+1:]}. */
    static Shape outputShape(int[] dims, int axis, Shape indexShape) {
        int[] idx = indexShape.dims();
        int[] out = new int[dims.length - 1 + idx.length];
        System.arraycopy(dims, 0, out, 0, axis);
        System.arraycopy(idx, 0, out, axis, idx.length);
        System.arraycopy(dims, axis + 1, out, axis + idx.length, dims.length - axis - 1);
        return Shape.of(out);
    }

    /** The indices as a dense long[], each checked to lie in [0, extent). */
    static long[] checkedIndices(String op, Tensor indices, int axis, int extent) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": indices must be int64, got " + indices.dtype() + " "
                    + indices.shape());
        }
        long[] idx = indices.isDense() ? (long[]) indices.storage() : indices.toLongArray();
        for (long i : idx) {
            if (i < 0 || i >= extent) {
                throw new IllegalArgumentException(op + ": index " + i + " is out of range for axis " + axis
                        + " with extent " + extent + (extent > 0 ? " (valid: 0 to " + (extent - 1) + ")" : "")
                        + (i < 0 ? "; negative indices are not wrapped around" : ""));
            }
        }
        return idx;
    }

    static int product(int[] dims, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Inputs: x, int64 indices, args {axis}. */
    public static OpSpec spec() {
        Tensor m34 = Tensor.of(new long[][] {{0, 3}, {3, 3}});
        return OpSpec.builder("gather", in -> in.get(0).gather(in.get(1), ShapeSpecs.last(in)[0]))
                .sample(OpSpec.random(5), OpSpec.fixed(Tensor.of(new long[] {4, 0, 4})), ShapeSpecs.args(0))
                .sample(OpSpec.random(3, 4), OpSpec.fixed(m34), ShapeSpecs.args(1)) // 2-D indices: [3, 2, 2]
                .sample(OpSpec.random(4, 3), OpSpec.fixed(m34), ShapeSpecs.args(-2))
                .sample(OpSpec.random(2, 3, 4), OpSpec.fixed(Tensor.of(new long[] {2, 0})), ShapeSpecs.args(1))
                .sample(OpSpec.random(3, 4), OpSpec.fixed(Tensor.of(2L)), ShapeSpecs.args(0)) // scalar index: [4]
                .sample(OpSpec.random(3, 4), OpSpec.fixed(Tensor.of(new long[0])), ShapeSpecs.args(-1)) // [3, 0]
                .sample(OpSpec.random(0, 4), OpSpec.fixed(Tensor.of(new long[] {1, 1})), ShapeSpecs.args(1))
                .error("gather: index 3 is out of range for axis 0 with extent 3 (valid: 0 to 2)",
                        Tensor.zeros(DType.FLOAT64, 3, 2), Tensor.of(new long[] {0, 3}), ShapeSpecs.argsTensor(0))
                .error("gather: index -1 is out of range for axis 1 with extent 2",
                        Tensor.zeros(DType.FLOAT64, 3, 2), Tensor.of(new long[] {-1}), ShapeSpecs.argsTensor(1))
                .error("gather: indices must be int64, got float64 [2]", Tensor.zeros(DType.FLOAT64, 3),
                        Tensor.zeros(DType.FLOAT64, 2), ShapeSpecs.argsTensor(0))
                .error("gather: x is a scalar", Tensor.zeros(DType.FLOAT64), Tensor.of(0L), ShapeSpecs.argsTensor(0))
                .error("gather: axis 2 is out of range", Tensor.zeros(DType.FLOAT64, 3, 2), Tensor.of(0L),
                        ShapeSpecs.argsTensor(2))
                .build();
    }
}
