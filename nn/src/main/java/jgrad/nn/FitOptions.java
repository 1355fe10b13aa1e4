package jgrad.nn;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.Tensor;
import jgrad.nn.callbacks.Callback;

/**
 * The settings of {@link Model#fit}, Keras's keyword arguments as an immutable value:
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.builder().epochs(10).batchSize(32).validationSplit(0.2).build());
 * }</pre>
 *
 * Defaults are Keras's: 1 epoch, batch size 32, shuffled every epoch, verbose 1, no validation.
 * Shuffling is seeded ({@link Builder#seed}); without a seed it draws one from
 * {@link jgrad.core.Rng#global()}, so {@code Rng.setGlobalSeed} makes a whole run reproducible.
 */
public final class FitOptions {
    private final int epochs;
    private final int initialEpoch;
    private final int batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final double validationSplit;
    private final List<Tensor> validationX;
    private final List<Tensor> validationY;
    private final DataSource validationSource;
    private final Map<Integer, Double> classWeight;
    private final Tensor sampleWeight;
    private final List<Callback> callbacks;
    private final int verbose;
    private final PrintStream out;
    private final int validationFreq;

    private FitOptions(Builder b) {
        this.epochs = b.epochs;
        this.initialEpoch = b.initialEpoch;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.validationSplit = b.validationSplit;
        this.validationX = b.validationX == null ? null : List.copyOf(b.validationX);
        this.validationY = b.validationY == null ? null : List.copyOf(b.validationY);
        this.validationSource = b.validationSource;
        this.classWeight = b.classWeight == null ? null : Map.copyOf(b.classWeight);
        this.sampleWeight = b.sampleWeight;
        this.callbacks = List.copyOf(b.callbacks);
        this.verbose = b.verbose;
        this.out = b.out;
        this.validationFreq = b.validationFreq;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.initialEpoch = initialEpoch;
        b.batchSize = batchSize;
        b.shuffle = shuffle;
        b.seed = seed;
        b.validationSplit = validationSplit;
        b.validationX = validationX;
        b.validationY = validationY;
        b.validationSource = validationSource;
        b.classWeight = classWeight;
        b.sampleWeight = sampleWeight;
        b.callbacks = new ArrayList<>(callbacks);
        b.verbose = verbose;
        b.out = out;
        b.validationFreq = validationFreq;
        return b;
    }

    public int epochs() {
        return epochs;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    /** The shuffling seed, or null to draw one from the global generator. */
    public Long seed() {
        return seed;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** Validation inputs given with {@link Builder#validationData(Tensor, Tensor)}, or null. */
    public List<Tensor> validationX() {
        return validationX;
    }

    public List<Tensor> validationY() {
        return validationY;
    }

    public DataSource validationSource() {
        return validationSource;
    }

    /** Class index to loss weight, or null. */
    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    public Tensor sampleWeight() {
        return sampleWeight;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    public int verbose() {
        return verbose;
    }

    /** Where the progress lines go (System.out unless set). */
    public PrintStream out() {
        return out == null ? System.out : out;
    }

    public int validationFreq() {
        return validationFreq;
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private int epochs = 1;
        private int initialEpoch;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private double validationSplit;
        private List<Tensor> validationX;
        private List<Tensor> validationY;
        private DataSource validationSource;
        private Map<Integer, Double> classWeight;
        private Tensor sampleWeight;
        private List<Callback> callbacks = new ArrayList<>();
        private int verbose = 1;
        private PrintStream out;
        private int validationFreq = 1;

        private Builder() {}

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** The epoch to start counting from, to resume training (Keras's {@code initial_epoch}). */
        public Builder initialEpoch(int initialEpoch) {
            this.initialEpoch = initialEpoch;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Reshuffle the training samples before each epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Hold out this fraction of the samples, the last ones before any shuffling (as Keras),
         * for validation; in [0, 1).
         */
        public Builder validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        public Builder validationData(Tensor x, Tensor y) {
            return validationData(List.of(Objects.requireNonNull(x, "validation x")),
                    List.of(Objects.requireNonNull(y, "validation y")));
        }

        /** Validation data for a model with several inputs or outputs. */
        public Builder validationData(List<Tensor> x, List<Tensor> y) {
            this.validationX = List.copyOf(x);
            this.validationY = List.copyOf(y);
            this.validationSource = null;
            return this;
        }

        public Builder validationData(DataSource source) {
            this.validationSource = Objects.requireNonNull(source, "validation source");
            this.validationX = null;
            this.validationY = null;
            return this;
        }

        /** Run validation every {@code freq} epochs (Keras's {@code validation_freq}). */
        public Builder validationFreq(int freq) {
            this.validationFreq = freq;
            return this;
        }

        /**
         * Weights each sample's loss by its class's weight (Keras's {@code class_weight}): the
         * class is the integer label, the argmax of a one-hot label, or 0/1 for a single
         * binary output.
         */
        public Builder classWeight(Map<Integer, Double> classWeight) {
            this.classWeight = new LinkedHashMap<>(classWeight);
            return this;
        }

        /** One loss weight per training sample (a vector as long as the data). */
        public Builder sampleWeight(Tensor sampleWeight) {
            this.sampleWeight = sampleWeight;
            return this;
        }

        public Builder callbacks(Callback... callbacks) {
            this.callbacks = new ArrayList<>(Arrays.asList(callbacks));
            return this;
        }

        public Builder callbacks(List<? extends Callback> callbacks) {
            this.callbacks = new ArrayList<>(callbacks);
            return this;
        }

        /** 0 silent, 1 a progress bar per epoch, 2 one line per epoch (Keras's meanings). */
        public Builder verbose(int verbose) {
            this.verbose = verbose;
            return this;
        }

        /** Where progress lines are printed (default System.out). */
        public Builder output(PrintStream out) {
            this.out = out;
            return this;
        }

        public FitOptions build() {
            if (epochs < 0) {
                throw new IllegalArgumentException("FitOptions: epochs must be >= 0, got " + epochs);
            }
            if (initialEpoch < 0 || initialEpoch > epochs) {
                throw new IllegalArgumentException("FitOptions: initialEpoch must be in [0, epochs=" + epochs + "], got "
                        + initialEpoch);
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("FitOptions: batchSize must be > 0, got " + batchSize);
            }
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new IllegalArgumentException("FitOptions: validationSplit must be in [0, 1), got " + validationSplit);
            }
            if (validationSplit > 0 && (validationX != null || validationSource != null)) {
                throw new IllegalArgumentException("FitOptions: give validationSplit or validationData, not both");
            }
            if (validationX != null && validationX.size() != 0 && validationY.isEmpty()) {
                throw new IllegalArgumentException("FitOptions: validationData needs targets");
            }
            if (verbose < 0 || verbose > 2) {
                throw new IllegalArgumentException("FitOptions: verbose must be 0, 1 or 2, got " + verbose);
            }
            if (validationFreq < 1) {
                throw new IllegalArgumentException("FitOptions: validationFreq must be >= 1, got " + validationFreq);
            }
            if (classWeight != null) {
                for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
                    if (e.getKey() == null || e.getValue() == null || !(e.getValue() >= 0)
                            || Double.isInfinite(e.getValue())) {
                        throw new IllegalArgumentException("FitOptions: classWeight must map class indices to finite"
                                + " weights >= 0, got " + e.getKey() + " -> " + e.getValue());
                    }
                }
            }
            for (Callback c : callbacks) {
                Objects.requireNonNull(c, "FitOptions: a callback is null");
            }
            return new FitOptions(this);
        }
    }
}
