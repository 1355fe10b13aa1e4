package jgrad.ops.reduce;

import jgrad.core.Tensor;
import jgrad.core.spi.ReduceOps;

/** The op library behind Tensor's reduce methods (service provider for {@link ReduceOps}). */
public final class DefaultReduceOps implements ReduceOps {
    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("sum: not built yet");
    }

    @Override
    public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("mean: not built yet");
    }

    @Override
    public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("max: not built yet");
    }

    @Override
    public Tensor min(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("min: not built yet");
    }

    @Override
    public Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("prod: not built yet");
    }

    @Override
    public Tensor variance(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("variance: not built yet");
    }

    @Override
    public Tensor std(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("std: not built yet");
    }

    @Override
    public Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        throw new UnsupportedOperationException("logSumExp: not built yet");
    }

    @Override
    public Tensor argmax(Tensor x, int axis, boolean keepDims) {
        throw new UnsupportedOperationException("argmax: not built yet");
    }

    @Override
    public Tensor argmin(Tensor x, int axis, boolean keepDims) {
        throw new UnsupportedOperationException("argmin: not built yet");
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        throw new UnsupportedOperationException("matmul: not built yet");
    }
}
