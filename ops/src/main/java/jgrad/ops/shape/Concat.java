package jgrad.ops.shape;

import java.util.StringJoiner;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * Joins tensors along an existing axis (NumPy concatenate, torch.cat). All inputs share dtype,
 * rank and every extent except the joined axis. The gradient of input i is the slice of the
 * output's gradient that input i filled.
 */
public record Concat(int axis) implements Op {
    @Override
    public String name() {
        return "concat";
    }

    @Override
    public Tensor forward(Tensor... xs) {
        int a = checkedAxis(xs);
        int[] dims = xs[0].shape().dims();
        int total = 0;
        for (Tensor x : xs) {
            total += x.dim(a);
        }
        dims[a] = total;
        Shape shape = Shape.of(dims);
        Object out = Tensor.allocate(xs[0].dtype(), shape.size());
        int[] strides = StridedCopyKernel.rowMajorStrides(dims);
        int offset = 0;
        for (Tensor x : xs) {
            if (x.size() > 0) {
                StridedCopyKernel.copyInto(x, out, offset * strides[a], strides);
            }
            offset += x.dim(a);
        }
        return Tensor.wrap(out, shape);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor[] grads = new Tensor[b.inputCount()];
        int a = Shape.normalizeAxis(axis, b.input(0).rank(), "concat");
        int offset = 0;
        for (int i = 0; i < grads.length; i++) {
            int n = b.input(i).dim(a);
            if (b.needsGrad(i)) {
                grads[i] = new Slice(a, offset, offset + n, 1).apply(b.grad());
            }
            offset += n;
        }
        return grads;
    }

    /** Checks dtypes and shapes, naming the first input that does not fit; returns the axis in [0, rank). */
    private int checkedAxis(Tensor[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = xs[0];
        if (first.rank() == 0) {
            throw new IllegalArgumentException("concat: input 0 is a scalar; concat joins along an existing axis"
                    + " (use stack to join scalars)");
        }
        int a = Shape.normalizeAxis(axis, first.rank(), "concat");
        int[] dims = first.shape().dims();
        for (int i = 1; i < xs.length; i++) {
            Tensor x = xs[i];
            if (x.dtype() != first.dtype()) {
                throw new IllegalArgumentException("concat: input " + i + " is " + x.dtype() + ", expected "
                        + first.dtype() + " like input 0");
            }
            boolean fits = x.rank() == dims.length;
            for (int k = 0; fits && k < dims.length; k++) {
                fits = k == a || x.dim(k) == dims[k];
            }
            if (!fits) {
                StringJoiner pattern = new StringJoiner(", ", "[", "]");
                for (int k = 0; k < dims.length; k++) {
                    pattern.add(k == a ? "*" : Integer.toString(dims[k]));
                }
                throw new IllegalArgumentException("concat: input " + i + " has shape " + x.shape() + ", expected "
                        + pattern + " with axis " + a + " free (input 0 has shape " + first.shape() + ")");
            }
        }
        return a;
    }

    /** Inputs: the tensors, then args {axis}. */
    public static OpSpec spec() {
        return OpSpec.builder("concat", in -> Tensor.concat(in.subList(0, in.size() - 1), ShapeSpecs.last(in)[0]))
                .sample(OpSpec.random(2, 3), OpSpec.random(2, 1), OpSpec.random(2, 2), ShapeSpecs.args(1))
                .sample(OpSpec.random(2, 3), OpSpec.random(4, 3), ShapeSpecs.args(-2))
                .sample(OpSpec.random(2, 3, 2), OpSpec.random(2, 1, 2), ShapeSpecs.args(1))
                .sample(OpSpec.random(3), ShapeSpecs.args(0)) // one input
                .sample(OpSpec.random(0, 3), OpSpec.random(2, 3), ShapeSpecs.args(0)) // a zero-size input
                .error("concat: input 2 has shape [3, 4], expected [2, *] with axis 1 free",
                        Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 2, 4),
                        Tensor.zeros(DType.FLOAT64, 3, 4), ShapeSpecs.argsTensor(1))
                .error("concat: input 1 has shape [6], expected [*, 3] with axis 0 free",
                        Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 6), ShapeSpecs.argsTensor(0))
                .error("concat: input 1 is float32, expected float64 like input 0", Tensor.zeros(DType.FLOAT64, 2, 3),
                        Tensor.zeros(DType.FLOAT32, 2, 3), ShapeSpecs.argsTensor(0))
                .error("concat: input 0 is a scalar", Tensor.zeros(DType.FLOAT64), Tensor.zeros(DType.FLOAT64),
                        ShapeSpecs.argsTensor(0))
                .error("concat: needs at least one tensor", ShapeSpecs.argsTensor(0))
                .error("concat: axis 2 is out of range", Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(2))
                .build();
    }
}
