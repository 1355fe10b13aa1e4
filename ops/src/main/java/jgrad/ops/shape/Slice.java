package jgrad.ops.shape;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Python's {@code x[..., start:stop:step, ...]} along one axis, as a view. Negative start and stop
 * count from the end, both are clamped to the axis like Python slicing does, and a negative step
 * walks backwards; Python's omitted bound ({@code x[::-1]}) is {@code Integer.MIN_VALUE} as stop
 * (or {@code Integer.MAX_VALUE} for a positive step). The gradient is {@link SliceGrad}: the
 * output's gradient written into zeros of x's shape.
 */
public record Slice(int axis, int start, int stop, int step) implements Op {
    /** The resolved slice: first index, number of elements, step. */
    record Range(int first, int length, int step) {
        /** Python's {@code slice(start, stop, step).indices(extent)}, and the length it selects. */
        static Range of(String op, int extent, int start, int stop, int step) {
            if (step == 0) {
                throw new IllegalArgumentException(op + ": step must not be 0 (slice " + start + ":" + stop + ":"
                        + step + ")");
            }
            int[] r = Shape.sliceIndices(extent, start, stop, step);
            return new Range(r[0], r[1], step);
        }
    }

    @Override
    public String name() {
        return "slice";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        if (x.rank() == 0) {
            throw new IllegalArgumentException("slice: x is a scalar; it has no axis to slice");
        }
        int a = Shape.normalizeAxis(axis, x.rank(), "slice");
        int[] dims = x.shape().dims();
        Range r = Range.of("slice", dims[a], start, stop, step);
        int[] strides = x.strides();
        int offset = x.offset() + (r.length() > 0 ? r.first() * strides[a] : 0);
        dims[a] = r.length();
        strides[a] *= step;
        return Tensor.view(x, Shape.of(dims), strides, offset);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new SliceGrad(b.input(0).shape(), axis, start, stop, step).apply(b.grad())};
    }

    /** Inputs: x, args {axis, start, stop, step}. */
    public static OpSpec spec() {
        return OpSpec.builder("slice", in -> {
            int[] a = ShapeSpecs.last(in);
            return ShapeSpecs.x(in).slice(a[0], a[1], a[2], a[3]);
        })
                .sample(OpSpec.random(5), ShapeSpecs.args(0, 1, 4, 1))
                .sample(OpSpec.random(4, 5), ShapeSpecs.args(1, -1, -6, -2)) // negative step from the end
                .sample(OpSpec.random(4, 5), ShapeSpecs.args(0, -100, 100, 2)) // bounds clamped as in Python
                .sample(OpSpec.random(3, 4), ShapeSpecs.args(-1, 3, Integer.MIN_VALUE, -1)) // x[:, ::-1]
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(1, 1, 2, 1))
                .sample(OpSpec.random(5), ShapeSpecs.args(0, 4, 1, 1)) // empty
                .sample(OpSpec.random(0, 3), ShapeSpecs.args(1, 0, 2, 1))
                .error("slice: step must not be 0", Tensor.zeros(DType.FLOAT64, 4), ShapeSpecs.argsTensor(0, 0, 3, 0))
                .error("slice: x is a scalar", Tensor.zeros(DType.FLOAT64), ShapeSpecs.argsTensor(0, 0, 1, 1))
                .error("slice: axis 2 is out of range for rank 2", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(2, 0, 1, 1))
                .build();
    }
}
