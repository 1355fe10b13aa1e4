package jgrad.ops.math;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** The cosine elementwise (radians). */
public record Cos() implements Op {
    @Override
    public String name() {
        return "cos";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.COS, inputs[0]);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {b.grad().mul(b.input(0).sin()).neg()};
    }

    public static OpSpec spec() {
        return Specs.unary("cos", Tensor::cos, -3, 3).build();
    }
}
