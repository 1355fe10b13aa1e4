package jgrad.ops.kernels;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Sum, product, max and min of a tensor over any set of axes, and argmax/argmin along one axis,
 * reading strided (transposed, sliced, broadcast) input in place: no transposing copy first.
 *
 * <p>How: size-1 axes are dropped, the rest sorted by input stride (innermost last) and merged
 * where they are contiguous with each other. If the innermost axis is reduced and has stride 1 it
 * is reduced with vector lanes; if it is kept and contiguous in both input and output, whole rows
 * are folded into the output with vector lanes (strided accumulation over the outer reduced axes);
 * anything else takes a strided scalar loop. Float32 sums accumulate in float32 vector lanes, with
 * each contiguous run flushed into a double every 4096 elements so that long
 * sums stay accurate; the scalar reference path accumulates sequentially in float32.
 */
public final class Reduction {
    private Reduction() {}

    /** The reductions the kernel knows. */
    public enum Kind {
        SUM, PROD, MAX, MIN
    }

    /**
     * The loop nest over {@code x}: axes outermost first, with their extents, input strides and
     * output strides (0 on reduced axes).
     */
    record Plan(int[] extent, int[] inStride, int[] outStride, boolean[] reduced, int offset) {
        int rank() {
            return extent.length;
        }
    }

    /**
     * Reduces {@code x} over the axes marked true in {@code reduce} and returns a fresh row-major
     * array holding the kept axes in order: {@code float[]}, {@code double[]}, or {@code long[]}
     * for int64 and bool input (a bool sum counts the true entries). Reducing an empty axis gives
     * the identity (0 for sums, 1 for products, -inf/+inf for max/min): callers reject empty max
     * and min themselves, with a message naming the op.
     */
    public static Object reduce(Tensor x, boolean[] reduce, Kind kind) {
        return reduce(x, reduce, kind, KernelConfig.VECTORIZED);
    }

