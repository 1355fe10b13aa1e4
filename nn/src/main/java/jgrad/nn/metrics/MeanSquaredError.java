package jgrad.nn.metrics;

import jgrad.core.Tensor;

/** The mean squared error over the last axis, averaged over samples ("mse"). */
public final class MeanSquaredError extends MeanMetric {
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        return squaredErrors(name(), yTrue, yPred);
    }

    static double[] squaredErrors(String name, Tensor yTrue, Tensor yPred) {
        sameShape(name, yTrue, yPred);
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        int g = groupSize(yPred);
        double[] out = new double[g == 0 ? 0 : p.length / g];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < g; j++) {
                double e = p[i * g + j] - t[i * g + j];
                s += e * e;
            }
            out[i] = s / g;
        }
        return out;
    }
}
