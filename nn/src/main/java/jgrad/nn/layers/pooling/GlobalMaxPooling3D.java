package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalMaxPooling3D}: the maximum of each channel over the depth, height and width axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalMaxPooling3D()}.
 */
public final class GlobalMaxPooling3D extends BaseGlobalPooling {
    public GlobalMaxPooling3D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalMaxPooling3D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalMaxPooling3D(Builder<GlobalMaxPooling3D> b) {
        super(b, true);
    }

    public static Builder<GlobalMaxPooling3D> builder() {
        return new Builder<>(3, GlobalMaxPooling3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalMaxPooling3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
