package jgrad.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jgrad.core.Rng;
import jgrad.nn.callbacks.Callback;

/**
 * The settings of {@link SparkTrainer#fit}, as an immutable value:
 *
 * <pre>{@code
 * SparkFitOptions o = SparkFitOptions.builder().epochs(3).batchSize(128).checkpoint(Path.of("run.ckpt")).build();
 * }</pre>
 *
 * <ul>
 *   <li>{@code batchSize} is the global batch, cut across all partitions; each step trains on the
 *       same rows whatever the number of workers.</li>
 *   <li>{@code averageEvery(1)} (the default) averages gradients every step: exact, the same
 *       weights as a single-process fit on the same batches. {@code averageEvery(k, factory)}
 *       with k &gt; 1 is local SGD: every worker takes k optimizer steps on its rows of k global
 *       batches, then weights and optimizer state are averaged, weighted by rows; k times fewer
 *       Spark jobs, not exact.</li>
 *   <li>{@code shuffle} (default on) reorders the rows every epoch with a permutation drawn from
 *       {@code seed} and the epoch number, so a resumed run sees the batches the killed one would
 *       have.</li>
 *   <li>{@code checkpoint(path)} writes the weights, the optimizer state and the epoch there
 *       (atomically) after every epoch; {@code resume(true)} continues from it when it exists.</li>
 * </ul>
 */
public final class SparkFitOptions {
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int averageEvery;
    private final OptimizerFactory localOptimizer;
    private final List<Callback> callbacks;
    private final SparkData validation;
    private final Path checkpoint;
    private final boolean resume;
    private final int treeDepth;
    private final int verbose;
    private final PrintStream out;
    private final FaultPlan fault;

    private SparkFitOptions(Builder b) {
        epochs = b.epochs;
        batchSize = b.batchSize;
        shuffle = b.shuffle;
        seed = b.seed != null ? b.seed : Rng.global().nextLong();
        averageEvery = b.averageEvery;
        localOptimizer = b.localOptimizer;
        callbacks = List.copyOf(b.callbacks);
        validation = b.validation;
        checkpoint = b.checkpoint;
        resume = b.resume;
        treeDepth = b.treeDepth;
        verbose = b.verbose;
        out = b.out;
        fault = b.fault;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    public int averageEvery() {
        return averageEvery;
    }

    public OptimizerFactory localOptimizer() {
        return localOptimizer;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public SparkData validation() {
        return validation;
    }

    public Path checkpoint() {
        return checkpoint;
    }

    public boolean resume() {
        return resume;
    }

    public int treeDepth() {
        return treeDepth;
    }

    public int verbose() {
        return verbose;
    }

    public PrintStream out() {
        return out;
    }

    FaultPlan fault() {
        return fault;
    }

    /** Builds {@link SparkFitOptions}; every setter checks its value. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private int averageEvery = 1;
        private OptimizerFactory localOptimizer;
        private final List<Callback> callbacks = new ArrayList<>();
        private SparkData validation;
        private Path checkpoint;
        private boolean resume;
        private int treeDepth = 2;
        private int verbose = 1;
        private PrintStream out = System.out;
        private FaultPlan fault;

        private Builder() {}

        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("SparkFitOptions: epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("SparkFitOptions: batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Gradient averaging every step (k = 1, exact); see {@link #averageEvery(int, OptimizerFactory)}. */
        public Builder averageEvery(int k) {
            if (k != 1) {
                throw new IllegalArgumentException("SparkFitOptions: averageEvery(" + k + ") is local SGD and needs"
                        + " the executors' optimizer: averageEvery(k, () -> new Adam(...))");
            }
            this.averageEvery = 1;
            this.localOptimizer = null;
            return this;
        }

        /** Local SGD: parameter (and optimizer state) averaging every {@code k} steps. */
        public Builder averageEvery(int k, OptimizerFactory optimizer) {
            if (k < 1) {
                throw new IllegalArgumentException("SparkFitOptions: averageEvery must be >= 1, got " + k);
            }
            if (k > 1 && optimizer == null) {
                throw new IllegalArgumentException("SparkFitOptions: averageEvery(" + k + ") needs an optimizer factory");
            }
            this.averageEvery = k;
            this.localOptimizer = k > 1 ? optimizer : null;
            return this;
        }

        public Builder callbacks(Callback... callbacks) {
            this.callbacks.addAll(List.of(callbacks));
            return this;
        }

        /** Data evaluated (distributed) after every epoch, logged as {@code val_loss}, {@code val_accuracy}, ... */
        public Builder validation(SparkData validation) {
            this.validation = validation;
            return this;
        }

        public Builder checkpoint(Path path) {
            this.checkpoint = path;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Depth of Spark's treeAggregate (2 by default; 1 sends every partial straight to the driver). */
        public Builder treeDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("SparkFitOptions: treeDepth must be >= 1, got " + depth);
            }
            this.treeDepth = depth;
            return this;
        }

        /** 0 silent, 1 a progress line per epoch (redrawn on a terminal), 2 one line per epoch. */
        public Builder verbose(int verbose) {
            if (verbose < 0 || verbose > 2) {
                throw new IllegalArgumentException("SparkFitOptions: verbose must be 0, 1 or 2, got " + verbose);
            }
            this.verbose = verbose;
            return this;
        }

        public Builder out(PrintStream out) {
            this.out = java.util.Objects.requireNonNull(out, "out");
            return this;
        }

        /** Tests: fail the task of {@code partition} in global step {@code step} on its first attempts. */
        Builder injectFailure(long step, int partition, int failedAttempts) {
            this.fault = new FaultPlan(step, partition, failedAttempts);
            return this;
        }

        public SparkFitOptions build() {
            if (resume && checkpoint == null) {
                throw new IllegalArgumentException("SparkFitOptions: resume(true) needs checkpoint(path)");
            }
            return new SparkFitOptions(this);
        }
    }
}
