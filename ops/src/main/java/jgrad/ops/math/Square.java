package jgrad.ops.math;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** x * x elementwise. */
public record Square() implements Op {
    @Override
    public String name() {
        return "square";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SQUARE, inputs[0]);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {b.grad().mul(b.input(0).mul(2.0))};
    }

    public static OpSpec spec() {
        return Specs.unary("square", Tensor::square, -2, 2).build();
    }
}
