package jgrad.ops.math;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The larger of x and y elementwise, with broadcasting; NaN wins, as in PyTorch. On ties the
 * gradient is split half and half between x and y (PyTorch's rule). */
public record Maximum() implements Primitive {
    @Override
    public String name() {
        return "maximum";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Shape out = Checks.arithmetic(name(), inputs[0], inputs[1], true);
        return Elementwise.binary(Elementwise.Binary.MAX, inputs[0], inputs[1], out);
    }

    public static OpSpec spec() {
        return Specs.binary("maximum", Tensor::maximum, -2, 2, -2, 2).build();
    }
}
