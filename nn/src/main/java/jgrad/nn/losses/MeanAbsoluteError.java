package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Mean absolute error, {@code mean(|yPred - yTrue|)} over the last axis ("mae"). */
public final class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() {
        this(Reduction.MEAN);
    }

    public MeanAbsoluteError(Reduction reduction) {
        super("mean_absolute_error", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.meanAbsoluteError(yTrue, yPred, Reduction.NONE);
    }
}
