package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** |x| elementwise; the gradient is sign(x), so 0 at x = 0 (as in PyTorch). */
public record Abs() implements Primitive {
    @Override
    public String name() {
        return "abs";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.ABS, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("abs", Tensor::abs, -2, 2).build();
    }
}
