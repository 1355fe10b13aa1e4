package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The error function elementwise (to a few ulp in float64); gradient 2/sqrt(pi) e^(-x^2). */
public record Erf() implements Primitive {
    @Override
    public String name() {
        return "erf";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.ERF, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("erf", Tensor::erf, -3, 3).build();
    }
}
