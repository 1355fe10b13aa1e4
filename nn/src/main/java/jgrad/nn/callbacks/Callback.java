package jgrad.nn.callbacks;

import java.io.PrintStream;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Model;

/**
 * Hooks into {@link Model#fit}: override the events you need (Keras's
 * {@code keras.callbacks.Callback}). Epoch and batch indices are 0-based. {@code logs} holds the
 * current values ({@code loss}, metrics, and at epoch end {@code val_} ones); it is read-only.
 * {@link #model()} is the model being trained: {@code model().setStopTraining(true)} set in
 * {@code onBatchEnd} ends training right after that batch (as Keras 3's loop checks
 * {@code stop_training} after every step), set in {@code onEpochEnd} after that epoch.
 * Messages go through {@link #print}, to fit's progress output.
 *
 * <p>A callback that counts or remembers across epochs (EarlyStopping's patience counter and best
 * value, ReduceLROnPlateau's cooldown and the learning rate it lowered) returns that in
 * {@link #state()}: a model file or checkpoint written during or after fit stores it, and a fit
 * that resumes the run ({@code initialEpoch} = the epochs done) hands it back through
 * {@link #restoreState} after {@link #onTrainBegin}, so the resumed run stops, lowers the rate
 * and checkpoints exactly where the uninterrupted one would.
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

    /**
     * What this callback must remember for a resumed run to continue exactly, as named tensors
     * (scalars for counters and best values; see {@link #scalar}); empty (the default) for a
     * callback without such state. Called after epochs and when a model is saved.
     */
    public Map<String, Tensor> state() {
        return Map.of();
    }

    /**
     * Takes back a {@link #state()} saved by the same kind of callback, after
     * {@link #onTrainBegin} of a fit that resumes the run; a name missing from {@code state}
     * keeps its fresh value.
     */
    public void restoreState(Map<String, Tensor> state) {}

    /** A float64 scalar for {@link #state()}: exact for counters and best values, infinities included. */
    protected static Tensor scalar(double value) {
        return Tensor.wrap(new double[] {value}, Shape.of());
    }

    /** The scalar {@code name} of a restored state, or {@code fallback} when it is absent. */
    protected static double scalar(Map<String, Tensor> state, String name, double fallback) {
        Tensor t = state.get(name);
        if (t == null) {
            return fallback;
        }
        if (t.size() != 1) {
            throw new IllegalArgumentException("callback state '" + name + "' must be a scalar, got shape " + t.shape());
        }
        return t.toDoubleArray()[0];
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
