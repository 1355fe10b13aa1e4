package jgrad.nn.callbacks;

import java.util.Map;
import jgrad.nn.Model;

/**
 * Hooks into {@link Model#fit}: override the events you need (Keras's
 * {@code keras.callbacks.Callback}). Epoch and batch indices are 0-based. {@code logs} holds the
 * current values ({@code loss}, metrics, and at epoch end {@code val_} ones); it is read-only.
 * {@link #model()} is the model being trained: {@code model().setStopTraining(true)} ends
 * training after the current batch's epoch.
 */
public abstract class Callback {
    private Model model;

    /** Called by fit before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained (null before fit starts). */
    public Model model() {
        return model;
    }

    public void onTrainBegin(Map<String, Double> logs) {}

    public void onTrainEnd(Map<String, Double> logs) {}

    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    /** {@code logs}: the epoch's mean loss and metrics, and the validation ones ({@code val_loss}, ...). */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    public void onBatchBegin(int batch, Map<String, Double> logs) {}

    /** {@code logs}: the running means of the loss and metrics over the epoch so far. */
    public void onBatchEnd(int batch, Map<String, Double> logs) {}
}
