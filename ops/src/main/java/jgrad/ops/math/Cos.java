package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The cosine elementwise (radians). */
public record Cos() implements Primitive {
    @Override
    public String name() {
        return "cos";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.COS, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("cos", Tensor::cos, -3, 3).build();
    }
}
