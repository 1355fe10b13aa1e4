package jgrad.ops.math;

import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The larger of x and y elementwise, with broadcasting; NaN wins, as in PyTorch. On ties the
 * gradient is split half and half between x and y (PyTorch's rule). */
public record Maximum() implements Op {
    @Override
    public String name() {
        return "maximum";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Shape out = Checks.arithmetic(name(), inputs[0], inputs[1], true);
        return Elementwise.binary(Elementwise.Binary.MAX, inputs[0], inputs[1], out);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor y = b.input(1);
        Tensor g = b.grad();
        Tensor zero = g.scalarLike(0);
        Tensor shared = Tensor.where(x.equal(y), g.mul(0.5), g);
        return new Tensor[] {
            b.needsGrad(0) ? Tensor.where(x.less(y), zero, shared) : null,
            b.needsGrad(1) ? Tensor.where(x.greater(y), zero, shared) : null
        };
    }

    public static OpSpec spec() {
        return Specs.binary("maximum", Tensor::maximum, -2, 2, -2, 2).build();
    }
}
