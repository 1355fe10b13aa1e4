package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Poisson loss, {@code mean(yPred - yTrue * log(yPred + 1e-7))} over the last axis. */
public final class Poisson extends Loss {
    public Poisson() {
        this(Reduction.MEAN);
    }

    public Poisson(Reduction reduction) {
        super("poisson", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.poisson(yTrue, yPred, Reduction.NONE);
    }
}
