package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code AveragePooling1D}: the mean over each window of {@code pool_size} along the steps
 * axes (padding is not counted); strides default to the pool size. {@code new AveragePooling1D(2)},
 * {@code AveragePooling1D.builder(3).strides(2).padding("same").build()}.
 */
public final class AveragePooling1D extends BasePooling {
    /** Keras's defaults: pool size 2, strides = pool size, padding "valid", channels_last. */
    public AveragePooling1D() {
        this(builder());
    }

    /** A window of {@code poolSize} on every axis, moved by the pool size. */
    public AveragePooling1D(int poolSize) {
        this(builder(poolSize));
    }

    /** A window of {@code poolSize} on every axis, moved by {@code strides}. */
    public AveragePooling1D(int poolSize, int strides) {
        this(builder(poolSize).strides(strides));
    }

    private AveragePooling1D(Builder<AveragePooling1D> b) {
        super(b, Kind.AVERAGE);
    }

    /** A builder with this pool size (one value, or one per axis; none: Keras's default 2). */
    public static Builder<AveragePooling1D> builder(int... poolSize) {
        return new Builder<>(1, poolSize, AveragePooling1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static AveragePooling1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
