package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv3D}: a convolution over the depth, height and width of a volume or clip [batch, depth, height, width, channels].
 * Kernel {@code [kd, kh, kw, channels / groups, filters]}, bias {@code [filters]} (see {@link BaseConv} for the layouts,
 * groups and data formats). {@code new Conv3D(8, 3, "relu")}, {@code Conv3D.builder(16, 3, 5, 5).strides(1, 2, 2).build()}.
 */
public final class Conv3D extends BaseConv {
    /** {@code filters} windows of {@code kernelSize} on every axis, Keras's other defaults. */
    public Conv3D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** With an activation by Keras name ("relu", "sigmoid", ...; null for linear). */
    public Conv3D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** With padding ("valid" or "same") and an activation. */
    public Conv3D(int filters, int kernelSize, String padding, String activation) {
        this(builder(filters, kernelSize).padding(padding).activation(activation));
    }

    private Conv3D(Builder<Conv3D> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv3D> builder(int filters, int... kernelSize) {
        return new Builder<>(3, filters, kernelSize, Conv3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv3D fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
