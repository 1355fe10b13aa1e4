package jgrad.nn.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jgrad.core.Tensor;
import jgrad.nn.losses.Loss;

/**
 * A stateful quality measure aggregated over batches (Keras's {@code keras.metrics.Metric}):
 * {@link #update} adds a batch, {@link #result} gives the value so far, {@link #reset} starts
 * over (fit resets every metric at the start of each epoch). Metrics run outside any tape and
 * never affect gradients.
 */
public abstract class Metric {
    private final String name;

    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The name used in logs and History ({@code accuracy}, {@code val_accuracy}). */
    public final String name() {
        return name;
    }

    /** Adds a batch; {@code sampleWeight} is one weight per sample, or null. */
    public abstract void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    public final void update(Tensor yTrue, Tensor yPred) {
        update(yTrue, yPred, null);
    }

    /** The value over every batch added since the last reset (0 before any). */
    public abstract double result();

    public abstract void reset();

    /** Settings needed to rebuild the metric by name. */
    public Map<String, Object> config() {
        return new LinkedHashMap<>();
    }

    /**
     * The metric with this Keras name: accuracy / acc (binary, categorical or sparse, chosen
     * from the label and prediction shapes as Keras does), binary_accuracy,
     * categorical_accuracy, sparse_categorical_accuracy, mae, mse, rmse
     * (root_mean_squared_error), r2 (r2_score), precision, recall, auc; any loss name
     * ({@code binary_crossentropy}, {@code huber}, ...) gives that loss's mean as a metric.
     */
    public static Metric get(String name) {
        Objects.requireNonNull(name, "metric name");
        String key = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
        return switch (key) {
            case "accuracy", "acc" -> new AutoAccuracy(name);
            case "binary_accuracy" -> new BinaryAccuracy();
            case "categorical_accuracy" -> new CategoricalAccuracy();
            case "sparse_categorical_accuracy" -> new SparseCategoricalAccuracy();
            case "mae", "mean_absolute_error" -> new MeanAbsoluteError(key);
            case "mse", "mean_squared_error" -> new MeanSquaredError(key);
            case "rmse", "root_mean_squared_error" -> new RootMeanSquaredError(key);
            case "r2", "r2_score" -> new R2Score(key);
            case "precision" -> new Precision();
            case "recall" -> new Recall();
            case "auc" -> new AUC();
            default -> {
                Loss loss;
                try {
                    loss = Loss.get(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown metric '" + name + "'; known: accuracy, binary_accuracy,"
                            + " categorical_accuracy, sparse_categorical_accuracy, mae, mse, rmse, r2, precision, recall,"
                            + " auc, or any loss name", e);
                }
                yield new LossMetric(name, loss);
            }
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + " = " + String.format(Locale.ROOT, "%.4f", result()) + ")";
    }
}
