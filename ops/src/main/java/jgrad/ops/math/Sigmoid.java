package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The logistic function 1 / (1 + e^-x) elementwise, computed without overflow for any |x|; the
 * gradient y (1 - y) reuses the output y. */
public record Sigmoid() implements Primitive {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SIGMOID, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("sigmoid", Tensor::sigmoid, -4, 4).build();
    }
}
