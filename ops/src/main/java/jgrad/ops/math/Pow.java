package jgrad.ops.math;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/**
 * x raised to y elementwise, with broadcasting (float32, float64; {@link Math#pow} semantics). Both
 * operands are differentiable, with PyTorch's conventions at the edges: no gradient to x where
 * {@code y == 0}, and none to y where {@code x == 0 && y >= 0} (x^y log x would be 0 * -inf there);
 * for {@code x < 0} the gradient to y is NaN, as log x is.
 */
public record Pow() implements Primitive {
    @Override
    public String name() {
        return "pow";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Shape out = Checks.arithmetic(name(), inputs[0], inputs[1], false);
        return Elementwise.binary(Elementwise.Binary.POW, inputs[0], inputs[1], out);
    }

    public static OpSpec spec() {
        return Specs.binary("pow", Tensor::pow, 0.5, 2, -2, 2)
                .error("pow: x and y must be float32 or float64, got int64 [2] and int64 [2]",
                        Tensor.of(new long[] {1, 2}), Tensor.of(new long[] {2, 3}))
                .build();
    }
}
