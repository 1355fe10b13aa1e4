package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;

/** Mean absolute percentage error, {@code 100 * mean(|yTrue - yPred| / max(|yTrue|, 1e-7))} over the last axis ("mape"). */
public final class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() {
        this(Reduction.MEAN);
    }

    public MeanAbsolutePercentageError(Reduction reduction) {
        super("mean_absolute_percentage_error", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor y = matchTrue(yTrue, yPred);
        return meanLastAxis(y.sub(yPred).div(y.abs().maximum(1e-7)).abs()).mul(100);
    }
}
