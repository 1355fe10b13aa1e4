package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Squared hinge loss {@code mean(max(0, 1 - y * yPred)^2)}; 0/1 labels become -1/1. */
public final class SquaredHinge extends Loss {
    public SquaredHinge() {
        this(Reduction.MEAN);
    }

    public SquaredHinge(Reduction reduction) {
        super("squared_hinge", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.squaredHinge(yTrue, yPred, Reduction.NONE);
    }
}
