package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** x * x elementwise. */
public record Square() implements Primitive {
    @Override
    public String name() {
        return "square";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SQUARE, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("square", Tensor::square, -2, 2).build();
    }
}
