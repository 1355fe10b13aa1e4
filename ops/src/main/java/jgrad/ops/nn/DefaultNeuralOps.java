package jgrad.ops.nn;

import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.spi.NeuralOps;

/** The op library behind Tensor's nn methods (service provider for {@link NeuralOps}). */
public final class DefaultNeuralOps implements NeuralOps {
    @Override
    public Tensor leakyRelu(Tensor x, double alpha) {
        throw new UnsupportedOperationException("leakyRelu: not built yet");
    }

    @Override
    public Tensor elu(Tensor x, double alpha) {
        throw new UnsupportedOperationException("elu: not built yet");
    }

    @Override
    public Tensor selu(Tensor x) {
        throw new UnsupportedOperationException("selu: not built yet");
    }

    @Override
    public Tensor softplus(Tensor x) {
        throw new UnsupportedOperationException("softplus: not built yet");
    }

    @Override
    public Tensor softsign(Tensor x) {
        throw new UnsupportedOperationException("softsign: not built yet");
    }

    @Override
    public Tensor gelu(Tensor x) {
        throw new UnsupportedOperationException("gelu: not built yet");
    }

    @Override
    public Tensor swish(Tensor x) {
        throw new UnsupportedOperationException("swish: not built yet");
    }

    @Override
    public Tensor hardSigmoid(Tensor x) {
        throw new UnsupportedOperationException("hardSigmoid: not built yet");
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        throw new UnsupportedOperationException("softmax: not built yet");
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        throw new UnsupportedOperationException("logSoftmax: not built yet");
    }

    @Override
    public Tensor dropout(Tensor x, double rate, Rng rng) {
        throw new UnsupportedOperationException("dropout: not built yet");
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        throw new UnsupportedOperationException("oneHot: not built yet");
    }
}