    /** The scalar reference path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Object reduceScalar(Tensor x, boolean[] reduce, Kind kind) {
        return reduce(x, reduce, kind, false);
    }

    /** The Vector API path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Object reduceVector(Tensor x, boolean[] reduce, Kind kind) {
        return reduce(x, reduce, kind, true);
    }

    private static Object reduce(Tensor x, boolean[] reduce, Kind kind, boolean vector) {
        int[] shape = x.shape().dims();
        if (reduce.length != shape.length) {
            throw new IllegalArgumentException("reduce: " + reduce.length + " axis flags for shape "
                    + Arrays.toString(shape));
        }
        int outSize = 1;
        for (int a = 0; a < shape.length; a++) {
            if (!reduce[a]) {
                outSize *= shape[a];
            }
        }
        Object out = identity(x.dtype(), kind, outSize);
        if (outSize == 0 || x.size() == 0) {
            return out;
        }
        if (outSize == 1 && x.isContiguous()) {
            // Everything into one value from one dense run: skip building a loop nest.
            int n = x.size();
            switch (out) {
                case float[] o -> o[0] = vector && n >= KernelConfig.FLOAT_SPECIES.length()
                        ? ReductionFloat.runVector(kind, (float[]) x.storage(), x.offset(), n)
                        : ReductionFloat.runScalar(kind, (float[]) x.storage(), x.offset(), 1, n);
                case double[] o -> o[0] = vector && n >= KernelConfig.DOUBLE_SPECIES.length()
                        ? ReductionDouble.runVector(kind, (double[]) x.storage(), x.offset(), n)
                        : ReductionDouble.runScalar(kind, (double[]) x.storage(), x.offset(), 1, n);
                default -> runLong(plan(shape, x.strides(), x.offset(), reduce), x.storage(), (long[]) out, kind);
            }
            return out;
        }
        Plan plan = plan(shape, x.strides(), x.offset(), reduce);
        switch (out) {
            case float[] o -> ReductionFloat.run(plan, (float[]) x.storage(), o, kind, vector);
            case double[] o -> ReductionDouble.run(plan, (double[]) x.storage(), o, kind, vector);
            case long[] o -> runLong(plan, x.storage(), o, kind);
            default -> throw new AssertionError();
        }
        return out;
    }

    private static Object identity(DType dtype, Kind kind, int size) {
        return switch (dtype) {
            case FLOAT32 -> {
                float[] o = new float[size];
                float v = switch (kind) {
                    case SUM -> 0f;
                    case PROD -> 1f;
                    case MAX -> Float.NEGATIVE_INFINITY;
                    case MIN -> Float.POSITIVE_INFINITY;
                };
                if (v != 0f) {
                    Arrays.fill(o, v);
                }
                yield o;
            }
            case FLOAT64 -> {
                double[] o = new double[size];
                double v = switch (kind) {
                    case SUM -> 0;
                    case PROD -> 1;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    case MIN -> Double.POSITIVE_INFINITY;
                };
                if (v != 0) {
                    Arrays.fill(o, v);
                }
                yield o;
            }
            case INT64, BOOL -> {
                long[] o = new long[size];
                long v = switch (kind) {
                    case SUM -> 0L;
                    case PROD -> 1L;
                    case MAX -> Long.MIN_VALUE;
                    case MIN -> Long.MAX_VALUE;
                };
                if (v != 0) {
                    Arrays.fill(o, v);
                }
                yield o;
            }
        };
    }

    /** Builds the loop nest: drop size-1 axes, sort by input stride, merge contiguous neighbours. */
    static Plan plan(int[] shape, int[] strides, int offset, boolean[] reduce) {
        int rank = shape.length;
        int[] outStrides = new int[rank];
        int acc = 1;
        for (int a = rank - 1; a >= 0; a--) {
            if (!reduce[a]) {
                outStrides[a] = acc;
                acc *= shape[a];
            }
        }
        int[] order = new int[rank];
        int n = 0;
        for (int a = 0; a < rank; a++) {
            if (shape[a] != 1) {
                order[n++] = a;
            }
        }
        // Insertion sort by |input stride|, largest first; stable, so ties keep logical order.
        for (int i = 1; i < n; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= 0 && Math.abs(strides[order[j]]) < Math.abs(strides[v])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
        int[] ext = new int[n];
        int[] is = new int[n];
        int[] os = new int[n];
        boolean[] red = new boolean[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int a = order[i];
            if (m > 0 && red[m - 1] == reduce[a] && is[m - 1] == strides[a] * shape[a]
                    && os[m - 1] == outStrides[a] * shape[a]) {
                ext[m - 1] *= shape[a];
                is[m - 1] = strides[a];
                os[m - 1] = outStrides[a];
            } else {
                ext[m] = shape[a];
                is[m] = strides[a];
                os[m] = outStrides[a];
                red[m] = reduce[a];
                m++;
            }
        }
        return new Plan(Arrays.copyOf(ext, m), Arrays.copyOf(is, m), Arrays.copyOf(os, m), Arrays.copyOf(red, m),
                offset);
    }

    private static void runLong(Plan p, Object storage, long[] out, Kind kind) {
        int r = p.rank();
        if (r == 0) {
            out[0] = combine(kind, out[0], readLong(storage, p.offset()));
            return;
        }
        int n = p.extent()[r - 1];
        int is = p.inStride()[r - 1];
        int os = p.outStride()[r - 1];
        int outer = 1;
        for (int a = 0; a < r - 1; a++) {
            outer *= p.extent()[a];
        }
        int[] idx = new int[r];
        int pi = p.offset();
        int po = 0;
        for (int t = 0; t < outer; t++) {
            for (int j = 0, q = pi, o = po; j < n; j++, q += is, o += os) {
                out[o] = combine(kind, out[o], readLong(storage, q));
            }
            for (int a = r - 2; a >= 0; a--) {
                pi += p.inStride()[a];
                po += p.outStride()[a];
                if (++idx[a] < p.extent()[a]) {
                    break;
                }
                pi -= p.inStride()[a] * p.extent()[a];
                po -= p.outStride()[a] * p.extent()[a];
                idx[a] = 0;
            }
        }
    }

    private static long readLong(Object storage, int i) {
        return storage instanceof long[] l ? l[i] : ((boolean[]) storage)[i] ? 1L : 0L;
    }

    private static long combine(Kind kind, long a, long b) {
        return switch (kind) {
            case SUM -> a + b;
            case PROD -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    /**
     * Index of the largest ({@code max} true) or smallest entry along {@code axis}, the first one
     * on ties; NaN counts as larger and smaller than everything (as NumPy). Returns the indices
     * row-major over the other axes. The axis must be non-empty (checked by the caller).
     */
    public static long[] argReduce(Tensor x, int axis, boolean max) {
        int[] shape = x.shape().dims();
        int[] strides = x.strides();
        int n = shape[axis];
        int step = strides[axis];
        int outSize = n == 0 ? 0 : x.size() / n;
        long[] out = new long[outSize];
        if (outSize == 0) {
            return out;
        }
        int rank = shape.length;
        int[] idx = new int[rank];
        int p = x.offset();
        Object s = x.storage();
        for (int o = 0; o < outSize; o++) {
            out[o] = switch (s) {
                case float[] f -> argFloat(f, p, step, n, max);
                case double[] d -> argDouble(d, p, step, n, max);
                case long[] l -> argLong(l, p, step, n, max);
                default -> throw new IllegalArgumentException("argmax: unsupported dtype " + x.dtype());
            };
            for (int a = rank - 1; a >= 0; a--) {
                if (a == axis) {
                    continue;
                }
                p += strides[a];
                if (++idx[a] < shape[a]) {
                    break;
                }
                p -= strides[a] * shape[a];
                idx[a] = 0;
            }
        }
        return out;
    }

    private static long argFloat(float[] x, int p, int step, int n, boolean max) {
        int best = 0;
        float bv = x[p];
        if (Float.isNaN(bv)) {
            return 0;
        }
        for (int i = 1, q = p + step; i < n; i++, q += step) {
            float v = x[q];
            if (Float.isNaN(v)) {
                return i;
            }
            if (max ? v > bv : v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    private static long argDouble(double[] x, int p, int step, int n, boolean max) {
        int best = 0;
        double bv = x[p];
        if (Double.isNaN(bv)) {
            return 0;
        }
        for (int i = 1, q = p + step; i < n; i++, q += step) {
            double v = x[q];
            if (Double.isNaN(v)) {
                return i;
            }
            if (max ? v > bv : v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    private static long argLong(long[] x, int p, int step, int n, boolean max) {
        int best = 0;
        long bv = x[p];
        for (int i = 1, q = p + step; i < n; i++, q += step) {
            long v = x[q];
            if (max ? v > bv : v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }
}
