package jgrad.ops.shape;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Inserts a size-1 axis at {@code axis} (in {@code [-(rank+1), rank]}, negative counting from the
 * end of the result). A view; the gradient reshapes back.
 */
public record Unsqueeze(int axis) implements Op {
    @Override
    public String name() {
        return "unsqueeze";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        int[] dims = x.shape().dims();
        int[] strides = x.strides();
        int a = axis < 0 ? axis + dims.length + 1 : axis;
        if (a < 0 || a > dims.length) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for x " + x.shape()
                    + " (valid: " + (-dims.length - 1) + " to " + dims.length + ")");
        }
        int[] outDims = new int[dims.length + 1];
        int[] outStrides = new int[dims.length + 1];
        for (int i = 0, k = 0; i < outDims.length; i++) {
            if (i == a) {
                outDims[i] = 1;
                // Any stride works for a size-1 axis; this one keeps a row-major tensor row-major.
                outStrides[i] = a < dims.length ? strides[a] * Math.max(dims[a], 1) : 1;
            } else {
                outDims[i] = dims[k];
                outStrides[i] = strides[k++];
            }
        }
        return Tensor.view(x, Shape.of(outDims), outStrides, x.offset());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Reshape(b.input(0).shape().dims()).apply(b.grad())};
    }

    /** Inputs: x, args {axis}. */
    public static OpSpec spec() {
        return OpSpec.builder("unsqueeze", in -> ShapeSpecs.x(in).unsqueeze(ShapeSpecs.last(in)[0]))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(0))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(1))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(-1))
                .sample(OpSpec.random(), ShapeSpecs.args(0)) // scalar to [1]
                .sample(OpSpec.random(0, 2), ShapeSpecs.args(1))
                .error("unsqueeze: axis 3 is out of range for x [2, 3] (valid: -3 to 2)", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(3))
                .error("unsqueeze: axis -4 is out of range", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(-4))
                .build();
    }
}
