package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** e^x elementwise; the gradient reuses the output (d/dx e^x = e^x). */
public record Exp() implements Primitive {
    @Override
    public String name() {
        return "exp";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.EXP, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("exp", Tensor::exp, -2, 2).build();
    }
}
