package jgrad.core.spi;

import jgrad.core.Tensor;

/**
 * Reductions and matrix products behind {@link Tensor}'s fluent methods. An empty {@code axes}
 * array reduces over every axis. Implemented by the op library (module jgrad.ops).
 */
public interface ReduceOps {
    Tensor sum(Tensor x, int[] axes, boolean keepDims);

    Tensor mean(Tensor x, int[] axes, boolean keepDims);

    /** Gradient is shared equally among tied maxima (as PyTorch's amax). */
    Tensor max(Tensor x, int[] axes, boolean keepDims);

    Tensor min(Tensor x, int[] axes, boolean keepDims);

    Tensor prod(Tensor x, int[] axes, boolean keepDims);

    /** Population variance (divides by N), as NumPy and Keras. */
    Tensor variance(Tensor x, int[] axes, boolean keepDims);

    Tensor std(Tensor x, int[] axes, boolean keepDims);

    /** log(sum(exp(x))) computed without overflow. */
    Tensor logSumExp(Tensor x, int[] axes, boolean keepDims);

    /** Index of the largest entry along {@code axis} (first one on ties), int64; not differentiable. */
    Tensor argmax(Tensor x, int axis, boolean keepDims);

    Tensor argmin(Tensor x, int axis, boolean keepDims);

    /**
     * Matrix product over the last two axes, batch axes broadcast; 1-D operands are promoted as in
     * NumPy. Transposed operands are read in place.
     */
    Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB);
}
