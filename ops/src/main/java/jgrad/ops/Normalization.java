package jgrad.ops;

import java.util.Arrays;
import java.util.Objects;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Layer and batch normalization as functions, for tape users (PyTorch's
 * {@code F.layer_norm} / {@code F.batch_norm}); the Keras layers LayerNormalization and
 * BatchNormalization are built on them. Both are compositions of differentiable ops (mean,
 * subtraction, square, rsqrt, broadcasting products), so they work on a
 * {@link jgrad.core.GradientTape} to any order. The variance is the biased one (divided by n), as
 * both libraries normalize with.
 *
 * <pre>{@code
 * Tensor y = Normalization.layerNorm(x, gamma, beta, new int[] {-1}, 1e-5);
 * Normalization.BatchStats bn = Normalization.batchNormTraining(x, gamma, beta, -1, 1e-3);
 * Tensor z = Normalization.batchNorm(x, runningMean, runningVar, gamma, beta, -1, 1e-3);
 * }</pre>
 */
public final class Normalization {
    private Normalization() {}

    /**
     * Normalizes each sample over {@code axes} with its own mean and variance:
     * {@code (x - mean) / sqrt(var + eps) * gamma + beta}. gamma and beta (either may be null)
     * have the extents of the normalized axes in increasing axis order (Keras's param shape; for
     * {@code axes = {-1}} a vector of the last axis' extent, PyTorch's normalized_shape).
     */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, int[] axes, double eps) {
        String op = "layerNorm";
        checkInput(op, x, eps);
        Objects.requireNonNull(axes, op + ": axes is null");
        if (axes.length == 0) {
            throw new IllegalArgumentException(op + ": needs at least one axis to normalize over, x " + x.shape());
        }
        int rank = x.rank();
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            sorted[i] = Shape.normalizeAxis(axes[i], rank, op);
        }
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(op + ": axis " + sorted[i] + " is given twice in "
                        + Arrays.toString(axes));
            }
        }
        int[] paramDims = new int[sorted.length];
        int[] broadcast = new int[rank];
        Arrays.fill(broadcast, 1);
        for (int i = 0; i < sorted.length; i++) {
            paramDims[i] = x.dim(sorted[i]);
            broadcast[sorted[i]] = paramDims[i];
        }
        Shape param = Shape.of(paramDims);
        String what = "the normalized axes " + Arrays.toString(sorted) + " of x " + x.shape();
        checkParam(op, "gamma", gamma, x, param, what);
        checkParam(op, "beta", beta, x, param, what);
        Tensor mean = x.mean(sorted, true);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.square().mean(sorted, true);
        Tensor y = centered.mul(variance.add(eps).rsqrt());
        return affine(y, gamma, beta, broadcast);
    }

    /**
     * Batch normalization in inference form: {@code (x - mean) / sqrt(variance + eps) * gamma +
     * beta} with given statistics (the running ones), each a vector over the feature
     * {@code axis} (-1 for channels-last, 1 for channels-first); gamma and beta may be null.
     */
    public static Tensor batchNorm(Tensor x, Tensor mean, Tensor variance, Tensor gamma, Tensor beta, int axis,
            double eps) {
        String op = "batchNorm";
        checkInput(op, x, eps);
        int a = Shape.normalizeAxis(axis, x.rank(), op);
        Shape param = Shape.of(x.dim(a));
        String what = "feature axis " + a + " of x " + x.shape();
        Objects.requireNonNull(mean, op + ": mean is null");
        Objects.requireNonNull(variance, op + ": variance is null");
        checkParam(op, "mean", mean, x, param, what);
        checkParam(op, "variance", variance, x, param, what);
        checkParam(op, "gamma", gamma, x, param, what);
        checkParam(op, "beta", beta, x, param, what);
        int[] broadcast = featureShape(x, a);
        Tensor y = x.sub(mean.reshape(broadcast)).mul(variance.reshape(broadcast).add(eps).rsqrt());
        return affine(y, gamma, beta, broadcast);
    }

    /** The training form's result: the output and the batch statistics, vectors over the feature axis. */
    public record BatchStats(Tensor output, Tensor mean, Tensor variance) {}

    /**
     * Batch normalization in training form: the mean and biased variance over every axis but the
     * feature {@code axis}, used to normalize, and returned (differentiable) for the caller's
     * running averages. gamma and beta may be null.
     */
    public static BatchStats batchNormTraining(Tensor x, Tensor gamma, Tensor beta, int axis, double eps) {
        String op = "batchNormTraining";
        checkInput(op, x, eps);
        int a = Shape.normalizeAxis(axis, x.rank(), op);
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + ": x " + x.shape() + " has no axis besides the feature axis " + a
                    + " to take batch statistics over");
        }
        Shape param = Shape.of(x.dim(a));
        String what = "feature axis " + a + " of x " + x.shape();
        checkParam(op, "gamma", gamma, x, param, what);
        checkParam(op, "beta", beta, x, param, what);
        int[] reduce = new int[x.rank() - 1];
        for (int i = 0, k = 0; i < x.rank(); i++) {
            if (i != a) {
                reduce[k++] = i;
            }
        }
        int[] broadcast = featureShape(x, a);
        Tensor mean = x.mean(reduce, true);
        Tensor variance = x.sub(mean).square().mean(reduce, true);
        Tensor y = x.sub(mean).mul(variance.add(eps).rsqrt());
        int c = x.dim(a);
        return new BatchStats(affine(y, gamma, beta, broadcast), mean.reshape(c), variance.reshape(c));
    }

    private static Tensor affine(Tensor y, Tensor gamma, Tensor beta, int[] broadcast) {
        if (gamma != null) {
            y = y.mul(gamma.reshape(broadcast));
        }
        if (beta != null) {
            y = y.add(beta.reshape(broadcast));
        }
        return y;
    }

    private static int[] featureShape(Tensor x, int axis) {
        int[] s = new int[x.rank()];
        Arrays.fill(s, 1);
        s[axis] = x.dim(axis);
        return s;
    }

    private static void checkInput(String op, Tensor x, double eps) {
        Objects.requireNonNull(x, op + ": x is null");
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": x must be float32 or float64, got " + x.dtype() + " " + x.shape());
        }
        if (x.rank() == 0) {
            throw new IllegalArgumentException(op + ": x is a scalar; it has no axis to normalize over");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": eps must be > 0, got " + eps);
        }
    }

    private static void checkParam(String op, String name, Tensor p, Tensor x, Shape expected, String what) {
        if (p == null) {
            return;
        }
        if (!p.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + p.shape() + " but " + what
                    + " need " + expected);
        }
        if (p.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + p.dtype() + " but x is " + x.dtype());
        }
    }
}
