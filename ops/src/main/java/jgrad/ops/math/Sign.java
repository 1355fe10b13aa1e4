package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/** -1, 0 or 1 by the sign of x (NaN stays NaN, -0 stays -0). Its gradient is zero everywhere,
 * as in PyTorch and TensorFlow. */
public record Sign() implements Primitive {
    @Override
    public String name() {
        return "sign";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.unary(Elementwise.Unary.SIGN, inputs[0]);
    }

    public static OpSpec spec() {
        return Specs.unary("sign", Tensor::sign, -2, 2).build();
    }
}
