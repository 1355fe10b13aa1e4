package jgrad.nn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
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
 * schedule position.
 */
public final class TrainingProgress {
    private int epoch;
    private Rng shuffle;
    private String pendingOptimizer;
    private Map<String, Tensor> pendingState;

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

    void started(Rng shuffle) {
        this.shuffle = shuffle;
    }

    void epochDone(int epochIndex) {
        this.epoch = epochIndex + 1;
    }

    /**
     * At {@code compile}: an optimizer of the saved class continues from the saved state (once);
     * another class starts fresh, as the user chose a different optimizer.
     */
    void compiled(Optimizer optimizer, List<Variable> variables) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (pendingState != null && optimizer.getClass().getName().equals(pendingOptimizer)) {
            optimizer.loadState(pendingState, variables);
        }
        pendingState = null;
        pendingOptimizer = null;
    }
}
