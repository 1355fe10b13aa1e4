package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The natural logarithm elementwise (log 0 = -inf, log of a negative number = NaN). */
public record Log() implements Primitive {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.LOG, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("log", Tensor::log, 0.5, 3).build();
    }
}
