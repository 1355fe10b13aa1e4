package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code ZeroPadding2D}: adds zeros before and after the height and width axes, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new ZeroPadding2D(1)}.
 */
public final class ZeroPadding2D extends BaseZeroPadding {
    /** Keras's default: 1 on every side. */
    public ZeroPadding2D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public ZeroPadding2D(int padding) {
        this(builder().padding(padding));
    }

    /** One symmetric width per axis (height, width). */
    public ZeroPadding2D(int height, int width) {
        this(builder().padding(height, width));
    }

    /** One (before, after) pair per axis: {@code {{top, bottom}, {left, right}}}. */
    public ZeroPadding2D(int[][] padding) {
        this(builder().padding(padding));
    }

    private ZeroPadding2D(Builder<ZeroPadding2D> b) {
        super(b);
    }

    /** A builder with Keras's default padding (1); for data_format and name. */
    public static Builder<ZeroPadding2D> builder() {
        return new Builder<>(2, ZeroPadding2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static ZeroPadding2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
