package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalAveragePooling2D}: the mean of each channel over the height and width axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalAveragePooling2D()}.
 */
public final class GlobalAveragePooling2D extends BaseGlobalPooling {
    public GlobalAveragePooling2D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalAveragePooling2D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalAveragePooling2D(Builder<GlobalAveragePooling2D> b) {
        super(b, false);
    }

    public static Builder<GlobalAveragePooling2D> builder() {
        return new Builder<>(2, GlobalAveragePooling2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
