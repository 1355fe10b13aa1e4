package jgrad.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Batch;
import jgrad.nn.DataSource;

/**
 * A supervised data set held in memory: features {@code x} and targets {@code y}, two tensors
 * whose first axis is the sample (like a pair of NumPy arrays, or PyTorch's TensorDataset). It is
 * immutable: shuffling, splitting and mapping return new data sets, and batching hands out
 * {@link Batch}es of views or gathered rows.
 *
 * <p>It is a {@link DataSource}: passed to {@code evaluate} or {@code predict} it yields its
 * samples in order, {@value #DEFAULT_BATCH_SIZE} at a time (Keras's default batch size). For
 * training, pass {@link #batches(int, long)}, which reshuffles every epoch, or give
 * {@code fit} the tensors {@code x()} and {@code y()} with its own batch size and shuffling.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(x, y);
 * Dataset.Split s = data.trainTestSplit(0.25, 42);        // shuffled, seeded
 * for (Batch b : s.train().batches(64, 7)) { ... }         // reshuffled every epoch
 * }</pre>
 *
 * <p>Construction checks what would otherwise fail much later or silently: both tensors have a
 * sample axis of the same length, there is at least one sample, and no feature or target is NaN
 * or infinite.
 */
public final class Dataset implements DataSource {
    /** The batch size of the data set used directly as a {@link DataSource}, as Keras's default. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Tensor x;
    private final Tensor y;

    private Dataset(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
    }

    /** The data set of {@code x} and {@code y}; see the class comment for what is checked. */
    public static Dataset of(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Dataset: x is a scalar; it needs a sample axis (first axis), got shape "
                    + x.shape());
        }
        if (y.rank() == 0) {
            throw new IllegalArgumentException("Dataset: y is a scalar; it needs a sample axis (first axis), got shape "
                    + y.shape());
        }
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Dataset: x has " + x.dim(0) + " samples (shape " + x.shape()
                    + ") but y has " + y.dim(0) + " (shape " + y.shape() + "); the first axis of both is the sample");
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException("Dataset: empty, x has shape " + x.shape()
                    + "; a data set needs at least one sample");
        }
        requireFinite("x", x);
        requireFinite("y", y);
        return new Dataset(x, y);
    }

    /** Float32 features, one row per sample, and float32 targets, one row per sample. */
    public static Dataset of(float[][] x, float[][] y) {
        return of(Tensor.of(x), Tensor.of(y));
    }

    /** Float32 features, one row per sample, and int64 class labels. */
    public static Dataset of(float[][] x, long[] labels) {
        return of(Tensor.of(x), Tensor.of(labels));
    }

    /**
     * Throws if a float tensor holds a NaN or an infinity, naming the sample and its position.
     * Integer and bool tensors are always finite.
     */
    static void requireFinite(String name, Tensor t) {
        if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64) {
            return;
        }
        int perSample = t.dim(0) == 0 ? 0 : t.size() / t.dim(0);
        Object data = t.isContiguous() ? t.storage() : t.contiguous().storage();
        int offset = t.isContiguous() ? t.offset() : t.contiguous().offset();
        int n = t.size();
        if (data instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                float v = f[offset + i];
                if (!Float.isFinite(v)) {
                    throw notFinite(name, t, i, perSample, v);
                }
            }
        } else if (data instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                double v = d[offset + i];
                if (!Double.isFinite(v)) {
                    throw notFinite(name, t, i, perSample, v);
                }
            }
        }
    }

    private static IllegalArgumentException notFinite(String name, Tensor t, int flat, int perSample, double v) {
        int sample = flat / perSample;
        int within = flat % perSample;
        String what = Double.isNaN(v) ? "NaN" : (v > 0 ? "+Infinity" : "-Infinity");
        return new IllegalArgumentException("Dataset: " + name + " contains " + what + " at sample " + sample
                + (perSample > 1 ? ", element " + within + " of that sample" : "") + " (" + name + " has shape "
                + t.shape() + "); clean or impute the data first");
    }

    /** The features: shape {@code [samples, ...]}. */
    public Tensor x() {
        return x;
    }

    /** The targets: shape {@code [samples, ...]}. */
    public Tensor y() {
        return y;
    }

    /** The number of samples. */
    public int size() {
        return x.dim(0);
    }

    /** The whole data set as one batch. */
    public Batch asBatch() {
        return Batch.of(x, y);
    }

    // ------------------------------------------------------------------ selecting samples

    /** Samples {@code [from, to)} as views (no copy). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("Dataset.slice: range [" + from + ", " + to + ") is not a non-empty"
                    + " range inside [0, " + size() + ")");
        }
        return new Dataset(x.slice(0, from, to), y.slice(0, from, to));
    }

    /** The first {@code n} samples. */
    public Dataset take(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("Dataset.take: n = " + n + " must be in [1, " + size() + "]");
        }
        return slice(0, n);
    }

    /** All but the first {@code n} samples. */
    public Dataset skip(int n) {
        if (n < 0 || n >= size()) {
            throw new IllegalArgumentException("Dataset.skip: n = " + n + " must be in [0, " + size() + ")"
                    + " so that at least one sample remains");
        }
        return slice(n, size());
    }

    /** The samples at {@code indices}, in that order (a copy). */
    public Dataset select(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("Dataset.select: no indices; a data set needs at least one sample");
        }
        long[] idx = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("Dataset.select: index " + indices[i] + " at position " + i
                        + " is outside [0, " + size() + ")");
            }
            idx[i] = indices[i];
        }
        Tensor t = Tensor.of(idx);
        return new Dataset(x.gather(t, 0), y.gather(t, 0));
    }

    /** The samples in a random order drawn from {@code seed}. */
    public Dataset shuffle(long seed) {
        return shuffle(new Rng(seed));
    }

    /** The samples in a random order drawn from {@code rng}. */
    public Dataset shuffle(Rng rng) {
        return select(rng.permutation(size()));
    }

    /** This data set followed by {@code other}'s samples; their per-sample shapes and dtypes must agree. */
    public Dataset concat(Dataset other) {
        checkCompatible("concat", "x", x, other.x);
        checkCompatible("concat", "y", y, other.y);
        return new Dataset(Tensor.concat(List.of(x, other.x), 0), Tensor.concat(List.of(y, other.y), 0));
    }

    private static void checkCompatible(String op, String name, Tensor a, Tensor b) {
        int[] da = a.shape().dims();
        int[] db = b.shape().dims();
        if (a.dtype() != b.dtype() || da.length != db.length
                || !Arrays.equals(da, 1, da.length, db, 1, db.length)) {
            throw new IllegalArgumentException("Dataset." + op + ": " + name + " " + a.dtype() + " " + a.shape()
                    + " and " + b.dtype() + " " + b.shape() + " differ in dtype or per-sample shape");
        }
    }

    // ------------------------------------------------------------------ splitting

    /** Two parts of a data set: what a model trains on and what it is checked on. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * A shuffled split like scikit-learn's {@code train_test_split}: {@code testFraction} of the
     * samples (rounded up, as scikit-learn does) go to the test part, the rest to training.
     */
    public Split trainTestSplit(double testFraction, long seed) {
        int nTest = partSize("trainTestSplit", "testFraction", testFraction);
        Dataset shuffled = shuffle(seed);
        return new Split(shuffled.slice(0, size() - nTest), shuffled.slice(size() - nTest, size()));
    }

    /**
     * The last {@code fraction} of the samples (rounded down), in order and unshuffled, as Keras's
     * {@code validation_split} takes them; shuffle first if the data is sorted.
     */
    public Split validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Dataset.validationSplit: fraction must be in (0, 1), got " + fraction);
        }
        int nVal = (int) Math.floor(size() * fraction);
        if (nVal < 1 || nVal >= size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Dataset.validationSplit: fraction %s of %d"
                    + " samples leaves %d for validation and %d for training; both need at least one", fraction,
                    size(), nVal, size() - nVal));
        }
        return new Split(slice(0, size() - nVal), slice(size() - nVal, size()));
    }

    /**
     * Shuffles with {@code seed} and cuts into consecutive parts of the given fractions (which
     * must sum to 1 within 1e-6), e.g. {@code split(42, 0.7, 0.15, 0.15)} for train, validation
     * and test. Each part gets the floor of its share and the last part the remainder.
     */
    public List<Dataset> split(long seed, double... fractions) {
        if (fractions.length < 2) {
            throw new IllegalArgumentException("Dataset.split: give at least two fractions, got "
                    + Arrays.toString(fractions));
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("Dataset.split: every fraction must be in (0, 1), got "
                        + Arrays.toString(fractions));
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("Dataset.split: fractions " + Arrays.toString(fractions) + " sum to "
                    + sum + ", not 1");
        }
        Dataset shuffled = shuffle(seed);
        List<Dataset> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < fractions.length; i++) {
            int end = i == fractions.length - 1 ? size() : start + (int) Math.floor(size() * fractions[i]);
            if (end <= start) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "Dataset.split: part %d (fraction %s) of"
                        + " %d samples would be empty", i, fractions[i], size()));
            }
            parts.add(shuffled.slice(start, end));
            start = end;
        }
        return List.copyOf(parts);
    }

    private int partSize(String op, String arg, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Dataset." + op + ": " + arg + " must be in (0, 1), got " + fraction);
        }
        int n = (int) Math.ceil(size() * fraction - 1e-9);
        if (n < 1 || n >= size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Dataset.%s: %s %s of %d samples leaves %d"
                    + " and %d; both parts need at least one sample", op, arg, fraction, size(), n, size() - n));
        }
        return n;
    }

    // ------------------------------------------------------------------ mapping

    /** A data set with {@code f} applied to the features (e.g. a scaler's transform, a reshape). */
    public Dataset mapX(UnaryOperator<Tensor> f) {
        return of(f.apply(x), y);
    }

    /** A data set with {@code f} applied to the targets (e.g. one-hot encoding). */
    public Dataset mapY(UnaryOperator<Tensor> f) {
        return of(x, f.apply(y));
    }

    /** A data set with {@code f} applied to the whole (x, y) pair. */
    public Dataset map(UnaryOperator<Batch> f) {
        Batch b = f.apply(asBatch());
        return of(b.x(), b.y());
    }

    // ------------------------------------------------------------------ batching

    /** One pass in order, {@value #DEFAULT_BATCH_SIZE} samples per batch (see the class comment). */
    @Override
    public Iterator<Batch> batches() {
        return batches(DEFAULT_BATCH_SIZE).batches();
    }

    @Override
    public int batchCount() {
        return batches(DEFAULT_BATCH_SIZE).batchCount();
    }

    /** Consecutive batches of {@code batchSize} in order; the last may be smaller. */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize, null, false);
    }

    /**
     * Batches of {@code batchSize} in an order reshuffled at the start of every pass (epoch), the
     * permutations drawn from one generator seeded with {@code shuffleSeed}: the same seed gives
     * the same sequence of epochs.
     */
    public Batches batches(int batchSize, long shuffleSeed) {
        return new Batches(this, batchSize, new Rng(shuffleSeed), false);
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " samples, x " + x.dtype() + " " + x.shape() + ", y " + y.dtype() + " "
                + y.shape() + ")";
    }
}
