package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean of each channel over the steps axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalAveragePooling1D()}.
 */
public final class GlobalAveragePooling1D extends BaseGlobalPooling {
    public GlobalAveragePooling1D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalAveragePooling1D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalAveragePooling1D(Builder<GlobalAveragePooling1D> b) {
        super(b, false);
    }

    public static Builder<GlobalAveragePooling1D> builder() {
        return new Builder<>(1, GlobalAveragePooling1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
