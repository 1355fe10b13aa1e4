package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** max(x, 0) elementwise (NaN stays NaN); the gradient passes where x > 0 (none at 0, as in PyTorch). */
public record Relu() implements Primitive {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.RELU, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("relu", Tensor::relu, -2, 2).build();
    }
}
