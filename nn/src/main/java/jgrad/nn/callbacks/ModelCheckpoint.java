package jgrad.nn.callbacks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Tensor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model (or only its weights) at the end of epochs (Keras's {@code ModelCheckpoint}).
 * The path may hold Python-style fields filled from the epoch (1-based) and the logs:
 * {@code "ckpt-{epoch:02d}-{val_loss:.4f}.safetensors"}. With {@code saveBestOnly} a file is
 * written only when the monitored quantity improves. Files are written atomically; a whole-model
 * file carries the training state, so the run resumes from it exactly (see
 * {@link jgrad.nn.TrainingProgress}). Its messages ({@code verbose}) go to fit's progress output.
 */
public final class ModelCheckpoint extends Callback {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final String pathPattern;
    private String monitor = "val_loss";
    private Monitor mode = Monitor.AUTO;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private boolean verbose;
    private double best;
    private boolean increasing;

    public ModelCheckpoint(String pathPattern) {
        this.pathPattern = pathPattern;
    }

    public ModelCheckpoint(Path path) {
        this(path.toString());
    }

    public ModelCheckpoint monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    public ModelCheckpoint mode(Monitor mode) {
        this.mode = mode;
        return this;
    }

    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** Save the weights as safetensors instead of the whole model file. */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    public ModelCheckpoint verbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    /** The best monitored value seen so far. */
    public double best() {
        return best;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        increasing = mode.increasing(monitor);
        best = increasing ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The best monitored value so far ({@code saveBestOnly} compares against it). */
    @Override
    public Map<String, Tensor> state() {
        return Map.of("best", scalar(best));
    }

    @Override
    public void restoreState(Map<String, Tensor> state) {
        best = scalar(state, "best", best);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Path path = Path.of(format(pathPattern, epoch + 1, logs));
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                // A warning, printed whatever fit's verbosity: the checkpoint the user asked for is missing.
                output().println("ModelCheckpoint: warning: '" + monitor + "' is not in the logs " + logs.keySet()
                        + "; the model is not saved");
                return;
            }
            boolean better = increasing ? current > best : current < best;
            if (!better) {
                if (verbose) {
                    output().printf(Locale.ROOT, "Epoch %d: %s did not improve from %s%n", epoch + 1, monitor,
                            number(best));
                }
                return;
            }
            if (verbose) {
                output().printf(Locale.ROOT, "Epoch %d: %s improved from %s to %.5f, saving model to %s%n",
                        epoch + 1, monitor, number(best), current, path);
            }
            best = current;
        } else if (verbose) {
            output().printf(Locale.ROOT, "Epoch %d: saving model to %s%n", epoch + 1, path);
        }
        if (saveWeightsOnly) {
            model().saveWeights(path);
        } else {
            model().save(path);
        }
    }

    /** {@code %.5f}, and {@code inf} for the starting best (as Keras prints it), not Java's {@code Infinity}. */
    private static String number(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.5f", v);
    }

    /** Fills {@code {epoch}}, {@code {epoch:03d}}, {@code {val_loss:.2f}} and the like. */
    static String format(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String spec = m.group(2);
            String value;
            if (key.equals("epoch")) {
                value = spec == null ? Integer.toString(epoch) : String.format(Locale.ROOT, "%" + spec, epoch);
            } else {
                Double v = logs.get(key);
                if (v == null) {
                    throw new IllegalArgumentException("ModelCheckpoint: the path uses {" + key + "}, which is not in"
                            + " the logs " + logs.keySet());
                }
                value = spec == null ? Double.toString(v) : String.format(Locale.ROOT, "%" + spec, v);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
