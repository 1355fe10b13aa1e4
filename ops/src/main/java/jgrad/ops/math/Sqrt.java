package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The square root elementwise; the gradient 1 / (2 sqrt x) reuses the output. */
public record Sqrt() implements Primitive {
    @Override
    public String name() {
        return "sqrt";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SQRT, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("sqrt", Tensor::sqrt, 0.5, 3).build();
    }
}
