package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv1D}: a convolution over the steps of a sequence [batch, steps, channels].
 * Kernel {@code [k, channels / groups, filters]}, bias {@code [filters]} (see {@link BaseConv} for the layouts,
 * groups and data formats). {@code new Conv1D(32, 3, "relu")}, {@code Conv1D.builder(16, 2).padding("causal").dilationRate(4).build()}.
 */
public final class Conv1D extends BaseConv {
    /** {@code filters} windows of {@code kernelSize} on every axis, Keras's other defaults. */
    public Conv1D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** With an activation by Keras name ("relu", "sigmoid", ...; null for linear). */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    /** With padding ("valid", "same" or "causal") and an activation. */
    public Conv1D(int filters, int kernelSize, String padding, String activation) {
        this(builder(filters, kernelSize).padding(padding).activation(activation));
    }

    private Conv1D(Builder<Conv1D> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv1D> builder(int filters, int... kernelSize) {
        return new Builder<>(1, filters, kernelSize, Conv1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv1D fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
