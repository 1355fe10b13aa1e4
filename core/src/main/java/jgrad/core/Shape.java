package jgrad.core;

import java.util.Arrays;

/**
 * An immutable tensor shape: the extent of each axis. Prints as {@code [2, 3]}, the form every
 * error message in jgrad uses.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + ": axis " + i + " has negative extent " + dims[i]);
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.size = (int) n;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public static Shape scalar() {
        return SCALAR;
    }

    /** The extents of every axis, as a fresh array. */
    public int[] dims() {
        return dims.clone();
    }

    /** The extent of {@code axis}; negative axes count from the end. */
    public int get(int axis) {
        return dims[normalizeAxis(axis, dims.length, "shape.get")];
    }

    public int rank() {
        return dims.length;
    }

    /** Number of elements (1 for a scalar, 0 if any axis is empty). */
    public int size() {
        return size;
    }

    public boolean isScalar() {
        return dims.length == 0;
    }

    /** Row-major (C-order) strides for this shape, in elements. */
    public int[] contiguousStrides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /**
     * Turns a possibly negative axis into {@code [0, rank)}, or fails naming the op and the rank.
     */
    public static int normalizeAxis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(
                    op + ": axis " + axis + " is out of range for rank " + rank + " (valid: " + (-rank) + " to "
                            + (rank - 1) + ")");
        }
        return a;
    }

    /**
     * Python's {@code slice(start, stop, step).indices(extent)} with the number of positions it
     * selects: {@code {first, length}}, the positions being {@code first + k * step}. Negative
     * bounds count from the end and bounds are clamped; Python's omitted bounds are
     * {@code Integer.MIN_VALUE} (stop, {@code step < 0}) and {@code Integer.MAX_VALUE}. The step must not
     * be 0. Shared by the slice op and Tensor's indexing.
     */
    public static int[] sliceIndices(int extent, int start, int stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step must not be 0");
        }
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? extent : extent - 1L;
        long first = clampSliceBound(start, extent, lower, upper);
        long last = clampSliceBound(stop, extent, lower, upper);
        long length = step > 0 ? (last > first ? (last - first - 1) / step + 1 : 0)
                : (first > last ? (first - last - 1) / -(long) step + 1 : 0);
        return new int[] {(int) first, (int) length};
    }

    private static long clampSliceBound(long i, int extent, long lower, long upper) {
        return i < 0 ? Math.max(i + extent, lower) : Math.min(i, upper);
    }

    /** NumPy broadcasting of two shapes, failing with a message that names the op and both shapes. */
    public static Shape broadcast(String op, String nameA, Shape a, String nameB, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast " + nameA + " " + a + " with " + nameB + " "
                        + b + " (axis " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }

    /** Package-private view of the array, no copy: callers promise not to modify it. */
    int[] dimsUnsafe() {
        return dims;
    }
}
