package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Mean squared error, {@code mean((yPred - yTrue)^2)} over the last axis ("mse"). */
public final class MeanSquaredError extends Loss {
    public MeanSquaredError() {
        this(Reduction.MEAN);
    }

    public MeanSquaredError(Reduction reduction) {
        super("mean_squared_error", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.meanSquaredError(yTrue, yPred, Reduction.NONE);
    }
}
