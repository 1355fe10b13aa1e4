package jgrad.nn.callbacks;

import java.util.Map;

/**
 * Stops training right after the first batch whose loss is NaN or infinite (Keras's
 * {@code TerminateOnNaN}): no later batch of that epoch runs, so the weights are those that
 * batch's step left. The message goes to fit's progress output.
 */
public final class TerminateOnNaN extends Callback {
    private int stoppedAtBatch = -1;

    /** The batch at which training was stopped, or -1. */
    public int stoppedAtBatch() {
        return stoppedAtBatch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            print("Batch " + batch + ": invalid loss " + loss + ", terminating training");
            stoppedAtBatch = batch;
            model().setStopTraining(true);
        }
    }
}
