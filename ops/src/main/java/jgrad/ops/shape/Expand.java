package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Broadcasts x to a larger shape (NumPy broadcast_to, PyTorch expand): new leading axes and
 * size-1 axes stretched to any extent, as a view with stride 0 on them. The gradient sums over
 * exactly those axes.
 */
public record Expand(Shape shape) implements Op {
    @Override
    public String name() {
        return "expand";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        int[] from = x.shape().dims();
        int[] to = shape.dims();
        int lead = to.length - from.length;
        if (lead < 0) {
            throw new IllegalArgumentException("expand: cannot expand x " + x.shape() + " to " + shape
                    + ": the target has fewer axes than x");
        }
        int[] xStrides = x.strides();
        int[] strides = new int[to.length];
        for (int i = 0; i < from.length; i++) {
            int t = to[lead + i];
            if (from[i] == t) {
                strides[lead + i] = xStrides[i];
            } else if (from[i] == 1) {
                strides[lead + i] = 0; // every position along this axis reads the one element
            } else {
                throw new IllegalArgumentException("expand: cannot expand x " + x.shape() + " to " + shape + ": axis "
                        + i + " of x has extent " + from[i] + ", which must be 1 or " + t);
            }
        }
        return Tensor.view(x, shape, strides, x.offset());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        int[] from = b.input(0).shape().dims();
        int[] to = shape.dims();
        int lead = to.length - from.length;
        int[] axes = new int[to.length];
        int count = 0;
        for (int i = 0; i < to.length; i++) {
            if (i < lead || (from[i - lead] == 1 && to[i] != 1)) {
                axes[count++] = i;
            }
        }
        if (count == 0) {
            return new Tensor[] {b.grad()}; // same shape: nothing was broadcast
        }
        return new Tensor[] {b.grad().sum(Arrays.copyOf(axes, count), true).reshape(from)};
    }

    /** Inputs: x, args {target shape...}. */
    public static OpSpec spec() {
        return OpSpec.builder("expand", in -> ShapeSpecs.x(in).expand(ShapeSpecs.last(in)))
                .sample(OpSpec.random(3, 1), ShapeSpecs.args(3, 4))
                .sample(OpSpec.random(4), ShapeSpecs.args(2, 3, 4))
                .sample(OpSpec.random(1, 3, 1), ShapeSpecs.args(2, 2, 3, 2))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(2, 3))
                .sample(OpSpec.random(), ShapeSpecs.args(2, 3)) // scalar
                .sample(OpSpec.random(1, 3), ShapeSpecs.args(0, 3))
                .sample(OpSpec.random(0, 1), ShapeSpecs.args(2, 0, 3))
                .error("expand: cannot expand x [2, 3] to [4, 3]: axis 0 of x has extent 2, which must be 1 or 4",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(4, 3))
                .error("expand: cannot expand x [2, 3] to [3]: the target has fewer axes than x",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(3))
                .error("has negative extent", Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(-1, 3))
                .build();
    }
}
