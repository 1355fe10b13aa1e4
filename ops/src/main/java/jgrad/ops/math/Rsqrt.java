package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** 1 / sqrt(x) elementwise; the gradient -x^(-3/2) / 2 is -y^3 / 2 with y the output. */
public record Rsqrt() implements Primitive {
    @Override
    public String name() {
        return "rsqrt";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.RSQRT, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("rsqrt", Tensor::rsqrt, 0.5, 3).build();
    }
}
