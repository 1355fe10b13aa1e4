package jgrad.nn.layers.conv;

import java.util.Map;

/**
 * Keras's {@code Conv2DTranspose}: a transposed convolution (the gradient of Conv2D), growing each
 * spatial axis by the stride. Kernel {@code [kh, kw, filters, channels]}, bias {@code [filters]}; output
 * lengths and layouts in {@link BaseConvTranspose}. {@code new Conv2DTranspose(64, 5, 2, "same")}, {@code Conv2DTranspose.builder(1, 3).strides(2).padding("same").activation("sigmoid").build()}.
 */
public final class Conv2DTranspose extends BaseConvTranspose {
    /** {@code filters} windows of {@code kernelSize} on every axis, stride 1, "valid". */
    public Conv2DTranspose(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** The same stride on every axis and padding "valid" or "same". */
    public Conv2DTranspose(int filters, int kernelSize, int strides, String padding) {
        this(builder(filters, kernelSize).strides(strides).padding(padding));
    }

    private Conv2DTranspose(Builder<Conv2DTranspose> b) {
        super(b);
    }

    /** A builder with the filters and the kernel size (one value for every axis, or one per axis). */
    public static Builder<Conv2DTranspose> builder(int filters, int... kernelSize) {
        return new Builder<>(2, filters, kernelSize, Conv2DTranspose::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static Conv2DTranspose fromConfig(Map<String, Object> c) {
        return fromConfig(f -> builder(f, 1), c);
    }
}
