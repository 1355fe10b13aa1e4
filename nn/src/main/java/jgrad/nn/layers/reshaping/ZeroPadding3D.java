package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code ZeroPadding3D}: adds zeros before and after the depth, height and width axes, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new ZeroPadding3D(1)}.
 */
public final class ZeroPadding3D extends BaseZeroPadding {
    /** Keras's default: 1 on every side. */
    public ZeroPadding3D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public ZeroPadding3D(int padding) {
        this(builder().padding(padding));
    }

    /** One symmetric width per axis (depth, height, width). */
    public ZeroPadding3D(int depth, int height, int width) {
        this(builder().padding(depth, height, width));
    }

    /** One (before, after) pair per axis: {@code {{front, back}, {top, bottom}, {left, right}}}. */
    public ZeroPadding3D(int[][] padding) {
        this(builder().padding(padding));
    }

    private ZeroPadding3D(Builder<ZeroPadding3D> b) {
        super(b);
    }

    /** A builder with Keras's default padding (1); for data_format and name. */
    public static Builder<ZeroPadding3D> builder() {
        return new Builder<>(3, ZeroPadding3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static ZeroPadding3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
