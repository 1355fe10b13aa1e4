package jgrad.nn.metrics;

import jgrad.core.Tensor;

/** The square root of the mean squared error over everything seen ("rmse"). */
public final class RootMeanSquaredError extends MeanMetric {
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        return MeanSquaredError.squaredErrors(name(), yTrue, yPred);
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
    }
}
