package jgrad.ops.shape;

import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.spi.ShapeOps;

/** The op library behind Tensor's shape methods (service provider for {@link ShapeOps}). */
public final class DefaultShapeOps implements ShapeOps {
    @Override
    public Tensor reshape(Tensor x, int... shape) {
        throw new UnsupportedOperationException("reshape: not built yet");
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        throw new UnsupportedOperationException("permute: not built yet");
    }

    @Override
    public Tensor expand(Tensor x, Shape shape) {
        throw new UnsupportedOperationException("expand: not built yet");
    }

    @Override
    public Tensor squeeze(Tensor x, int... axes) {
        throw new UnsupportedOperationException("squeeze: not built yet");
    }

    @Override
    public Tensor unsqueeze(Tensor x, int axis) {
        throw new UnsupportedOperationException("unsqueeze: not built yet");
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int stop, int step) {
        throw new UnsupportedOperationException("slice: not built yet");
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        throw new UnsupportedOperationException("concat: not built yet");
    }

    @Override
    public Tensor stack(List<Tensor> xs, int axis) {
        throw new UnsupportedOperationException("stack: not built yet");
    }

    @Override
    public List<Tensor> split(Tensor x, int[] sizes, int axis) {
        throw new UnsupportedOperationException("split: not built yet");
    }

    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        throw new UnsupportedOperationException("gather: not built yet");
    }

    @Override
    public Tensor pad(Tensor x, int[][] widths, double value) {
        throw new UnsupportedOperationException("pad: not built yet");
    }

    @Override
    public Tensor contiguous(Tensor x) {
        throw new UnsupportedOperationException("contiguous: not built yet");
    }
}
