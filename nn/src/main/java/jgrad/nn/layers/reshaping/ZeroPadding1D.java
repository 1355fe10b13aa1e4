package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code ZeroPadding1D}: adds zeros before and after the steps axis, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new ZeroPadding1D(2)}.
 */
public final class ZeroPadding1D extends BaseZeroPadding {
    /** Keras's default: 1 on every side. */
    public ZeroPadding1D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public ZeroPadding1D(int padding) {
        this(builder().padding(padding));
    }

    /** {@code left} zeros before and {@code right} after. */
    public ZeroPadding1D(int left, int right) {
        this(builder().padding(left, right));
    }

    private ZeroPadding1D(Builder<ZeroPadding1D> b) {
        super(b);
    }

    /** A builder with Keras's default padding (1); for data_format and name. */
    public static Builder<ZeroPadding1D> builder() {
        return new Builder<>(1, ZeroPadding1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static ZeroPadding1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
