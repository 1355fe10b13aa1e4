package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code MaxPooling3D}: the maximum over each window of {@code pool_size} along the depth, height and width
 * axes; strides default to the pool size. {@code new MaxPooling3D(2)},
 * {@code MaxPooling3D.builder(3).strides(2).padding("same").build()}.
 */
public final class MaxPooling3D extends BasePooling {
    /** Keras's defaults: pool size 2, strides = pool size, padding "valid", channels_last. */
    public MaxPooling3D() {
        this(builder());
    }

    /** A window of {@code poolSize} on every axis, moved by the pool size. */
    public MaxPooling3D(int poolSize) {
        this(builder(poolSize));
    }

    /** A window of {@code poolSize} on every axis, moved by {@code strides}. */
    public MaxPooling3D(int poolSize, int strides) {
        this(builder(poolSize).strides(strides));
    }

    private MaxPooling3D(Builder<MaxPooling3D> b) {
        super(b, Kind.MAX);
    }

    /** A builder with this pool size (one value, or one per axis; none: Keras's default 2). */
    public static Builder<MaxPooling3D> builder(int... poolSize) {
        return new Builder<>(3, poolSize, MaxPooling3D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static MaxPooling3D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
