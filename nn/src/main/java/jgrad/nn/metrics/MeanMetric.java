package jgrad.nn.metrics;

import jgrad.core.Tensor;

/**
 * A metric that is the weighted mean of one value per sample (Keras's
 * {@code MeanMetricWrapper}): subclasses say how to compute the values of a batch.
 */
public abstract class MeanMetric extends Metric {
    private double total;
    private double count;

    protected MeanMetric(String name) {
        super(name);
    }

    /** One value per sample of the batch. */
    protected abstract double[] values(Tensor yTrue, Tensor yPred);

    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        double[] v = values(yTrue, yPred);
        if (sampleWeight == null) {
            for (double x : v) {
                total += x;
            }
            count += v.length;
            return;
        }
        double[] w = sampleWeight.toDoubleArray();
        if (w.length != v.length) {
            throw new IllegalArgumentException(name() + ": " + w.length + " sample weights for " + v.length + " samples");
        }
        for (int i = 0; i < v.length; i++) {
            total += v[i] * w[i];
            count += w[i];
        }
    }

    /** Adds values directly, each with weight 1. */
    public void updateValues(double... values) {
        for (double x : values) {
            total += x;
        }
        count += values.length;
    }

    /** Adds one value with a weight (fit tracks the loss this way, weighted by batch size). */
    public void updateValue(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    /** Per-sample groups: a rank-2+ tensor has one group per row of its last axis, a vector one per element. */
    static int groupSize(Tensor t) {
        return t.rank() <= 1 ? 1 : t.dim(-1);
    }

    static void sameShape(String name, Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException(name + ": yTrue has shape " + yTrue.shape() + " but yPred has "
                    + yPred.shape() + "; they must be equal");
        }
    }
}
