package jgrad.nn.losses;

import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;

/**
 * Log-cosh loss, {@code mean(log(cosh(e)))} over the last axis with {@code e = yPred - yTrue},
 * computed as {@code e + softplus(-2e) - log 2} so large errors do not overflow.
 */
public final class LogCosh extends Loss {
    public LogCosh() {
        this(Reduction.MEAN);
    }

    public LogCosh(Reduction reduction) {
        super("log_cosh", reduction);
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor e = yPred.sub(matchTrue(yTrue, yPred));
        return meanLastAxis(e.add(e.mul(-2).softplus()).sub(Math.log(2)));
    }
}
