package jgrad.ops.math;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/**
 * Rounds to the nearest integer, halves to even (2.5 to 2, 3.5 to 4), keeping the float dtype.
 * Not differentiable: asking for a gradient through it fails and names it.
 */
public record Round() implements Op {
    @Override
    public String name() {
        return "round";
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.ROUND, inputs[0]);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[b.inputCount()];
    }

    public static OpSpec spec() {
        return Specs.unary("round", Tensor::round, -3, 3)
                .notDifferentiable()
                .sample(OpSpec.fixed(Tensor.of(new double[] {0.5, 1.5, 2.5, -0.5, -2.5, 2.4999, Double.NaN})))
                .build();
    }
}
