package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code UpSampling1D}: the steps axis grow by integer factors, entries repeated.
 * {@code new UpSampling1D(2)}.
 */
public final class UpSampling1D extends BaseUpSampling {
    /** Keras's default factor 2. */
    public UpSampling1D() {
        this(builder());
    }

    /** The same factor on every axis. */
    public UpSampling1D(int size) {
        this(builder(size));
    }

    private UpSampling1D(Builder<UpSampling1D> b) {
        super(b);
    }

    /** A builder with this factor (one value or one per axis; none: Keras's default 2). */
    public static Builder<UpSampling1D> builder(int... size) {
        Builder<UpSampling1D> b = new Builder<>(1, UpSampling1D::new);
        return size.length == 0 ? b : b.size(size);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static UpSampling1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
