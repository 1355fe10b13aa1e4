package jgrad.nn.metrics;

import jgrad.core.Tensor;
import jgrad.nn.Shapes;

/** Shared input handling of the thresholded metrics: flattened labels, predictions and weights. */
final class Confusion {
    private Confusion() {}

    record Flat(double[] labels, double[] predictions, double[] weights) {}

    static Flat flatten(String name, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        // Binary labels (N,) against an (N, 1) output line up element by element, as in Keras.
        if (!Shapes.missesTrailingOne(yTrue.shape(), yPred.shape())) {
            MeanMetric.sameShape(name, yTrue, yPred);
        }
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        double[] w = null;
        if (sampleWeight != null) {
            double[] sw = sampleWeight.toDoubleArray();
            int rows = yPred.rank() == 0 ? 1 : yPred.dim(0);
            if (sw.length != rows) {
                throw new IllegalArgumentException(name + ": " + sw.length + " sample weights for " + rows + " samples");
            }
            int per = rows == 0 ? 0 : p.length / rows;
            w = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                w[i] = sw[i / per];
            }
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0 && t[i] != 1) {
                throw new IllegalArgumentException(name + ": labels must be 0 or 1, label " + i + " is " + t[i]);
            }
        }
        return new Flat(t, p, w);
    }
}
