package jgrad.nn.metrics;

import jgrad.core.Tensor;

/**
 * The fraction of predictions exactly equal to their labels, as Keras's {@code Accuracy} class
 * (for class predictions already turned into labels). The string "accuracy" in compile means
 * {@link AutoAccuracy} instead, as in Keras.
 */
public final class Accuracy extends MeanMetric {
    public Accuracy() {
        super("accuracy");
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        sameShape(name(), yTrue, yPred);
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        int g = groupSize(yPred);
        double[] out = new double[g == 0 ? 0 : p.length / g];
        for (int i = 0; i < out.length; i++) {
            int hits = 0;
            for (int j = 0; j < g; j++) {
                hits += t[i * g + j] == p[i * g + j] ? 1 : 0;
            }
            out[i] = (double) hits / g;
        }
        return out;
    }
}
