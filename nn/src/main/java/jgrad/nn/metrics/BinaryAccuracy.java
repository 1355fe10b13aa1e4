package jgrad.nn.metrics;

import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.Shapes;

/** The fraction of predictions on the right side of {@code threshold} (0.5), averaged over the last axis. */
public final class BinaryAccuracy extends MeanMetric {
    private final double threshold;

    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        // Labels (N,) against an (N, 1) output line up element by element, as in Keras.
        if (!Shapes.missesTrailingOne(yTrue.shape(), yPred.shape())) {
            sameShape(name(), yTrue, yPred);
        }
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        int g = groupSize(yPred);
        double[] out = new double[g == 0 ? 0 : p.length / g];
        for (int i = 0; i < out.length; i++) {
            int hits = 0;
            for (int j = 0; j < g; j++) {
                int k = i * g + j;
                boolean predicted = p[k] > threshold;
                boolean actual = t[k] > threshold;
                hits += predicted == actual ? 1 : 0;
            }
            out[i] = (double) hits / g;
        }
        return out;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("threshold", threshold);
        return m;
    }
}
