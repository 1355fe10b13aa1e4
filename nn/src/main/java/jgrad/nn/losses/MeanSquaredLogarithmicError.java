package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;

/**
 * Mean squared logarithmic error, {@code mean((log(1 + yPred) - log(1 + yTrue))^2)} over the
 * last axis, values clipped at 1e-7 first as Keras does ("msle").
 */
public final class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() {
        this(Reduction.MEAN);
    }

    public MeanSquaredLogarithmicError(Reduction reduction) {
        super("mean_squared_logarithmic_error", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor y = matchTrue(yTrue, yPred);
        Tensor a = yPred.maximum(1e-7).log1p();
        Tensor b = y.maximum(1e-7).log1p();
        return meanLastAxis(a.sub(b).square());
    }
}
