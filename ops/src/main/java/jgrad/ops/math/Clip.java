package jgrad.ops.math;

import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/**
 * Clamps x into [min, max] elementwise (NaN stays NaN); infinite bounds are allowed. The gradient
 * passes where {@code min <= x <= max}, bounds included, as in PyTorch's clamp.
 */
public record Clip(double min, double max) implements Primitive {
    public Clip {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("clip: min and max must not be NaN, got min=" + min + ", max=" + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("clip: min (" + min + ") must be <= max (" + max + ")");
        }
    }

    @Override
    public String name() {
        return "clip";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.floating(name(), "x", inputs[0]);
        return Elementwise.clip(inputs[0], min, max);
    }

    public static OpSpec spec() {
        // One input: clip to [-0.5, 0.7]. Error cases pass the bounds as two more scalars, since the
        // bounds are attributes and only bad bounds make clip fail.
        return OpSpec.builder("clip", in -> in.size() == 1 ? in.get(0).clip(-0.5, 0.7)
                        : in.get(0).clip(in.get(1).item(), in.get(2).item()))
                .shapes(new int[] {2, 3})
                .shapes(new int[] {5})
                .shapes(new int[0])
                .shapes(new int[] {0, 3})
                .sample(OpSpec.random(-1.0, 1.0, 3, 4))
                .error("clip: min (2.0) must be <= max (1.0)", Tensor.zeros(3), Tensor.of(2.0), Tensor.of(1.0))
                .error("clip: min and max must not be NaN", Tensor.zeros(3), Tensor.of(Double.NaN), Tensor.of(1.0))
                .error("clip: x must be float32 or float64, got int64 [2]", Tensor.of(new long[] {1, 2}),
                        Tensor.of(0.0), Tensor.of(1.0))
                .build();
    }
}
