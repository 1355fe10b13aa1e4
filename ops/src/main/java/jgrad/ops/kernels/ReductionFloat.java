// @float32 begin
package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.ops.kernels.Reduction.Kind;
import jgrad.ops.kernels.Reduction.Plan;

/**
 * The float32 loops of {@link Reduction}: one loop per reduction kind, so that every Vector API
 * operator is a compile-time constant (C2 only intrinsifies constant operators).
 */
final class ReductionFloat {
    private ReductionFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;
    private static final int L = S.length();

    static void run(Plan p, float[] x, float[] out, Kind kind, boolean vector) {
        int r = p.rank();
        if (r == 0) {
            out[0] = combine(kind, out[0], x[p.offset()]);
            return;
        }
        int n = p.extent()[r - 1];
        int is = p.inStride()[r - 1];
        int os = p.outStride()[r - 1];
        boolean red = p.reduced()[r - 1];
        int outer = 1;
        for (int a = 0; a < r - 1; a++) {
            outer *= p.extent()[a];
        }
        int[] ext = p.extent();
        int[] ist = p.inStride();
        int[] ost = p.outStride();
        int[] idx = new int[r];
        int pi = p.offset();
        int po = 0;
        for (int t = 0; t < outer; t++) {
            if (red) {
                float v = vector && is == 1 && n >= L ? runVector(kind, x, pi, n) : runScalar(kind, x, pi, is, n);
                out[po] = combine(kind, out[po], v);
            } else if (vector && is == 1 && os == 1 && n >= L) {
                rowVector(kind, x, pi, out, po, n);
            } else {
                rowScalar(kind, x, pi, is, out, po, os, n);
            }
            for (int a = r - 2; a >= 0; a--) {
                pi += ist[a];
                po += ost[a];
                if (++idx[a] < ext[a]) {
                    break;
                }
                pi -= ist[a] * ext[a];
                po -= ost[a] * ext[a];
                idx[a] = 0;
            }
        }
    }

    static float combine(Kind kind, float a, float b) {
        return switch (kind) {
            case SUM -> a + b;
            case PROD -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    /** Reduces {@code n} elements {@code x[p], x[p+s], ...} sequentially. */
    static float runScalar(Kind kind, float[] x, int p, int s, int n) {
        switch (kind) {
            case SUM -> {
                float a = 0;
                for (int i = 0; i < n; i++, p += s) {
                    a += x[p];
                }
                return a;
            }
            case PROD -> {
                float a = 1;
                for (int i = 0; i < n; i++, p += s) {
                    a *= x[p];
                }
                return a;
            }
            case MAX -> {
                float a = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++, p += s) {
                    a = Math.max(a, x[p]);
                }
                return a;
            }
            case MIN -> {
                float a = Float.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++, p += s) {
                    a = Math.min(a, x[p]);
                }
                return a;
            }
        }
        throw new AssertionError(kind);
    }

    /** {@code out[o + j*os] op= x[p + j*s]} for j below n. */
    static void rowScalar(Kind kind, float[] x, int p, int s, float[] out, int o, int os, int n) {
        switch (kind) {
            case SUM -> {
                for (int j = 0; j < n; j++, p += s, o += os) {
                    out[o] += x[p];
                }
            }
            case PROD -> {
                for (int j = 0; j < n; j++, p += s, o += os) {
                    out[o] *= x[p];
                }
            }
            case MAX -> {
                for (int j = 0; j < n; j++, p += s, o += os) {
                    out[o] = Math.max(out[o], x[p]);
                }
            }
            case MIN -> {
                for (int j = 0; j < n; j++, p += s, o += os) {
                    out[o] = Math.min(out[o], x[p]);
                }
            }
        }
    }

    static float runVector(Kind kind, float[] x, int p, int n) {
        return switch (kind) {
            case SUM -> sumRun(x, p, n);
            case PROD -> prodRun(x, p, n);
            case MAX -> maxRun(x, p, n);
            case MIN -> minRun(x, p, n);
        };
    }

// @float32 end
    /** Elements summed in float32 lanes before the partial sum is flushed into a double. */
    static final int CHUNK = 4096;

    private static float sumRun(float[] x, int p, int n) {
        int upper = S.loopBound(n);
        double total = 0;
        int i = 0;
        while (i < upper) {
            int end = Math.min(upper, i + CHUNK);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (; i + 2 * L <= end; i += 2 * L) {
                a0 = a0.add(FloatVector.fromArray(S, x, p + i));
                a1 = a1.add(FloatVector.fromArray(S, x, p + i + L));
            }
            for (; i < end; i += L) {
                a0 = a0.add(FloatVector.fromArray(S, x, p + i));
            }
            total += a0.add(a1).reduceLanes(VectorOperators.ADD);
        }
        float tail = 0;
        for (; i < n; i++) {
            tail += x[p + i];
        }
        return (float) (total + tail);
    }

// @float32 begin
    private static float prodRun(float[] x, int p, int n) {
        int upper = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.mul(FloatVector.fromArray(S, x, p + i));
        }
        float r = a.reduceLanes(VectorOperators.MUL);
        for (; i < n; i++) {
            r *= x[p + i];
        }
        return r;
    }

    private static float maxRun(float[] x, int p, int n) {
        int upper = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.max(FloatVector.fromArray(S, x, p + i));
        }
        float r = a.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            r = Math.max(r, x[p + i]);
        }
        return r;
    }

    private static float minRun(float[] x, int p, int n) {
        int upper = S.loopBound(n);
        FloatVector a = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.min(FloatVector.fromArray(S, x, p + i));
        }
        float r = a.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            r = Math.min(r, x[p + i]);
        }
        return r;
    }

    /** {@code out[o + j] op= x[p + j]} for j below n, with vector lanes. */
    private static void rowVector(Kind kind, float[] x, int p, float[] out, int o, int n) {
        int upper = S.loopBound(n);
        int j = 0;
        switch (kind) {
            case SUM -> {
                for (; j < upper; j += L) {
                    FloatVector.fromArray(S, out, o + j).add(FloatVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case PROD -> {
                for (; j < upper; j += L) {
                    FloatVector.fromArray(S, out, o + j).mul(FloatVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case MAX -> {
                for (; j < upper; j += L) {
                    FloatVector.fromArray(S, out, o + j).max(FloatVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case MIN -> {
                for (; j < upper; j += L) {
                    FloatVector.fromArray(S, out, o + j).min(FloatVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
        }
        rowScalar(kind, x, p + j, 1, out, o + j, 1, n - j);
    }
}
// @float32 end
