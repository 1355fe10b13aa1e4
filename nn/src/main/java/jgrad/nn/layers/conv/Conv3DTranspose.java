package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv3DTranspose}: a transposed convolution (the gradient of Conv3D), growing each
 * spatial axis by the stride. Kernel {@code [kd, kh, kw, filters, channels]}, bias {@code [filters]}; output
 * lengths and layouts in {@link BaseConvTranspose}. {@code new Conv3DTranspose(8, 3, 2, "same")}.
 */
public final class Conv3DTranspose extends BaseConvTranspose {
    /** {@code filters} windows of {@code kernelSize} on every axis, stride 1, "valid". */
    public Conv3DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** The same stride on every axis and padding "valid" or "same". */
    public Conv3DTranspose(int filters, int kernelSize, int strides, String padding) {
        this(builder(filters, kernelSize).strides(strides).padding(padding));
    }

    private Conv3DTranspose(Builder<Conv3DTranspose> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv3DTranspose> builder(int filters, int... kernelSize) {
        return new Builder<>(3, filters, kernelSize, Conv3DTranspose::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv3DTranspose fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
