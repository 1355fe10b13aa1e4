package jgrad.nn.metrics;

import jgrad.core.Tensor;

/** The mean absolute error over the last axis, averaged over samples ("mae"). */
public final class MeanAbsoluteError extends MeanMetric {
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        sameShape(name(), yTrue, yPred);
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        int g = groupSize(yPred);
        double[] out = new double[g == 0 ? 0 : p.length / g];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < g; j++) {
                s += Math.abs(p[i * g + j] - t[i * g + j]);
            }
            out[i] = s / g;
        }
        return out;
    }
}
