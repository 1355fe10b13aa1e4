package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code MaxPooling2D}: the maximum over each window of {@code pool_size} along the height and width
 * axes; strides default to the pool size. {@code new MaxPooling2D(2)},
 * {@code MaxPooling2D.builder(3).strides(2).padding("same").build()}.
 */
public final class MaxPooling2D extends BasePooling {
    /** Keras's defaults: pool size 2, strides = pool size, padding "valid", channels_last. */
    public MaxPooling2D() {
        this(builder());
    }

    /** A window of {@code poolSize} on every axis, moved by the pool size. */
    public MaxPooling2D(int poolSize) {
        this(builder(poolSize));
    }

    /** A window of {@code poolSize} on every axis, moved by {@code strides}. */
    public MaxPooling2D(int poolSize, int strides) {
        this(builder(poolSize).strides(strides));
    }

    private MaxPooling2D(Builder<MaxPooling2D> b) {
        super(b, Kind.MAX);
    }

    /** A builder with this pool size (one value, or one per axis; none: Keras's default 2). */
    public static Builder<MaxPooling2D> builder(int... poolSize) {
        return new Builder<>(2, poolSize, MaxPooling2D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static MaxPooling2D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
