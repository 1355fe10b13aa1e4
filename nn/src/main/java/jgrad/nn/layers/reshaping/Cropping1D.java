package jgrad.nn.layers.reshaping;

import java.util.Map;

/**
 * Keras's {@code Cropping1D}: removes entries at the start and end of the steps axis, by an int, one
 * value per axis or one (before, after) pair per axis. {@code new Cropping1D(1, 2)}.
 */
public final class Cropping1D extends BaseCropping {
    /** Keras's default: 1 on every side. */
    public Cropping1D() {
        this(builder());
    }

    /** The same width on every side of every axis. */
    public Cropping1D(int cropping) {
        this(builder().cropping(cropping));
    }

    /** {@code start} entries removed at the start and {@code end} at the end. */
    public Cropping1D(int start, int end) {
        this(builder().cropping(start, end));
    }

    private Cropping1D(Builder<Cropping1D> b) {
        super(b);
    }

    /** A builder with Keras's default cropping (1); for data_format and name. */
    public static Builder<Cropping1D> builder() {
        return new Builder<>(1, 1, Cropping1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Cropping1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
