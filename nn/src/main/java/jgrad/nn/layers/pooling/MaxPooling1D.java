package jgrad.nn.layers.pooling;

import java.util.Map;

/**
 * Keras's {@code MaxPooling1D}: the maximum over each window of {@code pool_size} along the steps
 * axes; strides default to the pool size. {@code new MaxPooling1D(2)},
 * {@code MaxPooling1D.builder(3).strides(2).padding("same").build()}.
 */
public final class MaxPooling1D extends BasePooling {
    /** Keras's defaults: pool size 2, strides = pool size, padding "valid", channels_last. */
    public MaxPooling1D() {
        this(builder());
    }

    /** A window of {@code poolSize} on every axis, moved by the pool size. */
    public MaxPooling1D(int poolSize) {
        this(builder(poolSize));
    }

    /** A window of {@code poolSize} on every axis, moved by {@code strides}. */
    public MaxPooling1D(int poolSize, int strides) {
        this(builder(poolSize).strides(strides));
    }

    private MaxPooling1D(Builder<MaxPooling1D> b) {
        super(b, Kind.MAX);
    }

    /** A builder with this pool size (one value, or one per axis; none: Keras's default 2). */
    public static Builder<MaxPooling1D> builder(int... poolSize) {
        return new Builder<>(1, poolSize, MaxPooling1D::new);
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static MaxPooling1D fromConfig(Map<String, Object> c) {
        return fromConfig(builder(), c);
    }
}
