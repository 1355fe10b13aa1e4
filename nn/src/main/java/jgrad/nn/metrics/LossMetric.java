package jgrad.nn.metrics;

import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.nn.losses.Loss;

/** A loss function's per-sample values averaged as a metric (e.g. "binary_crossentropy" as a metric). */
public final class LossMetric extends MeanMetric {
    private final Loss loss;

    public LossMetric(String name, Loss loss) {
        super(name);
        this.loss = loss;
    }

    public Loss loss() {
        return loss;
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        try (Scope _ = GradientTape.noGrad()) {
            Tensor per = loss.perSample(yTrue, yPred);
            if (per.rank() > 1) {
                per = per.reshape(per.dim(0), -1).mean(1);
            }
            return per.toDoubleArray();
        }
    }
}
