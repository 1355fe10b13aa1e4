package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The hyperbolic tangent elementwise; the gradient 1 - y^2 reuses the output y. */
public record Tanh() implements Primitive {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.TANH, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("tanh", Tensor::tanh, -2, 2).build();
    }
}
