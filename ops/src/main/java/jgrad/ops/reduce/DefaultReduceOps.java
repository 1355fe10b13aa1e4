package jgrad.ops.reduce;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.spi.ReduceOps;
import jgrad.ops.kernels.Reduction;

/**
 * The op library behind Tensor's reduce methods (service provider for {@link ReduceOps}). Sum,
 * max, min, prod, argmax, argmin and matmul are ops of their own; mean, variance, std and
 * logSumExp are composites of other ops and get their gradients from them.
 */
public final class DefaultReduceOps implements ReduceOps {
    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return new Sum(axes, keepDims).apply(x);
    }

    /** {@code sum / count}; the mean over an empty axis is NaN, as in NumPy. */
    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("mean", x);
        int n = Axes.count(x.shape().dims(), Axes.mask("mean", axes, x.shape().dims()));
        return x.sum(axes, keepDims).div(x.scalarLike(n));
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return new Max(axes, keepDims).apply(x);
    }

    @Override
    public Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return new Min(axes, keepDims).apply(x);
    }

    @Override
    public Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        return new Prod(axes, keepDims).apply(x);
    }

    /** Population variance {@code mean((x - mean(x))^2)}, two passes for accuracy. */
    @Override
    public Tensor variance(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("variance", x);
        Axes.mask("variance", axes, x.shape().dims());
        Tensor centered = x.sub(x.mean(axes, true));
        return centered.square().mean(axes, keepDims);
    }

    /** {@code sqrt(variance)}; its gradient is infinite where the variance is 0 (as in PyTorch). */
    @Override
    public Tensor std(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("std", x);
        Axes.mask("std", axes, x.shape().dims());
        return variance(x, axes, keepDims).sqrt();
    }

    /**
     * {@code log(sum(exp(x - m))) + m} with m the maximum held constant (no gradient flows through
     * it, and none is needed: the result does not depend on m). A non-finite maximum (all -inf, or
     * an empty axis) is replaced by 0, so such rows give -inf or +inf rather than NaN.
     */
    @Override
    public Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("logSumExp", x);
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask("logSumExp", axes, shape);
        Object m = Reduction.reduce(x, mask, Reduction.Kind.MAX);
        switch (m) {
            case float[] f -> {
                for (int i = 0; i < f.length; i++) {
                    f[i] = Float.isFinite(f[i]) ? f[i] : 0f;
                }
            }
            case double[] d -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = Double.isFinite(d[i]) ? d[i] : 0;
                }
            }
            default -> throw new AssertionError();
        }
        Tensor mKeep = Tensor.wrap(m, Shape.of(Axes.keepShape(shape, mask)));
        Tensor mOut = keepDims ? mKeep : Tensor.wrap(m, Shape.of(Axes.outShape(shape, mask, false)));
        return x.sub(mKeep).exp().sum(axes, keepDims).log().add(mOut);
    }

    @Override
    public Tensor argmax(Tensor x, int axis, boolean keepDims) {
        return new ArgMax(axis, keepDims).apply(x);
    }

    @Override
    public Tensor argmin(Tensor x, int axis, boolean keepDims) {
        return new ArgMin(axis, keepDims).apply(x);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return new MatMul(transposeA, transposeB).apply(a, b);
    }

    static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": x is " + x.dtype() + " " + x.shape() + "; " + op
                    + " needs float32 or float64 (cast it first)");
        }
    }
}
