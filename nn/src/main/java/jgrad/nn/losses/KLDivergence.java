package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Kullback-Leibler divergence {@code sum(y log(y / p))} over the last axis, both clipped to [1e-7, 1]. */
public final class KLDivergence extends Loss {
    public KLDivergence() {
        this(Reduction.MEAN);
    }

    public KLDivergence(Reduction reduction) {
        super("kl_divergence", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.kullbackLeiblerDivergence(yTrue, yPred, Reduction.NONE);
    }
}
