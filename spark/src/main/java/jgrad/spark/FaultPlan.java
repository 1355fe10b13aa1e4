package jgrad.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * A task failure injected on purpose, for the fault-tolerance tests: the task of {@code partition}
 * in global step (or round) {@code step} throws on its first {@code failedAttempts} attempts.
 * Spark sees an ordinary task failure and retries it (up to spark.task.maxFailures).
 */
record FaultPlan(long step, int partition, int failedAttempts) implements Serializable {
    void maybeFail(long currentStep, int currentPartition) {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        if (currentStep == step && currentPartition == partition && attempt < failedAttempts) {
            throw new IllegalStateException("injected failure: step " + step + ", partition " + partition
                    + ", attempt " + attempt);
        }
    }
}
