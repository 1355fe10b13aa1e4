package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** -x elementwise. */
public record Neg() implements Primitive {
    @Override
    public String name() {
        return "neg";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.NEG, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("neg", Tensor::neg, -2, 2).build();
    }
}
