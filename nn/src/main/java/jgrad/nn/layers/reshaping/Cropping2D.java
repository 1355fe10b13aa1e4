package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code Cropping2D}: removes entries at the start and end of the height and width axes, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new Cropping2D(new int[][] {{2, 2}, {4, 4}})}.
 */
public final class Cropping2D extends BaseCropping {
    /** Keras's default: 0 on every side. */
    public Cropping2D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public Cropping2D(int cropping) {
        this(builder().cropping(cropping));
    }

    /** One symmetric width per axis (height, width). */
    public Cropping2D(int height, int width) {
        this(builder().cropping(height, width));
    }

    /** One (before, after) pair per axis: {@code {{top, bottom}, {left, right}}}. */
    public Cropping2D(int[][] cropping) {
        this(builder().cropping(cropping));
    }

    private Cropping2D(Builder<Cropping2D> b) {
        super(b);
    }

    /** A builder with Keras's default cropping (0); for data_format and name. */
    public static Builder<Cropping2D> builder() {
        return new Builder<>(2, 0, Cropping2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Cropping2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
