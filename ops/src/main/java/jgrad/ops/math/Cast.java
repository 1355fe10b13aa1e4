package jgrad.ops.math;

import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;

/**
 * Converts to another dtype (float to int64 truncates toward zero; nonzero becomes true). Between
 * float32 and float64 the gradient flows back cast to the input's dtype; into or out of int64 and
 * bool there is none.
 */
public record Cast(DType dtype) implements Op {
    public Cast {
        Objects.requireNonNull(dtype, "cast: dtype");
    }

    @Override
    public String name() {
        return "cast";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return Elementwise.cast(inputs[0], dtype);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        if (!b.needsGrad(0) || !x.dtype().isFloating() || !dtype.isFloating()) {
            return new Tensor[] {null};
        }
        return new Tensor[] {b.grad().cast(x.dtype())};
    }

    public static OpSpec spec() {
        // A round trip through float32: central differences see float32 rounding (about 1e-7 / 2e-6
        // relative), hence the loose tolerance; CastTest checks the gradient exactly.
        return OpSpec.builder("cast", in -> in.get(0).cast(DType.FLOAT32).cast(DType.FLOAT64))
                .tolerance(0.2, 0.2)
                .shapes(new int[] {2, 3})
                .shapes(new int[0])
                .shapes(new int[] {0, 3})
                .sample(OpSpec.fixed(Tensor.of(new long[] {1, -2, 3})))
                .build();
    }
}
