package jgrad.ops.math;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** x * y elementwise, with NumPy broadcasting (float32, float64, int64). */
public record Mul() implements Primitive {
    @Override
    public String name() {
        return "mul";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Shape out = Checks.arithmetic(name(), inputs[0], inputs[1], true);
        return Elementwise.binary(Elementwise.Binary.MUL, inputs[0], inputs[1], out);
    }

    public static OpSpec spec() {
        return Specs.binary("mul", Tensor::mul, -2, 2, -2, 2).build();
    }
}
