package jgrad.ops.nn;

import java.util.Objects;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.spi.NeuralOps;

/**
 * The op library behind Tensor's nn methods (service provider for {@link NeuralOps}). Most
 * activations are composites of math ops and get their gradients (of any order) from them;
 * softmax, log-softmax, softplus and one-hot are ops of their own (see their records for why).
 */
public final class DefaultNeuralOps implements NeuralOps {
    /** SELU's alpha and scale (Klambauer et al. 2017), the constants PyTorch and Keras use. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private static final double INV_SQRT2 = 0.70710678118654752440084436210485;

    @Override
    public Tensor leakyRelu(Tensor x, double alpha) {
        NeuralChecks.requireFloating("leakyRelu", "x", x);
        NeuralChecks.requireFinite("leakyRelu", "alpha", alpha);
        // where(x > 0, ...) gives slope alpha at exactly 0, as PyTorch does.
        return Tensor.where(x.greater(0), x, x.mul(alpha));
    }

    @Override
    public Tensor elu(Tensor x, double alpha) {
        NeuralChecks.requireFloating("elu", "x", x);
        NeuralChecks.requireFinite("elu", "alpha", alpha);
        return eluUnchecked(x, alpha);
    }

    private static Tensor eluUnchecked(Tensor x, double alpha) {
        // exp(min(x, 0)), not exp(x): where() sends a zero-weighted gradient into the unused branch
        // too, and 0 * exp(large x) = 0 * inf = NaN would poison the gradient.
        Tensor negative = x.minimum(0).exp().sub(1).mul(alpha);
        return Tensor.where(x.greater(0), x, negative);
    }

    @Override
    public Tensor selu(Tensor x) {
        NeuralChecks.requireFloating("selu", "x", x);
        return eluUnchecked(x, SELU_ALPHA).mul(SELU_SCALE);
    }

    @Override
    public Tensor softplus(Tensor x) {
        return new Softplus().apply(x);
    }

    @Override
    public Tensor softsign(Tensor x) {
        NeuralChecks.requireFloating("softsign", "x", x);
        return x.div(x.abs().add(1));
    }

    @Override
    public Tensor gelu(Tensor x) {
        NeuralChecks.requireFloating("gelu", "x", x);
        return x.mul(x.mul(INV_SQRT2).erf().add(1)).mul(0.5);
    }

    @Override
    public Tensor swish(Tensor x) {
        NeuralChecks.requireFloating("swish", "x", x);
        return x.mul(x.sigmoid());
    }

    @Override
    public Tensor hardSigmoid(Tensor x) {
        NeuralChecks.requireFloating("hardSigmoid", "x", x);
        return x.div(6).add(0.5).clip(0, 1);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return new Softmax(axis).apply(x);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return new LogSoftmax(axis).apply(x);
    }

    @Override
    public Tensor dropout(Tensor x, double rate, Rng rng) {
        NeuralChecks.requireFloating("dropout", "x", x);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        Objects.requireNonNull(rng, "dropout: rng is null");
        if (rate == 0) {
            return x;
        }
        // The mask is a constant holding 0 or 1/(1-rate): the gradient flows through the multiply,
        // scaled the same way, and is zero where an entry was dropped.
        int n = x.size();
        double keepScale = 1 / (1 - rate);
        Object mask = Tensor.allocate(x.dtype(), n);
        switch (mask) {
            // The same draws as a loop of rng.nextDouble() < rate, in one call.
            case float[] m -> rng.fillBernoulli(m, rate, 0f, (float) keepScale);
            case double[] m -> rng.fillBernoulli(m, rate, 0, keepScale);
            default -> throw new AssertionError(x.dtype());
        }
        return x.mul(Tensor.wrap(mask, x.shape()));
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth) {
        Objects.requireNonNull(indices, "oneHot: indices is null");
        return new OneHot(depth).apply(indices);
    }

    @Override
    public Tensor conv(Tensor x, Tensor kernel, int spatialAxes, int[] strides, String padding) {
        int[] ones = new int[spatialAxes];
        java.util.Arrays.fill(ones, 1);
        return Conv.conv(x, kernel, null, strides, ones, Padding.of(padding),
                jgrad.ops.kernels.Epilogue.Activation.LINEAR);
    }

    @Override
    public Tensor pool(Tensor x, String kind, int[] poolSize, int[] strides, String padding) {
        return switch (kind) {
            case "max" -> MaxPool.maxPool(x, poolSize, strides, Padding.of(padding));
            case "avg" -> AvgPool.avgPool(x, poolSize, strides, Padding.of(padding));
            default -> throw new IllegalArgumentException("pool: kind must be 'max' or 'avg', got '" + kind + "'");
        };
    }
}
