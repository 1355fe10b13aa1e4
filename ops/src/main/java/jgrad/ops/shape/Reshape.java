package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * Gives x a new shape holding the same elements in row-major order; one extent may be -1 and is
 * inferred. A view whenever x's strides allow one (always for a contiguous x), else a copy.
 */
public record Reshape(int[] shape) implements Op {
    public Reshape {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        Shape target = resolve(x.shape(), shape);
        int[] strides = viewStrides(x.shape().dims(), x.strides(), target.dims());
        if (strides != null) {
            return Tensor.view(x, target, strides, x.offset());
        }
        return Tensor.wrap(StridedCopyKernel.toArray(x), target);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Reshape(b.input(0).shape().dims()).apply(b.grad())};
    }

    /** The target shape with its -1 filled in, or a message naming both shapes. */
    static Shape resolve(Shape from, int[] spec) {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one axis may be -1, got "
                            + Arrays.toString(spec) + " for x " + from);
                }
                inferred = i;
            } else if (spec[i] < 0) {
                throw new IllegalArgumentException("reshape: axis " + i + " of the target shape "
                        + Arrays.toString(spec) + " is negative (" + spec[i] + "); only -1 (infer) is allowed");
            } else {
                known *= spec[i];
            }
        }
        int size = from.size();
        if (inferred < 0) {
            if (known != size) {
                throw new IllegalArgumentException("reshape: cannot reshape x " + from + " (" + size
                        + " elements) into " + Arrays.toString(spec) + " (" + known + " elements)");
            }
            return Shape.of(spec);
        }
        if (known == 0 || size % known != 0) {
            throw new IllegalArgumentException("reshape: cannot reshape x " + from + " (" + size + " elements) into "
                    + Arrays.toString(spec) + ": " + (known == 0
                            ? "the other axes hold 0 elements, so -1 is ambiguous"
                            : size + " is not a multiple of " + known));
        }
        int[] dims = spec.clone();
        dims[inferred] = (int) (size / known);
        return Shape.of(dims);
    }

    /**
     * Strides that let {@code newShape} view the elements of a tensor with {@code oldShape} and
     * {@code oldStrides} in row-major order, or null when only a copy can (PyTorch's computeStride:
     * each run of old axes that is laid out back to back may be re-split freely).
     */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        int size = 1;
        for (int d : oldShape) {
            size *= d;
        }
        if (size == 0 || oldShape.length == 0) {
            return StridedCopyKernel.rowMajorStrides(newShape); // nothing, or one element: any strides do
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int d = oldShape.length - 1; d >= 0; d--) {
            tensorNumel *= oldShape[d];
            boolean chunkEnds = d == 0
                    || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorNumel * chunkBaseStride);
            if (chunkEnds) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBaseStride = oldStrides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    @Override
    public String toString() {
        return "Reshape[shape=" + Arrays.toString(shape) + "]";
    }

    /** Inputs: x, args {target shape...}. */
    public static OpSpec spec() {
        return OpSpec.builder("reshape", in -> ShapeSpecs.x(in).reshape(ShapeSpecs.last(in)))
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(3, 2))
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(4, -1))
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(2, 12))
                .sample(OpSpec.random(), ShapeSpecs.args(1)) // scalar to [1]
                .sample(OpSpec.random(1, 1), ShapeSpecs.args()) // to a scalar
                .sample(OpSpec.random(0, 3), ShapeSpecs.args(3, -1, 2))
                .error("reshape: cannot reshape x [2, 3] (6 elements) into [4, 2] (8 elements)",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(4, 2))
                .error("6 is not a multiple of 4", Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(4, -1))
                .error("reshape: only one axis may be -1", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(-1, -1))
                .error("is negative (-2)", Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(-2, -3))
                .error("-1 is ambiguous", Tensor.zeros(DType.FLOAT64, 0, 3), ShapeSpecs.argsTensor(0, -1))
                .build();
    }
}
