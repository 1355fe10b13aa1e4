package jgrad.nn.metrics;

import jgrad.core.Tensor;

/** Whether the argmax of each prediction row equals the argmax of its one-hot label. */
public final class CategoricalAccuracy extends MeanMetric {
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        sameShape(name(), yTrue, yPred);
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException(name() + ": predictions need a class axis, got a scalar");
        }
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        int c = yPred.dim(-1);
        double[] out = new double[c == 0 ? 0 : p.length / c];
        for (int i = 0; i < out.length; i++) {
            out[i] = argmax(t, i * c, c) == argmax(p, i * c, c) ? 1 : 0;
        }
        return out;
    }

    static int argmax(double[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
