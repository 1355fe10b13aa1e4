package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code UpSampling2D}: the height and width axes grow by integer factors, entries repeated or bilinearly.
 * {@code new UpSampling2D(2)}, {@code new UpSampling2D(2, "bilinear")}.
 */
public final class UpSampling2D extends BaseUpSampling {
    /** Keras's default factor 2. */
    public UpSampling2D() {
        this(builder());
    }

    /** The same factor on every axis. */
    public UpSampling2D(int size) {
        this(builder(size));
    }

    /** One factor per axis. */
    public UpSampling2D(int height, int width) {
        this(builder(height, width));
    }

    /** {@code interpolation} "nearest" or "bilinear". */
    public UpSampling2D(int size, String interpolation) {
        this(builder(size).interpolation(interpolation));
    }

    private UpSampling2D(Builder<UpSampling2D> b) {
        super(b);
    }

    /** A builder with this factor (one value or one per axis; none: Keras's default 2). */
    public static Builder<UpSampling2D> builder(int... size) {
        Builder<UpSampling2D> b = new Builder<>(2, UpSampling2D::new);
        return size.length == 0 ? b : b.size(size);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static UpSampling2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
