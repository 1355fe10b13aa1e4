package jgrad.nn.io;

import java.util.function.Supplier;
import jgrad.core.DType;
import jgrad.core.Shape;

/**
 * A cap on the bytes of weights that layers may create on this thread while a model file is
 * rebuilt, set to the size of the file's own weights. A config is only text: a 1 KB one can
 * declare {@code Dense(40000)} on 40,000 inputs (6.4 GB of kernel) while its weights entry holds
 * a few bytes; without the cap the loader would allocate first and find the mismatch after, or
 * run out of memory. Layers report each weight before allocating it ({@code Layer.addWeight}),
 * and the first one past the budget fails naming the layer, the weight, its size and the file's.
 */
public final class WeightBudget {
    private static final ThreadLocal<WeightBudget> CURRENT = new ThreadLocal<>();

    private final String where;
    private final long limit;
    private long used;

    private WeightBudget(String where, long limit) {
        this.where = where;
        this.limit = limit;
    }

    /** Runs {@code body} with at most {@code bytes} of weights allowed; {@code where} names the file in errors. */
    static <T> T limit(String where, long bytes, Supplier<T> body) {
        WeightBudget outer = CURRENT.get();
        CURRENT.set(new WeightBudget(where, bytes));
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * The most bytes one sample of a model input may take while a model file is loaded, unless
     * the file's weights are larger still. Building a model runs one zero sample through layers
     * that infer their output shape by tracing, so a config declaring an input of 40,000 x 40,000
     * floats would allocate 6.4 GB without any weight to account for it.
     */
    public static final long SAMPLE_CAP = 256L << 20;

    /** Called by an input layer: fails if one sample of it exceeds what a model file being loaded allows. */
    public static void checkInput(String name, Shape perSample, DType dtype) {
        WeightBudget b = CURRENT.get();
        if (b == null) {
            return;
        }
        long bytes = (long) perSample.size() * dtype.byteSize();
        long cap = Math.max(b.limit, SAMPLE_CAP);
        if (bytes > cap) {
            throw new IllegalArgumentException(b.where + ": the config declares input '" + name + "' of shape "
                    + perSample + " per sample (" + bytes + " bytes), more than the " + cap + " bytes a model file"
                    + " with " + b.limit + " bytes of weights may ask for (corrupt or crafted file)");
        }
    }

    /**
     * Called by a layer before it allocates weight {@code name}: fails if it would exceed the
     * budget of a model file being loaded on this thread (and does nothing otherwise).
     */
    public static void reserve(String name, Shape shape, DType dtype) {
        WeightBudget b = CURRENT.get();
        if (b == null) {
            return;
        }
        long bytes = (long) shape.size() * dtype.byteSize();
        if (bytes < 0 || shape.size() < 0 || b.used + bytes > b.limit) {
            throw new IllegalArgumentException(b.where + ": the config declares weight " + name + " " + shape + " ("
                    + bytes + " bytes; " + b.used + " bytes of weights before it), but the weights entry holds only "
                    + b.limit + " bytes of tensors: the config and weights do not belong together (corrupt or"
                    + " crafted file); nothing was allocated for it");
        }
        b.used += bytes;
    }
}
