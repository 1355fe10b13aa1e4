package jgrad.nn.metrics;

import java.util.Arrays;
import jgrad.core.Tensor;

/**
 * What {@code "accuracy"} means in {@code compile}, as Keras decides it on the first batch:
 * binary accuracy if the model has one output unit (or was told its loss is binary
 * cross-entropy), sparse categorical accuracy if the labels have no class axis (or a class axis
 * of 1) while the predictions have several classes, categorical accuracy otherwise.
 */
public final class AutoAccuracy extends MeanMetric {
    private MeanMetric resolved;
    private boolean binaryHint;

    public AutoAccuracy() {
        this("accuracy");
    }

    public AutoAccuracy(String name) {
        super(name);
    }

    /** Says the loss is binary cross-entropy, so several sigmoid outputs count as multi-label binary. */
    public AutoAccuracy binaryLoss(boolean binary) {
        this.binaryHint = binary;
        return this;
    }

    /** The concrete accuracy chosen, or null before the first batch. */
    public MeanMetric resolved() {
        return resolved;
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        if (resolved == null) {
            resolved = choose(yTrue, yPred);
        }
        return resolved.values(yTrue, yPred);
    }

    private MeanMetric choose(Tensor yTrue, Tensor yPred) {
        int last = yPred.rank() == 0 ? 1 : yPred.dim(-1);
        if (binaryHint || yPred.rank() <= 1 || last == 1) {
            return new BinaryAccuracy(name(), 0.5);
        }
        boolean sparse = yTrue.rank() < yPred.rank() || yTrue.dim(-1) == 1
                && !Arrays.equals(yTrue.shape().dims(), yPred.shape().dims());
        return sparse ? new SparseCategoricalAccuracy(name()) : new CategoricalAccuracy(name());
    }
}
