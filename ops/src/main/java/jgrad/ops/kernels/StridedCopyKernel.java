package jgrad.ops.kernels;

import jgrad.core.Tensor;

/**
 * Copies elements between strided layouts of the same shape: the kernel behind contiguous(),
 * concat, pad, slice gradients and every reshape that cannot be a view. Works on float32, float64,
 * int64 and bool storage alike.
 *
 * <p>The fast path first merges axes that are laid out back to back on both sides (a contiguous
 * tensor becomes one long run), then copies 2-D planes: runs that are contiguous on both sides go
 * through {@link System#arraycopy}, and large transposing planes are walked in square tiles so that
 * reads and writes both stay in cache. {@link #copyReference} is the plain one-element-at-a-time
 * loop it is checked against, taken when {@link KernelConfig#VECTORIZED} is false.
 */
public final class StridedCopyKernel {
    private StridedCopyKernel() {}

    /** Side of the square tiles of a transposing copy: 32 x 32 doubles on each side fit in L1. */
    static final int TILE = 32;

    /** A dense row-major copy of {@code x} (any strides, any dtype), as a new tensor. */
    public static Tensor contiguous(Tensor x) {
        return Tensor.wrap(toArray(x), x.shape());
    }

    /** The elements of {@code x} in row-major order, as a fresh array of x's storage type. */
    public static Object toArray(Tensor x) {
        int n = x.size();
        Object out = FreshArrays.of(x.dtype(), n); // every element is copied into it
        if (x.isContiguous()) {
            System.arraycopy(x.storage(), x.offset(), out, 0, n);
        } else {
            int[] dims = x.shape().dims();
            copy(x.storage(), x.offset(), x.strides(), out, 0, rowMajorStrides(dims), dims);
        }
        return out;
    }

    /**
     * Writes every element of {@code src} into {@code dst}, an array of the same type, at the
     * layout given by {@code dstOffset} and {@code dstStrides} (one stride per axis of src).
     */
    public static void copyInto(Tensor src, Object dst, int dstOffset, int[] dstStrides) {
        copy(src.storage(), src.offset(), src.strides(), dst, dstOffset, dstStrides, src.shape().dims());
    }

