package jgrad.ops.math;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The error function elementwise (to a few ulp in float64); gradient 2/sqrt(pi) e^(-x^2). */
public record Erf() implements Op {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    @Override
    public String name() {
        return "erf";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.ERF, inputs[0]);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        return new Tensor[] {b.grad().mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI))};
    }

    public static OpSpec spec() {
        return Specs.unary("erf", Tensor::erf, -3, 3).build();
    }
}
