package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.Objects;
import jgrad.core.Tensor;

/**
 * Axis bookkeeping shared by the reductions: checking and normalising {@code axes}, the shapes a
 * reduction gives, and broadcasting a gradient back over the reduced axes.
 */
final class Axes {
    private Axes() {}

    /**
     * Which axes of {@code shape} are reduced. An empty {@code axes} means every axis; negative
     * axes count from the end; an out-of-range or repeated axis fails naming the op and the shape.
     */
    static boolean[] mask(String op, int[] axes, int[] shape) {
        Objects.requireNonNull(axes, () -> op + ": axes is null (pass an empty array to reduce every axis)");
        int rank = shape.length;
        boolean[] m = new boolean[rank];
        if (axes.length == 0) {
            Arrays.fill(m, true);
            return m;
        }
        for (int i = 0; i < axes.length; i++) {
            int a = normalize(op, axes[i], shape);
            if (m[a]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " is repeated in axes "
                        + Arrays.toString(axes) + " for shape " + Arrays.toString(shape));
            }
            m[a] = true;
        }
        return m;
    }

    /** One axis in {@code [0, rank)}, or an exception naming the op, the axis and the shape. */
    static int normalize(String op, int axis, int[] shape) {
        int rank = shape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape "
                    + Arrays.toString(shape) + (rank == 0 ? " (a scalar has no axes)"
                            : " (valid: " + (-rank) + " to " + (rank - 1) + ")"));
        }
        return a;
    }

    /** The result's shape: reduced axes dropped, or kept with extent 1. */
    static int[] outShape(int[] shape, boolean[] mask, boolean keepDims) {
        if (keepDims) {
            return keepShape(shape, mask);
        }
        int n = 0;
        for (boolean b : mask) {
            n += b ? 0 : 1;
        }
        int[] out = new int[n];
        for (int a = 0, j = 0; a < shape.length; a++) {
            if (!mask[a]) {
                out[j++] = shape[a];
            }
        }
        return out;
    }

    /** The shape with every reduced axis set to extent 1. */
    static int[] keepShape(int[] shape, boolean[] mask) {
        int[] out = shape.clone();
        for (int a = 0; a < shape.length; a++) {
            if (mask[a]) {
                out[a] = 1;
            }
        }
        return out;
    }

    /** How many elements each result element is reduced from. */
    static int count(int[] shape, boolean[] mask) {
        int n = 1;
        for (int a = 0; a < shape.length; a++) {
            if (mask[a]) {
                n *= shape[a];
            }
        }
        return n;
    }

    /** The first reduced axis of extent 0, or -1. */
    static int emptyReducedAxis(int[] shape, boolean[] mask) {
        for (int a = 0; a < shape.length; a++) {
            if (mask[a] && shape[a] == 0) {
                return a;
            }
        }
        return -1;
    }

    /** {@code t} reshaped to the keepDims shape (a no-op when it already has it). */
    static Tensor keep(Tensor t, int[] keepShape) {
        return t.rank() == keepShape.length && Arrays.equals(t.shape().dims(), keepShape) ? t : t.reshape(keepShape);
    }

    /** A reduction's output gradient broadcast back to the input's shape (a view, no copy). */
    static Tensor broadcastBack(Tensor grad, int[] shape, boolean[] mask) {
        int[] keep = keepShape(shape, mask);
        Tensor g = keep(grad, keep);
        return Arrays.equals(keep, shape) ? g : g.expand(shape);
    }
}
