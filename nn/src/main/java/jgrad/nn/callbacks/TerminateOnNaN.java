package jgrad.nn.callbacks;

import java.util.Map;

/** Stops training as soon as a batch's loss is NaN or infinite (Keras's {@code TerminateOnNaN}). */
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
            System.err.println("Batch " + batch + ": invalid loss " + loss + ", terminating training");
            stoppedAtBatch = batch;
            model().setStopTraining(true);
        }
    }
}
