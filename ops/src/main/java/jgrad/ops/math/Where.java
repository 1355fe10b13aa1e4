package jgrad.ops.math;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/**
 * {@code condition ? x : y} elementwise, broadcasting all three (NumPy's where, PyTorch's
 * torch.where). The condition is bool and gets no gradient; x gets the output gradient where the
 * condition holds, y where it does not.
 */
public record Where() implements Op {
    @Override
    public String name() {
        return "where";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor c = inputs[0];
        Tensor x = inputs[1];
        Tensor y = inputs[2];
        if (c.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be bool, got " + c.dtype() + " " + c.shape()
                    + "; make one with a comparison such as x.greater(0)");
        }
        Checks.sameDtype(name(), x, y);
        Shape cx = c.shape().equals(x.shape()) ? c.shape() : Shape.broadcast(name(), "condition", c.shape(), "x",
                x.shape());
        Shape out = cx.equals(y.shape()) ? cx : Shape.broadcast(name(), "condition and x", cx, "y", y.shape());
        return Elementwise.where(c, x, y, out);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor c = b.input(0);
        Tensor g = b.grad();
        Tensor zero = g.scalarLike(0);
        return new Tensor[] {
            null,
            b.needsGrad(1) ? Tensor.where(c, g, zero) : null,
            b.needsGrad(2) ? Tensor.where(c, zero, g) : null
        };
    }

    public static OpSpec spec() {
        Tensor mask = Tensor.fromFlat(new boolean[] {true, false, true, false, false, true}, 2, 3);
        return OpSpec.builder("where", in -> Tensor.where(in.get(0), in.get(1), in.get(2)))
                .sample(OpSpec.fixed(mask), OpSpec.random(2, 3), OpSpec.random(2, 3))
                .sample(OpSpec.fixed(Tensor.of(true)), OpSpec.random(), OpSpec.random())
                .sample(OpSpec.fixed(Tensor.fromFlat(new boolean[] {true, false, true}, 3, 1)), OpSpec.random(1, 4),
                        OpSpec.random())
                .sample(OpSpec.fixed(Tensor.of(new boolean[] {false, true, true})), OpSpec.random(2, 1),
                        OpSpec.random(2, 3))
                .sample(OpSpec.fixed(mask), OpSpec.random(2, 3), OpSpec.random(3))
                .sample(OpSpec.fixed(Tensor.zeros(DType.BOOL, 0, 3)), OpSpec.random(0, 3), OpSpec.random(3))
                .error("where: condition must be bool, got float32 [2, 3]", Tensor.zeros(2, 3), Tensor.zeros(2, 3),
                        Tensor.zeros(2, 3))
                .error("where: dtype mismatch: x is float32 [3], y is float64 [3]", Tensor.zeros(DType.BOOL, 3),
                        Tensor.zeros(3), Tensor.zeros(DType.FLOAT64, 3))
                .error("where: cannot broadcast condition [2, 3] with x [4]", Tensor.zeros(DType.BOOL, 2, 3),
                        Tensor.zeros(4), Tensor.zeros(4))
                .error("where: cannot broadcast condition and x [2, 3] with y [5]", Tensor.zeros(DType.BOOL, 2, 3),
                        Tensor.zeros(3), Tensor.zeros(5))
                .build();
    }
}
