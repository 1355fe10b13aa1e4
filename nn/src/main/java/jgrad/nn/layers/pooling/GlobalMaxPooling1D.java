package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalMaxPooling1D}: the maximum of each channel over the steps axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalMaxPooling1D()}.
 */
public final class GlobalMaxPooling1D extends BaseGlobalPooling {
    public GlobalMaxPooling1D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalMaxPooling1D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalMaxPooling1D(Builder<GlobalMaxPooling1D> b) {
        super(b, true);
    }

    public static Builder<GlobalMaxPooling1D> builder() {
        return new Builder<>(1, GlobalMaxPooling1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
