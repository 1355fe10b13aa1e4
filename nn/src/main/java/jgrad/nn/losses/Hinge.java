package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Hinge loss {@code mean(max(0, 1 - y * yPred))}; 0/1 labels become -1/1 as in Keras. */
public final class Hinge extends Loss {
    public Hinge() {
        this(Reduction.MEAN);
    }

    public Hinge(Reduction reduction) {
        super("hinge", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.hinge(yTrue, yPred, Reduction.NONE);
    }
}
