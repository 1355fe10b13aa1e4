package jgrad.nn.losses;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jgrad.core.Tensor;
import jgrad.ops.Losses.Reduction;

/**
 * A loss function as an object, Keras's {@code keras.losses.Loss}: {@code call(yTrue, yPred)}
 * gives the mean of the per-sample losses (or their sum, or the per-sample values, by
 * {@link Reduction}); {@code call(yTrue, yPred, sampleWeight)} weights each sample first and
 * divides by the number of samples, as Keras's {@code sum_over_batch_size}. The maths is
 * {@link jgrad.ops.Losses}'; look a loss up by name with {@link #get}.
 *
 * <p>A custom loss subclasses Loss and implements {@link #perSample}, or wraps a function
 * with {@link #of(String, java.util.function.BinaryOperator)}.
 */
public abstract class Loss {
    private final String name;
    private final Reduction reduction;

    protected Loss(String name, Reduction reduction) {
        this.name = Objects.requireNonNull(name, "name");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    protected Loss(String name) {
        this(name, Reduction.MEAN);
    }

    /** The Keras name, e.g. {@code mean_squared_error}. */
    public final String name() {
        return name;
    }

    public final Reduction reduction() {
        return reduction;
    }

    /**
     * One loss per sample: {@code yPred}'s shape without its last axis (a vector for a batch of
     * vectors). Must be differentiable in {@code yPred}.
     */
    public abstract Tensor perSample(Tensor yTrue, Tensor yPred);

    /** The reduced loss. */
    public final Tensor call(Tensor yTrue, Tensor yPred) {
        return call(yTrue, yPred, null);
    }

    /**
     * The reduced loss with one weight per sample ({@code sampleWeight} of shape [batch], or
     * null): MEAN is {@code sum(w * loss) / n}, as Keras.
     */
    public final Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Objects.requireNonNull(yTrue, name + ": yTrue is null");
        Objects.requireNonNull(yPred, name + ": yPred is null");
        Tensor per = perSample(yTrue, yPred);
        if (sampleWeight != null) {
            if (per.rank() == 0 || sampleWeight.rank() != 1 || sampleWeight.dim(0) != per.dim(0)) {
                throw new IllegalArgumentException(name + ": sampleWeight has shape " + sampleWeight.shape()
                        + ", expected [" + (per.rank() == 0 ? "?" : per.dim(0)) + "] (one per sample of yPred "
                        + yPred.shape() + ")");
            }
            Tensor w = sampleWeight.dtype() == per.dtype() ? sampleWeight : sampleWeight.cast(per.dtype());
            if (per.rank() > 1) {
                int[] shape = new int[per.rank()];
                java.util.Arrays.fill(shape, 1);
                shape[0] = per.dim(0);
                w = w.reshape(shape);
            }
            per = per.mul(w);
        }
        return switch (reduction) {
            case NONE -> per;
            case SUM -> per.sum();
            case MEAN -> per.size() == 0 ? per.sum() : per.mean();
        };
    }

    /**
     * {@code yTrue} in {@code yPred}'s dtype after checking that their shapes are equal (no
     * broadcasting, so a forgotten axis fails instead of averaging the wrong thing).
     */
    protected final Tensor matchTrue(Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException(name + ": yTrue has shape " + yTrue.shape() + " but yPred has "
                    + yPred.shape() + "; they must be equal");
        }
        if (!yPred.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": yPred must be float32 or float64, got " + yPred.dtype());
        }
        return yTrue.dtype() == yPred.dtype() ? yTrue : yTrue.cast(yPred.dtype());
    }

    /** The mean over the last axis (a rank-0 pair is one sample). */
    protected static Tensor meanLastAxis(Tensor t) {
        return t.rank() == 0 ? t : t.mean(-1);
    }

    /** Parameters to rebuild this loss with {@link #get(String, Map)}. */
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reduction", reduction.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** A loss from a per-sample function (which must reduce the last axis). */
    public static Loss of(String name, java.util.function.BinaryOperator<Tensor> perSample) {
        Objects.requireNonNull(perSample, "perSample");
        return new Loss(name) {
            @Override
            public Tensor perSample(Tensor yTrue, Tensor yPred) {
                return perSample.apply(yTrue, yPred);
            }
        };
    }

    /**
     * The loss with this Keras name or alias: mse / mean_squared_error, mae /
     * mean_absolute_error, mape, msle, huber, log_cosh, binary_crossentropy (bce),
     * categorical_crossentropy (cce), sparse_categorical_crossentropy, poisson, hinge,
     * squared_hinge, kl_divergence (kld). CamelCase class names work too.
     */
    public static Loss get(String name) {
        return get(name, Map.of());
    }

    /** A loss by name with the settings of {@link #config()} (from_logits, delta, label_smoothing, reduction). */
    public static Loss get(String name, Map<String, ?> config) {
        Objects.requireNonNull(name, "loss name");
        String key = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
        Reduction r = config.get("reduction") == null ? Reduction.MEAN
                : switch (((String) config.get("reduction")).toLowerCase(Locale.ROOT)) {
                    case "none" -> Reduction.NONE;
                    case "sum" -> Reduction.SUM;
                    default -> Reduction.MEAN;
                };
        boolean logits = Boolean.TRUE.equals(config.get("from_logits"));
        double smoothing = config.get("label_smoothing") == null ? 0 : ((Number) config.get("label_smoothing")).doubleValue();
        return switch (key) {
            case "mse", "mean_squared_error" -> new MeanSquaredError(r);
            case "mae", "mean_absolute_error" -> new MeanAbsoluteError(r);
            case "mape", "mean_absolute_percentage_error" -> new MeanAbsolutePercentageError(r);
            case "msle", "mean_squared_logarithmic_error" -> new MeanSquaredLogarithmicError(r);
            case "huber", "huber_loss" -> new Huber(
                    config.get("delta") == null ? 1.0 : ((Number) config.get("delta")).doubleValue(), r);
            case "log_cosh", "logcosh" -> new LogCosh(r);
            case "binary_crossentropy", "bce", "binary_cross_entropy" -> new BinaryCrossentropy(logits, smoothing, r);
            case "categorical_crossentropy", "cce", "categorical_cross_entropy" ->
                    new CategoricalCrossentropy(logits, smoothing, r);
            case "sparse_categorical_crossentropy", "sparse_categorical_cross_entropy" ->
                    new SparseCategoricalCrossentropy(logits, r);
            case "poisson" -> new Poisson(r);
            case "hinge" -> new Hinge(r);
            case "squared_hinge" -> new SquaredHinge(r);
            case "kl_divergence", "kld", "kullback_leibler_divergence", "k_l_divergence" -> new KLDivergence(r);
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; known: mse, mae, mape, msle,"
                    + " huber, log_cosh, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,"
                    + " poisson, hinge, squared_hinge, kl_divergence");
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }
}
