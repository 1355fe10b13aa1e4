package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code AveragePooling3D}: the mean over each window of {@code pool_size} along the depth, height and width
 * axes (padding is not counted); strides default to the pool size. {@code new AveragePooling3D(2)},
 * {@code AveragePooling3D.builder(3).strides(2).padding("same").build()}.
 */
public final class AveragePooling3D extends BasePooling {
    /** Keras's defaults: pool size 2, strides = pool size, padding "valid", channels_last. */
    public AveragePooling3D() {
        this(builder());
    }

    /** A window of {@code poolSize} on every axis, moved by the pool size. */
    public AveragePooling3D(int poolSize) {
        this(builder(poolSize));
    }

    /** A window of {@code poolSize} on every axis, moved by {@code strides}. */
    public AveragePooling3D(int poolSize, int strides) {
        this(builder(poolSize).strides(strides));
    }

    private AveragePooling3D(Builder<AveragePooling3D> b) {
        super(b, Kind.AVERAGE);
    }

    /** A builder with this pool size (one value, or one per axis; none: Keras's default 2). */
    public static Builder<AveragePooling3D> builder(int... poolSize) {
        return new Builder<>(3, poolSize, AveragePooling3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static AveragePooling3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
