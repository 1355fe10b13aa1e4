package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv2D}: a convolution over the height and width of an image [batch, height, width, channels].
 * Kernel {@code [kh, kw, channels / groups, filters]}, bias {@code [filters]} (see {@link BaseConv} for the layouts,
 * groups and data formats). {@code new Conv2D(6, 5, "sigmoid")}, {@code Conv2D.builder(64, 3).padding("same").activation("relu").inputShape(224, 224, 3).build()}.
 */
public final class Conv2D extends BaseConv {
    /** {@code filters} windows of {@code kernelSize} on every axis, Keras's other defaults. */
    public Conv2D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** With an activation by Keras name ("relu", "sigmoid", ...; null for linear). */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** With padding ("valid" or "same") and an activation. */
    public Conv2D(int filters, int kernelSize, String padding, String activation) {
        this(builder(filters, kernelSize).padding(padding).activation(activation));
    }

    private Conv2D(Builder<Conv2D> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv2D> builder(int filters, int... kernelSize) {
        return new Builder<>(2, filters, kernelSize, Conv2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv2D fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
