package jgrad.nn.constraints;

import jgrad.core.Tensor;

/** Keras's {@code NonNeg}: negative weights set to zero, {@code w * (w >= 0)}. */
public record NonNeg() implements Constraint {
    @Override
    public Tensor apply(Tensor w) {
        return w.mul(w.greaterEqual(w.scalarLike(0)).cast(w.dtype()));
    }

    @Override
    public String name() {
        return "NonNeg";
    }
}
