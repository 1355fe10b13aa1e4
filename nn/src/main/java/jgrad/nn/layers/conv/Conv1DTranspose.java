package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv1DTranspose}: a transposed convolution (the gradient of Conv1D), growing each
 * spatial axis by the stride. Kernel {@code [k, filters, channels]}, bias {@code [filters]}; output
 * lengths and layouts in {@link BaseConvTranspose}. {@code Conv1DTranspose.builder(16, 4).strides(2).padding("same").build()}.
 */
public final class Conv1DTranspose extends BaseConvTranspose {
    /** {@code filters} windows of {@code kernelSize} on every axis, stride 1, "valid". */
    public Conv1DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** The same stride on every axis and padding "valid" or "same". */
    public Conv1DTranspose(int filters, int kernelSize, int strides, String padding) {
        this(builder(filters, kernelSize).strides(strides).padding(padding));
    }

    private Conv1DTranspose(Builder<Conv1DTranspose> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv1DTranspose> builder(int filters, int... kernelSize) {
        return new Builder<>(1, filters, kernelSize, Conv1DTranspose::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv1DTranspose fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
