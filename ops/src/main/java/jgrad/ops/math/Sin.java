package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The sine elementwise (radians). */
public record Sin() implements Primitive {
    @Override
    public String name() {
        return "sin";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SIN, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("sin", Tensor::sin, -3, 3).build();
    }
}
