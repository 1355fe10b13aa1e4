package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code Cropping3D}: removes entries at the start and end of the depth, height and width axes, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new Cropping3D(1, 2, 2)}.
 */
public final class Cropping3D extends BaseCropping {
    /** Keras's default: 1 on every side. */
    public Cropping3D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public Cropping3D(int cropping) {
        this(builder().cropping(cropping));
    }

    /** One symmetric width per axis (depth, height, width). */
    public Cropping3D(int depth, int height, int width) {
        this(builder().cropping(depth, height, width));
    }

    /** One (before, after) pair per axis: {@code {{front, back}, {top, bottom}, {left, right}}}. */
    public Cropping3D(int[][] cropping) {
        this(builder().cropping(cropping));
    }

    private Cropping3D(Builder<Cropping3D> b) {
        super(b);
    }

    /** A builder with Keras's default cropping (1); for data_format and name. */
    public static Builder<Cropping3D> builder() {
        return new Builder<>(3, 1, Cropping3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Cropping3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
