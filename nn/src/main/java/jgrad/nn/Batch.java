package jgrad.nn;

import java.util.List;
import java.util.Objects;
import jgrad.core.Tensor;

/**
 * One batch of training or evaluation data: the model's inputs, the targets (empty for
 * prediction) and optional per-sample weights. Every tensor has the same first (batch) axis.
 *
 * @param inputs one tensor per model input
 * @param targets one tensor per model output; empty when there are no labels (predict)
 * @param sampleWeight a vector of one weight per sample, or null
 */
public record Batch(List<Tensor> inputs, List<Tensor> targets, Tensor sampleWeight) {
    public Batch {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Batch: needs at least one input tensor");
        }
        int n = size(inputs.get(0), "input 0");
        for (int i = 1; i < inputs.size(); i++) {
            checkSize(inputs.get(i), n, "input " + i);
        }
        for (int i = 0; i < targets.size(); i++) {
            checkSize(targets.get(i), n, "target " + i);
        }
        if (sampleWeight != null) {
            if (sampleWeight.rank() != 1) {
                throw new IllegalArgumentException("Batch: sampleWeight must be a vector, got shape " + sampleWeight.shape());
            }
            checkSize(sampleWeight, n, "sampleWeight");
        }
    }

    /** A batch of inputs {@code x} and targets {@code y}. */
    public static Batch of(Tensor x, Tensor y) {
        return new Batch(List.of(Objects.requireNonNull(x, "x")), List.of(Objects.requireNonNull(y, "y")), null);
    }

    /** A batch of inputs only, for prediction. */
    public static Batch of(Tensor x) {
        return new Batch(List.of(Objects.requireNonNull(x, "x")), List.of(), null);
    }

    /** The number of samples. */
    public int size() {
        return inputs.get(0).dim(0);
    }

    /** The single input; fails if the batch has several. */
    public Tensor x() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("Batch has " + inputs.size() + " inputs; use inputs()");
        }
        return inputs.get(0);
    }

    /** The single target; fails if the batch has none or several. */
    public Tensor y() {
        if (targets.size() != 1) {
            throw new IllegalStateException("Batch has " + targets.size() + " targets; use targets()");
        }
        return targets.get(0);
    }

    private static int size(Tensor t, String what) {
        Objects.requireNonNull(t, "Batch: " + what + " is null");
        if (t.rank() == 0) {
            throw new IllegalArgumentException("Batch: " + what + " is a scalar; its first axis must be the batch");
        }
        return t.dim(0);
    }

    private static void checkSize(Tensor t, int n, String what) {
        int m = size(t, what);
        if (m != n) {
            throw new IllegalArgumentException("Batch: " + what + " has " + m + " samples (shape " + t.shape()
                    + "), input 0 has " + n);
        }
    }
}
