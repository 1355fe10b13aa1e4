package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.PadKernel;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * The gradient of {@link Slice} (PyTorch's slice_backward): zeros of the sliced tensor's shape with
 * the incoming gradient written where the slice took its elements. It is an op of its own so that
 * its gradient, the same slice again, makes grad-of-grad work.
 */
public record SliceGrad(Shape shape, int axis, int start, int stop, int step) implements Op {
    @Override
    public String name() {
        return "slice_grad";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor g = in[0];
        if (shape.rank() == 0) {
            throw new IllegalArgumentException("slice_grad: the sliced shape is a scalar; it has no axis to slice");
        }
        int a = Shape.normalizeAxis(axis, shape.rank(), "slice_grad");
        int[] dims = shape.dims();
        Slice.Range r = Slice.Range.of("slice_grad", dims[a], start, stop, step);
        int[] expected = dims.clone();
        expected[a] = r.length();
        if (!g.shape().equals(Shape.of(expected))) {
            throw new IllegalArgumentException("slice_grad: gradient " + g.shape() + " does not match the slice "
                    + Shape.of(expected) + " taken from " + shape + " (axis " + axis + ", " + start + ":" + stop + ":"
                    + step + ")");
        }
        int[] strides = StridedCopyKernel.rowMajorStrides(dims);
        int offset = r.length() > 0 ? r.first() * strides[a] : 0;
        strides[a] *= step;
        return PadKernel.embed(g, g.dtype(), shape, offset, strides);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Slice(axis, start, stop, step).apply(b.grad())};
    }

    /** Inputs: the slice's gradient, args {axis, start, stop, step, sliced shape...}. */
    public static OpSpec spec() {
        return OpSpec.builder("slice_grad", in -> {
            int[] a = ShapeSpecs.last(in);
            Shape shape = Shape.of(Arrays.copyOfRange(a, 4, a.length));
            return new SliceGrad(shape, a[0], a[1], a[2], a[3]).apply(ShapeSpecs.x(in));
        })
                .sample(OpSpec.random(3), ShapeSpecs.args(0, 1, 4, 1, 5))
                .sample(OpSpec.random(4, 3), ShapeSpecs.args(1, -1, -6, -2, 4, 5))
                .sample(OpSpec.random(2, 5), ShapeSpecs.args(0, -100, 100, 2, 4, 5))
                .sample(OpSpec.random(0), ShapeSpecs.args(0, 4, 1, 1, 5))
                .error("slice_grad: gradient [4, 2] does not match the slice [4, 3] taken from [4, 5]",
                        Tensor.zeros(DType.FLOAT64, 4, 2), ShapeSpecs.argsTensor(1, -1, -6, -2, 4, 5))
                .error("slice_grad: step must not be 0", Tensor.zeros(DType.FLOAT64, 2),
                        ShapeSpecs.argsTensor(0, 0, 2, 0, 4))
                .build();
    }
}
