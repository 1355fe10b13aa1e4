package jgrad.nn;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.callbacks.Callback;
import jgrad.nn.optimizers.Optimizer;

/**
 * Where a model's training stands, beyond its weights: the epochs {@code fit} has completed, the
 * generator that shuffles its batches, and (after a model file is loaded) the optimizer state
 * waiting for {@code compile}. A model file stores all of it (see {@link jgrad.nn.io.ModelFiles}),
 * so that
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.builder().epochs(1)...);  model.save(path);
 * // a new JVM:
 * Model m = Model.load(path);  m.compile(new Adam(1e-3), "mse");
 * m.fit(x, y, FitOptions.builder().initialEpoch(1).epochs(2)...);
 * }</pre>
 *
 * ends with the weights of {@code fit(..., epochs(2))}, bit for bit: the second epoch draws the
 * same shuffle and dropout masks and the optimizer continues with its step count, moments and
 * schedule position. The callbacks' {@linkplain Callback#state() states} (EarlyStopping's
 * counter and best value, ReduceLROnPlateau's lowered learning rate, ModelCheckpoint's best) go
 * with it: a resuming fit hands each callback the state saved for the callback of its class at
 * the same position among those of that class.
 */
public final class TrainingProgress {
    private int epoch;
    private Rng shuffle;
    private String pendingOptimizer;
    private Map<String, Tensor> pendingState;
    /** The callbacks of the fit under way (their live states), or null between fits. */
    private List<Callback> fitting;
    /** The callbacks' states when the last fit ended, or as loaded from a model file. */
    private Map<String, Map<String, Tensor>> callbackStates = Map.of();

    TrainingProgress() {}

    /** The epochs completed by the last {@code fit} (its last epoch index + 1), 0 before any. */
    public int epoch() {
        return epoch;
    }

    /** The state of the generator that shuffles {@code fit}'s batches, or null if fit has not shuffled yet. */
    public Long shuffleState() {
        return shuffle == null ? null : shuffle.state();
    }

    /** The class of the loaded optimizer state that waits for {@code compile}, or null. */
    public String pendingOptimizerClass() {
        return pendingOptimizer;
    }

    /**
     * The loaded optimizer state that waits for {@code compile} (a model loaded and saved again
     * before it is compiled keeps it), or null.
     */
    public Map<String, Tensor> pendingOptimizerState() {
        return pendingState;
    }

    /**
     * Restores a saved position (a model file's): {@code fit} with {@code initialEpoch(epoch)}
     * then continues the shuffle from {@code shuffleState} (if not null), and the next
     * {@code compile} with an optimizer of class {@code optimizerClass} continues from
     * {@code optimizerState} (if not null).
     */
    public void restore(int epoch, Long shuffleState, String optimizerClass, Map<String, Tensor> optimizerState) {
        if (epoch < 0) {
            throw new IllegalArgumentException("TrainingProgress: epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        if (shuffleState == null) {
            this.shuffle = null;
        } else {
            this.shuffle = new Rng(0);
            this.shuffle.setState(shuffleState);
        }
        this.pendingOptimizer = optimizerClass;
        this.pendingState = optimizerState == null ? null : Map.copyOf(optimizerState);
    }

    /**
     * The shuffling generator for a fit starting at {@code initialEpoch}: the one saved or left by
     * the previous fit when it stopped exactly there, so the run continues; otherwise null (a new
     * run: fit seeds a fresh one).
     */
    Rng continuing(int initialEpoch) {
        return initialEpoch > 0 && initialEpoch == epoch ? shuffle : null;
    }

    /**
     * The states of the callbacks, by key ({@code EarlyStopping}, {@code EarlyStopping#2} for the
     * second of that class): during a fit their live states (what a ModelCheckpoint writes at an
     * epoch's end), otherwise those at the end of the last fit or loaded from a model file.
     */
    public Map<String, Map<String, Tensor>> callbackStates() {
        if (fitting == null) {
            return callbackStates;
        }
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        keyed(fitting).forEach((key, c) -> {
            Map<String, Tensor> state = c.state();
            if (!state.isEmpty()) {
                out.put(key, Map.copyOf(state));
            }
        });
        return out;
    }

    /** Restores the callbacks' saved states (a model file's); a fit resuming at {@link #epoch()} hands them back. */
    public void restoreCallbackStates(Map<String, Map<String, Tensor>> states) {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        states.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        this.callbackStates = copy;
    }

    /** Each callback under its key: its class's simple name, with {@code #n} for the n-th (n >= 2) of that class. */
    private static Map<String, Callback> keyed(List<Callback> callbacks) {
        Map<String, Callback> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Callback c : callbacks) {
            String name = c.getClass().getSimpleName();
            int n = seen.merge(name, 1, Integer::sum);
            out.put(n == 1 ? name : name + "#" + n, c);
        }
        return out;
    }

    /**
     * At the start of a fit, after the callbacks' {@code onTrainBegin}: when the fit resumes
     * the run ({@code initialEpoch} equals the epochs done), each callback takes back its saved
     * state; from here on the live states are the ones saved.
     */
    void callbacksStarted(List<Callback> callbacks, int initialEpoch) {
        if (initialEpoch > 0 && initialEpoch == epoch) {
            keyed(callbacks).forEach((key, c) -> {
                Map<String, Tensor> saved = callbackStates.get(key);
                if (saved != null) {
                    c.restoreState(saved);
                }
            });
        }
        fitting = List.copyOf(callbacks);
        trainingStarted();
    }

    /** The first training step after loading consumes the saved optimizer state: a later compile starts fresh. */
    void trainingStarted() {
        pendingState = null;
        pendingOptimizer = null;
    }

    /** At the end of a fit: its callbacks' final states are kept for a later save or fit. */
    void callbacksEnded() {
        Map<String, Map<String, Tensor>> last = callbackStates();
        fitting = null;
        callbackStates = last;
    }

    void started(Rng shuffle) {
        this.shuffle = shuffle;
    }

    void epochDone(int epochIndex) {
        this.epoch = epochIndex + 1;
    }

    /**
     * At {@code compile}: an optimizer of the saved class continues from the saved state (any
     * compile before the first fit after loading); another class starts fresh, as the user chose
     * a different optimizer.
     */
    void compiled(Optimizer optimizer, List<Variable> variables) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (pendingState != null && optimizer.getClass().getName().equals(pendingOptimizer)) {
            optimizer.loadState(pendingState, variables);
        }
        // The saved state stays pending until training starts: a model file that loads compiled
        // and is compiled again by its user (as before files held the compile settings)
        // continues from the saved state either way.
    }
}
