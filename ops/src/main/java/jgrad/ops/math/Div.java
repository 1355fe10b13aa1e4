package jgrad.ops.math;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** x / y elementwise, with NumPy broadcasting (float32, float64); IEEE division, so x / 0 is inf or NaN. */
public record Div() implements Primitive {
    @Override
    public String name() {
        return "div";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Shape out = Checks.arithmetic(name(), inputs[0], inputs[1], false);
        return Elementwise.binary(Elementwise.Binary.DIV, inputs[0], inputs[1], out);
    }

    public static OpSpec spec() {
        return Specs.binary("div", Tensor::div, -2, 2, 0.5, 2).build();
    }
}
