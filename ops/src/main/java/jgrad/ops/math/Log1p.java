package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** log(1 + x) elementwise, accurate for small x. */
public record Log1p() implements Primitive {
    @Override
    public String name() {
        return "log1p";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.LOG1P, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("log1p", Tensor::log1p, -0.5, 2).build();
    }
}