    /**
     * Copies the region of {@code shape} from {@code src} (laid out by srcOffset and srcStrides) to
     * {@code dst} (dstOffset, dstStrides). Both arrays must be of the same type and must not be the
     * same array.
     */
    public static void copy(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset, int[] dstStrides,
            int[] shape) {
        if (src.getClass() != dst.getClass()) {
            throw new IllegalArgumentException("strided copy: source " + src.getClass().getSimpleName()
                    + " and destination " + dst.getClass().getSimpleName() + " differ");
        }
        if (srcStrides.length != shape.length || dstStrides.length != shape.length) {
            throw new IllegalArgumentException("strided copy: " + srcStrides.length + " source and "
                    + dstStrides.length + " destination strides for rank " + shape.length);
        }
        if (KernelConfig.VECTORIZED) {
            copyFast(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
        } else {
            copyReference(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
        }
    }

    /** Row-major strides of a shape (extent-0 axes count as 1, as in {@code Shape}). */
    public static int[] rowMajorStrides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /** The reference: one element at a time, each position computed from its multi-index. */
    public static void copyReference(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset,
            int[] dstStrides, int[] shape) {
        int total = 1;
        for (int d : shape) {
            total *= d;
        }
        int[] idx = new int[shape.length];
        for (int i = 0; i < total; i++) {
            int sp = srcOffset;
            int dp = dstOffset;
            for (int a = 0; a < shape.length; a++) {
                sp += idx[a] * srcStrides[a];
                dp += idx[a] * dstStrides[a];
            }
            switch (src) {
                case float[] f -> ((float[]) dst)[dp] = f[sp];
                case double[] d -> ((double[]) dst)[dp] = d[sp];
                case long[] l -> ((long[]) dst)[dp] = l[sp];
                case boolean[] b -> ((boolean[]) dst)[dp] = b[sp];
                default -> throw new IllegalArgumentException("strided copy: unsupported storage " + src.getClass());
            }
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
    }

    /** The fast path: merged axes, arraycopy runs, tiled transposes. */
    public static void copyFast(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset,
            int[] dstStrides, int[] shape) {
        int rank = shape.length;
        // Kept axes, innermost first; axes laid out back to back on both sides are merged into one.
        int cap = Math.max(rank, 2);
        int[] n = new int[cap];
        int[] s = new int[cap];
        int[] d = new int[cap];
        int r = 0;
        for (int a = rank - 1; a >= 0; a--) {
            int ext = shape[a];
            if (ext == 0) {
                return;
            }
            if (ext == 1) {
                continue;
            }
            if (r > 0 && srcStrides[a] == s[r - 1] * n[r - 1] && dstStrides[a] == d[r - 1] * n[r - 1]) {
                n[r - 1] *= ext;
                continue;
            }
            n[r] = ext;
            s[r] = srcStrides[a];
            d[r] = dstStrides[a];
            r++;
        }
        for (int k = r; k < 2; k++) {
            n[k] = 1; // a rank-0 or rank-1 copy is one plane of 1 x n
        }
        r = Math.max(r, 2);
        int planes = 1;
        for (int k = 2; k < r; k++) {
            planes *= n[k];
        }
        int[] idx = new int[r];
        int sp = srcOffset;
        int dp = dstOffset;
        for (int p = 0; p < planes; p++) {
            copyPlane(src, sp, s[1], s[0], dst, dp, d[1], d[0], n[1], n[0]);
            for (int k = 2; k < r; k++) {
                sp += s[k];
                dp += d[k];
                if (++idx[k] < n[k]) {
                    break;
                }
                sp -= s[k] * n[k];
                dp -= d[k] * n[k];
                idx[k] = 0;
            }
        }
    }

    /** One n0 x n1 plane: row i, column j lies at so + i*ss0 + j*ss1 in src. */
    private static void copyPlane(Object src, int so, int ss0, int ss1, Object dst, int dOff, int ds0, int ds1, int n0,
            int n1) {
        if (ss1 == 1 && ds1 == 1) {
            for (int i = 0; i < n0; i++) {
                System.arraycopy(src, so + i * ss0, dst, dOff + i * ds0, n1);
            }
            return;
        }
        switch (src) {
            case float[] f -> plane(f, so, ss0, ss1, (float[]) dst, dOff, ds0, ds1, n0, n1);
            case double[] f -> plane(f, so, ss0, ss1, (double[]) dst, dOff, ds0, ds1, n0, n1);
            case long[] f -> plane(f, so, ss0, ss1, (long[]) dst, dOff, ds0, ds1, n0, n1);
            case boolean[] f -> plane(f, so, ss0, ss1, (boolean[]) dst, dOff, ds0, ds1, n0, n1);
            default -> throw new IllegalArgumentException("strided copy: unsupported storage " + src.getClass());
        }
    }

    // The four typed plane loops below are the same code; Java generics cannot abstract over
    // primitive arrays without boxing.

    private static void plane(float[] src, int so, int ss0, int ss1, float[] dst, int dOff, int ds0, int ds1, int n0,
            int n1) {
        int tile = n0 >= TILE && n1 >= TILE ? TILE : Math.max(n1, 1);
        for (int j0 = 0; j0 < n1; j0 += tile) {
            int j1 = Math.min(n1, j0 + tile);
            for (int i = 0; i < n0; i++) {
                int sp = so + i * ss0 + j0 * ss1;
                int dp = dOff + i * ds0 + j0 * ds1;
                for (int j = j0; j < j1; j++, sp += ss1, dp += ds1) {
                    dst[dp] = src[sp];
                }
            }
        }
    }

    private static void plane(double[] src, int so, int ss0, int ss1, double[] dst, int dOff, int ds0, int ds1,
            int n0, int n1) {
        int tile = n0 >= TILE && n1 >= TILE ? TILE : Math.max(n1, 1);
        for (int j0 = 0; j0 < n1; j0 += tile) {
            int j1 = Math.min(n1, j0 + tile);
            for (int i = 0; i < n0; i++) {
                int sp = so + i * ss0 + j0 * ss1;
                int dp = dOff + i * ds0 + j0 * ds1;
                for (int j = j0; j < j1; j++, sp += ss1, dp += ds1) {
                    dst[dp] = src[sp];
                }
            }
        }
    }

    private static void plane(long[] src, int so, int ss0, int ss1, long[] dst, int dOff, int ds0, int ds1, int n0,
            int n1) {
        int tile = n0 >= TILE && n1 >= TILE ? TILE : Math.max(n1, 1);
        for (int j0 = 0; j0 < n1; j0 += tile) {
            int j1 = Math.min(n1, j0 + tile);
            for (int i = 0; i < n0; i++) {
                int sp = so + i * ss0 + j0 * ss1;
                int dp = dOff + i * ds0 + j0 * ds1;
                for (int j = j0; j < j1; j++, sp += ss1, dp += ds1) {
                    dst[dp] = src[sp];
                }
            }
        }
    }

    private static void plane(boolean[] src, int so, int ss0, int ss1, boolean[] dst, int dOff, int ds0, int ds1,
            int n0, int n1) {
        int tile = n0 >= TILE && n1 >= TILE ? TILE : Math.max(n1, 1);
        for (int j0 = 0; j0 < n1; j0 += tile) {
            int j1 = Math.min(n1, j0 + tile);
            for (int i = 0; i < n0; i++) {
                int sp = so + i * ss0 + j0 * ss1;
                int dp = dOff + i * ds0 + j0 * ds1;
                for (int j = j0; j < j1; j++, sp += ss1, dp += ds1) {
                    dst[dp] = src[sp];
                }
            }
        }
    }
}
