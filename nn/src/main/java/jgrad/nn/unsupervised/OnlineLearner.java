package jgrad.nn.unsupervised;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.callbacks.Callback;

/**
 * What the classic unsupervised rules share: a weight matrix {@code [units, inputs]} in float64
 * and the same {@code fit} as the rest of jgrad.nn: epochs, the samples shuffled each epoch by a
 * seeded generator, a progress line per epoch, callbacks' epoch events and a {@link History}.
 * A subclass says what one presentation of one sample does ({@link #learn}), which is where its
 * update equation is, and what it logs after each epoch.
 *
 * <pre>{@code
 * History h = new Oja(4, 0.001).fit(x, FitOptions.builder().epochs(100).seed(0).build());
 * }</pre>
 *
 * The options used are epochs, shuffle, seed, verbose, output and callbacks (the batch size does
 * not apply: these rules learn one sample at a time, a batch SOM one epoch at a time). Callbacks
 * get their epoch and train events; ones that need a {@code Model} (checkpoints, early stopping's
 * restore) do not apply here.
 */
public abstract class OnlineLearner {
    private final String kind;
    protected Tensor weights;
    private long steps;
    private long fitSteps;
    private long fitStart;

    protected OnlineLearner(String kind) {
        this.kind = kind;
    }

    /** The class name used in messages and the progress line. */
    public final String kind() {
        return kind;
    }

    /** The weights {@code [units, inputs]} (float64); null before a rule that initialises from data has seen it. */
    public Tensor weights() {
        return weights;
    }

    /** Replaces the weights; the shape must stay {@code [units, inputs]}. */
    public void setWeights(Tensor w) {
        if (w.rank() != 2 || w.dim(0) != units() || w.dim(1) != inputs()) {
            throw new IllegalArgumentException(kind + ".setWeights: weights must be [" + units() + ", " + inputs()
                    + "] (units, inputs), got " + w.shape());
        }
        this.weights = w.cast(DType.FLOAT64).contiguous();
    }

    /** Number of units (rows of the weight matrix). */
    public abstract int units();

    /** Width of an input sample. */
    public abstract int inputs();

    /** Samples presented so far, over every fit (schedules count from it). */
    public final long steps() {
        return steps;
    }

    /** Where this fit is, from 0 at its first sample towards 1 at its last, for decaying schedules. */
    protected final double progress() {
        return fitSteps <= 1 ? 0 : Math.min(1, (steps - fitStart) / (double) (fitSteps - 1));
    }

    /** One presentation of one sample {@code p} ({@code [inputs]}, float64): the update equation. */
    protected abstract void learn(Tensor p);

    /** Called once before the first epoch of a fit, with the whole data (e.g. to initialise weights). */
    protected void beforeFit(Tensor x) {}

    /** One epoch: each sample in {@code order}, one at a time. A batch rule overrides this. */
    protected void learnEpoch(Tensor x, List<Tensor> rows, int[] order, int epoch, int epochs) {
        for (int i : order) {
            learn(rows.get(i));
            steps++;
        }
    }

    /** Counts presentations made by an overriding {@link #learnEpoch}. */
    protected final void countSteps(int n) {
        steps += n;
    }

    /** The numbers printed and recorded after each epoch (e.g. quantization_error). */
    protected abstract Map<String, Double> epochLogs(Tensor x);

    /** {@code x} as float64 {@code [samples, inputs]}, or a clear error naming the class, argument and shapes. */
    protected final Tensor checkData(String method, String argument, Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException(kind + "." + method + ": " + argument + " is null");
        }
        if (x.rank() != 2 || x.dim(1) != inputs()) {
            throw new IllegalArgumentException(kind + "." + method + ": " + argument + " must be [samples, " + inputs()
                    + "] (" + inputs() + " = the " + kind + "'s input width), got " + x.shape());
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException(kind + "." + method + ": " + argument + " has no samples, shape "
                    + x.shape());
        }
        return x.cast(DType.FLOAT64).contiguous();
    }

    /** One sample as float64 {@code [inputs]}, or a clear error. */
    protected final Tensor checkSample(String method, String argument, Tensor p) {
        if (p == null || p.size() != inputs() || p.rank() > 2 || (p.rank() == 2 && p.dim(0) != 1 && p.dim(1) != 1)) {
            throw new IllegalArgumentException(kind + "." + method + ": " + argument + " must be one sample of "
                    + inputs() + " values ([" + inputs() + "]), got " + (p == null ? "null" : p.shape()));
        }
        return p.cast(DType.FLOAT64).reshape(inputs());
    }

    /**
     * Trains on the rows of {@code x} for {@code options.epochs()} epochs, printing one line per
     * epoch ({@code verbose > 0}), and returns the history of {@link #epochLogs}.
     */
    public History fit(Tensor x, FitOptions options) {
        Tensor data = checkData("fit", "x", x);
        if (options.epochs() < 1) {
            throw new IllegalArgumentException(kind + ".fit: epochs must be >= 1, got " + options.epochs());
        }
        int n = data.dim(0);
        List<Tensor> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(data.slice(0, i, i + 1).reshape(inputs()));
        }
        Rng rng = new Rng(options.seed() != null ? options.seed() : Rng.global().nextLong());
        PrintStream out = options.out() != null ? options.out() : System.out;
        History history = new History();
        List<Callback> callbacks = options.callbacks();
        beforeFit(data);
        fitStart = steps;
        fitSteps = (long) options.epochs() * n;
        Map<String, Double> none = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(none));
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            if (options.verbose() > 0) {
                out.println("Epoch " + (epoch + 1) + "/" + options.epochs());
            }
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, none);
            }
            int[] order = new int[n];
            if (options.shuffle()) {
                order = rng.permutation(n);
            } else {
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
            }
            long t0 = System.nanoTime();
            learnEpoch(data, rows, order, epoch, options.epochs());
            Map<String, Double> logs = epochLogs(data);
            if (options.verbose() > 0) {
                double s = (System.nanoTime() - t0) / 1e9;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d/%d - %.0fs - %s/sample", n, n, s,
                        perSample(s / n)));
                logs.forEach((k, v) -> line.append(" - ").append(k).append(": ").append(
                        Math.abs(v) > 1e-3 && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.4f", v)
                                : String.format(Locale.ROOT, "%.4e", v)));
                out.println(line);
            }
            history.onEpochEnd(epoch, logs);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, logs);
            }
        }
        callbacks.forEach(c -> c.onTrainEnd(none));
        return history;
    }

    private static String perSample(double seconds) {
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus", seconds * 1e6);
    }

    /** Euclidean norm of the weights (every entry). */
    public double weightNorm() {
        return weights == null ? 0 : Math.sqrt(weights.square().sum().item());
    }

    static void positive(String kind, String argument, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(kind + ": " + argument + " must be > 0, got " + value);
        }
    }

    static void atLeastOne(String kind, String argument, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(kind + ": " + argument + " must be >= 1, got " + value);
        }
    }
}
