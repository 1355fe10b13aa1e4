package jgrad.core.spi;

import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Activations, softmax, dropout and one-hot behind {@link Tensor}'s fluent methods. Implemented by
 * the op library (module jgrad.ops).
 */
public interface NeuralOps {
    Tensor leakyRelu(Tensor x, double alpha);

    Tensor elu(Tensor x, double alpha);

    Tensor selu(Tensor x);

    Tensor softplus(Tensor x);

    Tensor softsign(Tensor x);

    /** Exact GELU, {@code x * Phi(x)} with the erf (PyTorch's default, Keras approximate=false). */
    Tensor gelu(Tensor x);

    /** {@code x * sigmoid(x)} (SiLU). */
    Tensor swish(Tensor x);

    /** {@code clip(x / 6 + 1/2, 0, 1)}, as PyTorch and Keras 3. */
    Tensor hardSigmoid(Tensor x);

    Tensor softmax(Tensor x, int axis);

    Tensor logSoftmax(Tensor x, int axis);

    /** Zeroes entries with probability {@code rate} and scales the rest by 1/(1-rate). */
    Tensor dropout(Tensor x, double rate, Rng rng);

    /** int64 class indices to a float32 one-hot tensor with a new last axis of {@code depth}. */
    Tensor oneHot(Tensor indices, int depth);

    /**
     * A convolution over {@code spatialAxes} axes of a channels-last x with a kernel {@code [k...,
     * channels, filters]}, no bias, no dilation; padding "valid", "same" or "causal".
     */
    Tensor conv(Tensor x, Tensor kernel, int spatialAxes, int[] strides, String padding);

    /** Max ("max") or average ("avg") pooling over {@code poolSize.length} axes of a channels-last x. */
    Tensor pool(Tensor x, String kind, int[] poolSize, int[] strides, String padding);
}
