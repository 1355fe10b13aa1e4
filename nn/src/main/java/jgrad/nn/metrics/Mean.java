package jgrad.nn.metrics;

import jgrad.core.Tensor;

/** The running (weighted) mean of values given with {@link #updateValue}; fit tracks the loss with one. */
public final class Mean extends MeanMetric {
    public Mean(String name) {
        super(name);
    }

    /** Treats every element of {@code yPred} as a value; {@code yTrue} is ignored. */
    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        return yPred.toDoubleArray();
    }
}
