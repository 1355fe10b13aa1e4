package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Removes size-1 axes: the given ones (each must have extent 1), or every one of them when no axis
 * is given. A view; the gradient reshapes back.
 */
public record Squeeze(int[] axes) implements Op {
    public Squeeze {
        axes = axes.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    @Override
    public String name() {
        return "squeeze";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        int[] dims = x.shape().dims();
        boolean[] drop = new boolean[dims.length];
        if (axes.length == 0) {
            for (int i = 0; i < dims.length; i++) {
                drop[i] = dims[i] == 1;
            }
        } else {
            for (int axis : axes) {
                int a = Shape.normalizeAxis(axis, dims.length, "squeeze");
                if (drop[a]) {
                    throw new IllegalArgumentException("squeeze: axis " + a + " is listed twice in "
                            + Arrays.toString(axes) + " for x " + x.shape());
                }
                if (dims[a] != 1) {
                    throw new IllegalArgumentException("squeeze: axis " + axis + " of x " + x.shape() + " has extent "
                            + dims[a] + "; only size-1 axes can be squeezed");
                }
                drop[a] = true;
            }
        }
        int[] strides = x.strides();
        int kept = 0;
        for (boolean d : drop) {
            kept += d ? 0 : 1;
        }
        int[] outDims = new int[kept];
        int[] outStrides = new int[kept];
        for (int i = 0, k = 0; i < dims.length; i++) {
            if (!drop[i]) {
                outDims[k] = dims[i];
                outStrides[k++] = strides[i];
            }
        }
        return Tensor.view(x, Shape.of(outDims), outStrides, x.offset());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Reshape(b.input(0).shape().dims()).apply(b.grad())};
    }

    @Override
    public String toString() {
        return "Squeeze[axes=" + Arrays.toString(axes) + "]";
    }

    /** Inputs: x, args {axes...} (none: every size-1 axis). */
    public static OpSpec spec() {
        return OpSpec.builder("squeeze", in -> ShapeSpecs.x(in).squeeze(ShapeSpecs.last(in)))
                .sample(OpSpec.random(1, 3, 1), ShapeSpecs.args())
                .sample(OpSpec.random(1, 3, 1), ShapeSpecs.args(-1))
                .sample(OpSpec.random(2, 1, 3), ShapeSpecs.args(1))
                .sample(OpSpec.random(1, 1), ShapeSpecs.args(0, 1)) // to a scalar
                .sample(OpSpec.random(), ShapeSpecs.args()) // a scalar stays a scalar
                .sample(OpSpec.random(0, 1), ShapeSpecs.args(1))
                .error("squeeze: axis 1 of x [2, 3] has extent 3; only size-1 axes can be squeezed",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(1))
                .error("squeeze: axis 2 is out of range for rank 2", Tensor.zeros(DType.FLOAT64, 2, 1),
                        ShapeSpecs.argsTensor(2))
                .error("squeeze: axis 1 is listed twice", Tensor.zeros(DType.FLOAT64, 2, 1),
                        ShapeSpecs.argsTensor(1, -1))
                .build();
    }
}
