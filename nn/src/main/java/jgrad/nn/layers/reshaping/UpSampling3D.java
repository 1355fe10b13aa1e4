package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code UpSampling3D}: the depth, height and width axes grow by integer factors, entries repeated.
 * {@code new UpSampling3D(2)}.
 */
public final class UpSampling3D extends BaseUpSampling {
    /** Keras's default factor 2. */
    public UpSampling3D() {
        this(builder());
    }

    /** The same factor on every axis. */
    public UpSampling3D(int size) {
        this(builder(size));
    }

    /** One factor per axis. */
    public UpSampling3D(int depth, int height, int width) {
        this(builder(depth, height, width));
    }

    private UpSampling3D(Builder<UpSampling3D> b) {
        super(b);
    }

    /** A builder with this factor (one value or one per axis; none: Keras's default 2). */
    public static Builder<UpSampling3D> builder(int... size) {
        Builder<UpSampling3D> b = new Builder<>(3, UpSampling3D::new);
        return size.length == 0 ? b : b.size(size);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static UpSampling3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
