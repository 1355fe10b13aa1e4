package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.GatherKernel;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * The gradient of {@link Gather}: zeros of {@code shape} with each entry of {@code src} added at
 * its index along {@code axis}; repeated indices accumulate. Its own gradient is the gather again,
 * which is what makes grad-of-grad work through gather.
 */
public record ScatterAdd(Shape shape, int axis) implements Op {
    @Override
    public String name() {
        return "scatter_add";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor src = in[0];
        Tensor indices = in[1];
        if (shape.rank() == 0) {
            throw new IllegalArgumentException("scatter_add: the target shape is a scalar; it has no axis to add along");
        }
        if (src.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("scatter_add: src must be float32, float64 or int64, got bool "
                    + src.shape());
        }
        int a = Shape.normalizeAxis(axis, shape.rank(), "scatter_add");
        int[] dims = shape.dims();
        long[] idx = Gather.checkedIndices("scatter_add", indices, a, dims[a]);
        Shape expected = Gather.outputShape(dims, a, indices.shape());
        if (!src.shape().equals(expected)) {
            throw new IllegalArgumentException("scatter_add: src " + src.shape() + " does not fit indices "
                    + indices.shape() + " into " + shape + " along axis " + axis + ": expected src " + expected);
        }
        Object data = src.isDense() ? src.storage() : StridedCopyKernel.toArray(src);
        Object out = GatherKernel.scatterAdd(data, Gather.product(dims, 0, a), dims[a],
                Gather.product(dims, a + 1, dims.length), idx);
        return Tensor.wrap(out, shape);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Gather(axis).apply(b.grad(), b.input(1)), null};
    }

    /** Inputs: src, int64 indices, args {axis, target shape...}. */
    public static OpSpec spec() {
        return OpSpec.builder("scatter_add", in -> {
            int[] a = ShapeSpecs.last(in);
            Shape shape = Shape.of(Arrays.copyOfRange(a, 1, a.length));
            return new ScatterAdd(shape, a[0]).apply(in.get(0), in.get(1));
        })
                .sample(OpSpec.random(3), OpSpec.fixed(Tensor.of(new long[] {4, 0, 4})), ShapeSpecs.args(0, 5))
                .sample(OpSpec.random(3, 2, 2), OpSpec.fixed(Tensor.of(new long[][] {{0, 3}, {3, 3}})),
                        ShapeSpecs.args(1, 3, 4))
                .sample(OpSpec.random(4), OpSpec.fixed(Tensor.of(2L)), ShapeSpecs.args(0, 3, 4))
                .sample(OpSpec.random(3, 0), OpSpec.fixed(Tensor.of(new long[0])), ShapeSpecs.args(-1, 3, 4))
                .error("scatter_add: src [2] does not fit indices [3] into [5] along axis 0: expected src [3]",
                        Tensor.zeros(DType.FLOAT64, 2), Tensor.of(new long[] {0, 1, 2}), ShapeSpecs.argsTensor(0, 5))
                .error("scatter_add: index 5 is out of range for axis 0 with extent 5",
                        Tensor.zeros(DType.FLOAT64, 1), Tensor.of(new long[] {5}), ShapeSpecs.argsTensor(0, 5))
                .build();
    }
}
