package jgrad.spark;

import java.io.Serializable;

/**
 * What one task sends back, and what {@code treeAggregate} adds up: a vector already scaled by
 * the task's share of the global batch (gradients, or weights and optimizer state in local SGD),
 * the rows it covered, its loss and metric values times its rows, and how long it computed.
 * Sums are in double whatever the model's dtype, so the order Spark merges partials in changes
 * a float32 model's step only in rare last-bit ties.
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    double[] vector;
    /** Which gradients exist (a variable the loss does not reach has none, as in a plain fit). */
    boolean[] present;
    /** Local SGD: the names of the optimizer state tensors after the weights in {@link #vector}. */
    String[] stateKeys;
    long rows;
    double lossSum;
    double[] metricSums;
    long maxComputeNanos;
    int tasks;
    /**
     * Gradient steps: nanoseconds the tasks spent in each {@link Phase}, summed over the tasks
     * (so per row it is compute time, whichever task ran it); null for the other jobs.
     */
    long[] phaseNanos;

    /** Where a gradient task's time goes, for the per-row breakdown the sample prints. */
    enum Phase {
        /** borrowing the replica (built from JSON on first use) and loading the broadcast weights */
        WEIGHTS,
        /** copying the step's rows into tensors */
        ROWS,
        /** the forward pass and the loss */
        FORWARD,
        /** the tape's backward pass */
        BACKWARD,
        /** gradients to the double vector sent back, and the metrics */
        PACK
    }

    static Partial zero() {
        return new Partial();
    }

    /** Adds {@code o} into this one (Spark allows the first argument to be changed and returned). */
    Partial add(Partial o) {
        if (o.vector != null) {
            if (vector == null) {
                vector = o.vector.clone();
                present = o.present == null ? null : o.present.clone();
                stateKeys = o.stateKeys;
                metricSums = o.metricSums.clone();
            } else {
                if (vector.length != o.vector.length || !java.util.Arrays.equals(stateKeys, o.stateKeys)) {
                    throw new IllegalStateException("SparkTrainer: two tasks sent back differently laid out results ("
                            + vector.length + " and " + o.vector.length + " values); the replicas disagree");
                }
                for (int i = 0; i < vector.length; i++) {
                    vector[i] += o.vector[i];
                }
                for (int i = 0; present != null && i < present.length; i++) {
                    present[i] |= o.present[i];
                }
                for (int i = 0; i < metricSums.length; i++) {
                    metricSums[i] += o.metricSums[i];
                }
            }
        }
        if (o.phaseNanos != null) {
            if (phaseNanos == null) {
                phaseNanos = new long[Phase.values().length];
            }
            for (int i = 0; i < phaseNanos.length; i++) {
                phaseNanos[i] += o.phaseNanos[i];
            }
        }
        rows += o.rows;
        lossSum += o.lossSum;
        maxComputeNanos = Math.max(maxComputeNanos, o.maxComputeNanos);
        tasks += o.tasks;
        return this;
    }
}
