package jgrad.core.spi;

import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Shape and indexing ops behind {@link Tensor}'s fluent methods: views where possible, copies where
 * not. Implemented by the op library (module jgrad.ops).
 */
public interface ShapeOps {
    /** One dimension may be -1 and is inferred. */
    Tensor reshape(Tensor x, int... shape);

    /** Reorders axes: {@code permute(x, 1, 0)} transposes a matrix. */
    Tensor permute(Tensor x, int... axes);

    /** Broadcasts to a larger shape without copying (NumPy broadcast_to). */
    Tensor expand(Tensor x, Shape shape);

    /** Removes the given size-1 axes, or all of them when none are given. */
    Tensor squeeze(Tensor x, int... axes);

    /** Inserts a size-1 axis at {@code axis}. */
    Tensor unsqueeze(Tensor x, int axis);

    /**
     * Python's {@code x[..., start:stop:step, ...]} along one axis, as a view: negative bounds count
     * from the end and are clamped like Python's; step may be negative. Python's omitted bound is
     * {@code Integer.MIN_VALUE} as stop for a negative step ({@code x[::-1]}), {@code
     * Integer.MAX_VALUE} for a positive one.
     */
    Tensor slice(Tensor x, int axis, int start, int stop, int step);

    Tensor concat(List<Tensor> xs, int axis);

    Tensor stack(List<Tensor> xs, int axis);

    /** Splits into pieces of the given sizes along {@code axis}; the sizes must add up. */
    List<Tensor> split(Tensor x, int[] sizes, int axis);

    /**
     * Picks entries of {@code x} along {@code axis} at int64 {@code indices} of any shape
     * (tf.gather, torch.index_select): the result has shape {@code x.shape[:axis] + indices.shape
     * + x.shape[axis+1:]}. Negative indices are refused, not wrapped around.
     */
    Tensor gather(Tensor x, Tensor indices, int axis);

    /** Constant padding: {@code widths[i] = {before, after}} for axis i. */
    Tensor pad(Tensor x, int[][] widths, double value);

    /** A row-major copy (or x itself, if it already is contiguous); values unchanged. */
    Tensor contiguous(Tensor x);
}
