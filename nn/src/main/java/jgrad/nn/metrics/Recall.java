package jgrad.nn.metrics;

import java.util.Map;
import jgrad.core.Tensor;

/** {@code TP / (TP + FN)} with predictions above {@code threshold} (0.5) counted positive; labels 0/1. */
public final class Recall extends Metric {
    private final double threshold;
    private double tp;
    private double fn;

    public Recall() {
        this("recall", 0.5);
    }

    public Recall(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Confusion.Flat f = Confusion.flatten(name(), yTrue, yPred, sampleWeight);
        for (int i = 0; i < f.labels().length; i++) {
            if (f.labels()[i] == 1) {
                double w = f.weights() == null ? 1 : f.weights()[i];
                if (f.predictions()[i] > threshold) {
                    tp += w;
                } else {
                    fn += w;
                }
            }
        }
    }

    @Override
    public double result() {
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }

    @Override
    public void reset() {
        tp = 0;
        fn = 0;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("threshold", threshold);
        return m;
    }
}
