package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalMaxPooling2D}: the maximum of each channel over the height and width axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalMaxPooling2D()}.
 */
public final class GlobalMaxPooling2D extends BaseGlobalPooling {
    public GlobalMaxPooling2D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalMaxPooling2D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalMaxPooling2D(Builder<GlobalMaxPooling2D> b) {
        super(b, true);
    }

    public static Builder<GlobalMaxPooling2D> builder() {
        return new Builder<>(2, GlobalMaxPooling2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
