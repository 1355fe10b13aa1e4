package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Gather and its adjoint scatter-add along one axis, on dense row-major storage seen as
 * {@code [outer, extent, inner]}: gather reads rows {@code idx[j]} of the middle axis, scatter-add
 * adds rows back into them (repeated indices accumulate, in index order, so results are
 * deterministic). Indices must already be checked against the extent by the calling op.
 */
public final class GatherKernel {
    private GatherKernel() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    /**
     * {@code out[o, j, k] = x[xOffset + (o * extent + idx[j]) * inner + k]}: a fresh array of x's type
     * holding {@code outer * idx.length * inner} elements.
     */
    public static Object gather(Object x, int xOffset, int outer, int extent, int inner, long[] idx) {
        int m = idx.length;
        Object out = allocateLike(x, outer * m * inner);
        if (inner == 1) {
            switch (x) {
                case float[] s -> gatherElements(s, xOffset, outer, extent, idx, (float[]) out);
                case double[] s -> gatherElements(s, xOffset, outer, extent, idx, (double[]) out);
                case long[] s -> gatherElements(s, xOffset, outer, extent, idx, (long[]) out);
                case boolean[] s -> gatherElements(s, xOffset, outer, extent, idx, (boolean[]) out);
                default -> throw unsupported("gather", x);
            }
            return out;
        }
        for (int o = 0; o < outer; o++) {
            int base = xOffset + o * extent * inner;
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, base + (int) idx[j] * inner, out, (o * m + j) * inner, inner);
            }
        }
        return out;
    }

    private static void gatherElements(float[] x, int off, int outer, int extent, long[] idx, float[] out) {
        int m = idx.length;
        for (int o = 0, p = 0; o < outer; o++) {
            int base = off + o * extent;
            for (int j = 0; j < m; j++) {
                out[p++] = x[base + (int) idx[j]];
            }
        }
    }

    private static void gatherElements(double[] x, int off, int outer, int extent, long[] idx, double[] out) {
        int m = idx.length;
        for (int o = 0, p = 0; o < outer; o++) {
            int base = off + o * extent;
            for (int j = 0; j < m; j++) {
                out[p++] = x[base + (int) idx[j]];
            }
        }
    }

    private static void gatherElements(long[] x, int off, int outer, int extent, long[] idx, long[] out) {
        int m = idx.length;
        for (int o = 0, p = 0; o < outer; o++) {
            int base = off + o * extent;
            for (int j = 0; j < m; j++) {
                out[p++] = x[base + (int) idx[j]];
            }
        }
    }

    private static void gatherElements(boolean[] x, int off, int outer, int extent, long[] idx, boolean[] out) {
        int m = idx.length;
        for (int o = 0, p = 0; o < outer; o++) {
            int base = off + o * extent;
            for (int j = 0; j < m; j++) {
                out[p++] = x[base + (int) idx[j]];
            }
        }
    }

    /**
     * The adjoint of {@link #gather}: a zero array of {@code outer * extent * inner} elements with
     * {@code out[o, idx[j], k] += src[o, j, k]}. {@code src} is dense row-major
     * {@code [outer, idx.length, inner]}; float[], double[] or long[].
     */
    public static Object scatterAdd(Object src, int outer, int extent, int inner, long[] idx) {
        return KernelConfig.VECTORIZED
                ? scatterAddVector(src, outer, extent, inner, idx)
                : scatterAddScalar(src, outer, extent, inner, idx);
    }

    /** Reference scatter-add: one element at a time. */
    public static Object scatterAddScalar(Object src, int outer, int extent, int inner, long[] idx) {
        Object out = allocateLike(src, outer * extent * inner);
        int m = idx.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int sp = (o * m + j) * inner;
                int dp = (o * extent + (int) idx[j]) * inner;
                switch (src) {
                    case float[] s -> addScalar(s, sp, (float[]) out, dp, inner);
                    case double[] s -> addScalar(s, sp, (double[]) out, dp, inner);
                    case long[] s -> addScalar(s, sp, (long[]) out, dp, inner);
                    default -> throw unsupported("scatter_add", src);
                }
            }
        }
        return out;
    }

    /** Scatter-add whose row additions use the Vector API (rows shorter than a vector stay scalar). */
    public static Object scatterAddVector(Object src, int outer, int extent, int inner, long[] idx) {
        Object out = allocateLike(src, outer * extent * inner);
        int m = idx.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int sp = (o * m + j) * inner;
                int dp = (o * extent + (int) idx[j]) * inner;
                switch (src) {
                    case float[] s -> addVector(s, sp, (float[]) out, dp, inner);
                    case double[] s -> addVector(s, sp, (double[]) out, dp, inner);
                    case long[] s -> addScalar(s, sp, (long[]) out, dp, inner);
                    default -> throw unsupported("scatter_add", src);
                }
            }
        }
        return out;
    }

    private static void addScalar(float[] s, int sp, float[] d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d[dp + i] += s[sp + i];
        }
    }

    private static void addScalar(double[] s, int sp, double[] d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d[dp + i] += s[sp + i];
        }
    }

    private static void addScalar(long[] s, int sp, long[] d, int dp, int n) {
        for (int i = 0; i < n; i++) {
            d[dp + i] += s[sp + i];
        }
    }

    private static void addVector(float[] s, int sp, float[] d, int dp, int n) {
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, d, dp + i).add(FloatVector.fromArray(FS, s, sp + i)).intoArray(d, dp + i);
        }
        for (; i < n; i++) {
            d[dp + i] += s[sp + i];
        }
    }

    private static void addVector(double[] s, int sp, double[] d, int dp, int n) {
        int i = 0;
        for (int bound = DS.loopBound(n); i < bound; i += DS.length()) {
            DoubleVector.fromArray(DS, d, dp + i).add(DoubleVector.fromArray(DS, s, sp + i)).intoArray(d, dp + i);
        }
        for (; i < n; i++) {
            d[dp + i] += s[sp + i];
        }
    }

    private static Object allocateLike(Object x, int n) {
        return switch (x) {
            case float[] f -> new float[n];
            case double[] d -> new double[n];
            case long[] l -> new long[n];
            case boolean[] b -> new boolean[n];
            default -> throw unsupported("gather", x);
        };
    }

    private static IllegalArgumentException unsupported(String op, Object storage) {
        return new IllegalArgumentException(op + ": unsupported storage " + storage.getClass().getSimpleName());
    }
}
