package jgrad.nn.callbacks;

import java.io.PrintStream;
import java.util.Map;
import jgrad.nn.Model;

/**
 * Hooks into {@link Model#fit}: override the events you need (Keras's
 * {@code keras.callbacks.Callback}). Epoch and batch indices are 0-based. {@code logs} holds the
 * current values ({@code loss}, metrics, and at epoch end {@code val_} ones); it is read-only.
 * {@link #model()} is the model being trained: {@code model().setStopTraining(true)} set in
 * {@code onBatchEnd} ends training right after that batch (as Keras 3's loop checks
 * {@code stop_training} after every step), set in {@code onEpochEnd} after that epoch.
 * Messages go through {@link #print}, to fit's progress output.
 */
public abstract class Callback {
    private Model model;
    private PrintStream out = System.out;
    private int verbose = 1;

    /** Called by fit before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /**
     * Called by fit before training starts: where its progress lines go and their verbosity, so
     * that a callback's messages land in the same place (a log file, a test's buffer).
     */
    public void setOutput(PrintStream out, int verbose) {
        this.out = java.util.Objects.requireNonNull(out, "out");
        this.verbose = verbose;
    }

    /**
     * fit's progress output (System.out unless FitOptions set another), for a callback whose own
     * {@code verbose} flag decides what it prints.
     */
    protected PrintStream output() {
        return out;
    }

    /** Prints one line to fit's progress output, unless fit runs with verbose 0. */
    protected void print(String line) {
        if (verbose > 0) {
            out.println(line);
            out.flush();
        }
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
