package jgrad.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.spi.ShapeOps;

/**
 * The op library behind Tensor's shape methods (service provider for {@link ShapeOps}). Each
 * method runs one op record of this package; stack and split are composites of those.
 */
public final class DefaultShapeOps implements ShapeOps {
    @Override
    public Tensor reshape(Tensor x, int... shape) {
        return new Reshape(shape).apply(x);
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        return new Permute(axes).apply(x);
    }

    @Override
    public Tensor expand(Tensor x, Shape shape) {
        return new Expand(shape).apply(x);
    }

    @Override
    public Tensor squeeze(Tensor x, int... axes) {
        return new Squeeze(axes).apply(x);
    }

    @Override
    public Tensor unsqueeze(Tensor x, int axis) {
        return new Unsqueeze(axis).apply(x);
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int stop, int step) {
        return new Slice(axis, start, stop, step).apply(x);
    }

    @Override
    public Tensor concat(List<Tensor> xs, int axis) {
        return new Concat(axis).apply(xs.toArray(new Tensor[0]));
    }

    /** Unsqueeze every input at {@code axis}, then concat; the inputs must match in shape and dtype. */
    @Override
    public Tensor stack(List<Tensor> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Tensor first = Objects.requireNonNull(xs.get(0), "stack: input 0 is null");
        int rank = first.rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException("stack: axis " + axis + " is out of range for inputs of shape "
                    + first.shape() + " (valid: " + (-rank - 1) + " to " + rank + ")");
        }
        List<Tensor> parts = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = Objects.requireNonNull(xs.get(i), "stack: input " + i + " is null");
            if (x.dtype() != first.dtype()) {
                throw new IllegalArgumentException("stack: input " + i + " is " + x.dtype() + ", expected "
                        + first.dtype() + " like input 0");
            }
            if (!x.shape().equals(first.shape())) {
                throw new IllegalArgumentException("stack: input " + i + " has shape " + x.shape() + ", expected "
                        + first.shape() + " like input 0");
            }
            parts.add(new Unsqueeze(a).apply(x));
        }
        return new Concat(a).apply(parts.toArray(new Tensor[0]));
    }

    /** Slices of the given sizes, in order; views of x. */
    @Override
    public List<Tensor> split(Tensor x, int[] sizes, int axis) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("split: x is a scalar; it has no axis to split");
        }
        int a = Shape.normalizeAxis(axis, x.rank(), "split");
        if (sizes.length == 0) {
            throw new IllegalArgumentException("split: needs at least one size");
        }
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " hold a negative size");
            }
            total += s;
        }
        if (total != x.dim(a)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + ", but axis " + axis + " of x " + x.shape() + " has extent " + x.dim(a));
        }
        List<Tensor> pieces = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            pieces.add(new Slice(a, start, start + s, 1).apply(x));
            start += s;
        }
        return pieces;
    }

    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        return new Gather(axis).apply(x, indices);
    }

    @Override
    public Tensor pad(Tensor x, int[][] widths, double value) {
        return new Pad(widths, value).apply(x);
    }

    @Override
    public Tensor contiguous(Tensor x) {
        return new Contiguous().apply(x);
    }
}
