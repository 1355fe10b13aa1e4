package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code GlobalAveragePooling3D}: the mean of each channel over the depth, height and width axes, giving
 * {@code [batch, channels]} ({@code keepdims}: spatial sizes of 1). {@code new GlobalAveragePooling3D()}.
 */
public final class GlobalAveragePooling3D extends BaseGlobalPooling {
    public GlobalAveragePooling3D() {
        this(builder());
    }

    /** With {@code keepdims}, the output keeps the spatial axes with size 1. */
    public GlobalAveragePooling3D(boolean keepdims) {
        this(builder().keepdims(keepdims));
    }

    private GlobalAveragePooling3D(Builder<GlobalAveragePooling3D> b) {
        super(b, false);
    }

    public static Builder<GlobalAveragePooling3D> builder() {
        return new Builder<>(3, GlobalAveragePooling3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static GlobalAveragePooling3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
