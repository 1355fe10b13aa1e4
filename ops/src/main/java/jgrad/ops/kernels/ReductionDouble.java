package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.ops.kernels.Reduction.Kind;
import jgrad.ops.kernels.Reduction.Plan;

/**
 * The float64 loops of {@link Reduction}: one loop per reduction kind, so that every Vector API
 * operator is a compile-time constant (C2 only intrinsifies constant operators).
 */
final class ReductionDouble {
    private ReductionDouble() {}

    private static final VectorSpecies<Double> S = KernelConfig.DOUBLE_SPECIES;
    private static final int L = S.length();

    static void run(Plan p, double[] x, double[] out, Kind kind, boolean vector) {
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
                double v = vector && is == 1 && n >= L ? runVector(kind, x, pi, n) : runScalar(kind, x, pi, is, n);
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

    static double combine(Kind kind, double a, double b) {
        return switch (kind) {
            case SUM -> a + b;
            case PROD -> a * b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    /** Reduces {@code n} elements {@code x[p], x[p+s], ...} sequentially. */
    static double runScalar(Kind kind, double[] x, int p, int s, int n) {
        switch (kind) {
            case SUM -> {
                double a = 0;
                for (int i = 0; i < n; i++, p += s) {
                    a += x[p];
                }
                return a;
            }
            case PROD -> {
                double a = 1;
                for (int i = 0; i < n; i++, p += s) {
                    a *= x[p];
                }
                return a;
            }
            case MAX -> {
                double a = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++, p += s) {
                    a = Math.max(a, x[p]);
                }
                return a;
            }
            case MIN -> {
                double a = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++, p += s) {
                    a = Math.min(a, x[p]);
                }
                return a;
            }
        }
        throw new AssertionError(kind);
    }

    /** {@code out[o + j*os] op= x[p + j*s]} for j below n. */
    static void rowScalar(Kind kind, double[] x, int p, int s, double[] out, int o, int os, int n) {
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

    static double runVector(Kind kind, double[] x, int p, int n) {
        return switch (kind) {
            case SUM -> sumRun(x, p, n);
            case PROD -> prodRun(x, p, n);
            case MAX -> maxRun(x, p, n);
            case MIN -> minRun(x, p, n);
        };
    }

    private static double sumRun(double[] x, int p, int n) {
        int upper = S.loopBound(n);
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= upper; i += 2 * L) {
            a0 = a0.add(DoubleVector.fromArray(S, x, p + i));
            a1 = a1.add(DoubleVector.fromArray(S, x, p + i + L));
        }
        for (; i < upper; i += L) {
            a0 = a0.add(DoubleVector.fromArray(S, x, p + i));
        }
        double r = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            r += x[p + i];
        }
        return r;
    }

    private static double prodRun(double[] x, int p, int n) {
        int upper = S.loopBound(n);
        DoubleVector a = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.mul(DoubleVector.fromArray(S, x, p + i));
        }
        double r = a.reduceLanes(VectorOperators.MUL);
        for (; i < n; i++) {
            r *= x[p + i];
        }
        return r;
    }

    private static double maxRun(double[] x, int p, int n) {
        int upper = S.loopBound(n);
        DoubleVector a = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.max(DoubleVector.fromArray(S, x, p + i));
        }
        double r = a.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            r = Math.max(r, x[p + i]);
        }
        return r;
    }

    private static double minRun(double[] x, int p, int n) {
        int upper = S.loopBound(n);
        DoubleVector a = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        int i = 0;
        for (; i < upper; i += L) {
            a = a.min(DoubleVector.fromArray(S, x, p + i));
        }
        double r = a.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            r = Math.min(r, x[p + i]);
        }
        return r;
    }

    /** {@code out[o + j] op= x[p + j]} for j below n, with vector lanes. */
    private static void rowVector(Kind kind, double[] x, int p, double[] out, int o, int n) {
        int upper = S.loopBound(n);
        int j = 0;
        switch (kind) {
            case SUM -> {
                for (; j < upper; j += L) {
                    DoubleVector.fromArray(S, out, o + j).add(DoubleVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case PROD -> {
                for (; j < upper; j += L) {
                    DoubleVector.fromArray(S, out, o + j).mul(DoubleVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case MAX -> {
                for (; j < upper; j += L) {
                    DoubleVector.fromArray(S, out, o + j).max(DoubleVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
            case MIN -> {
                for (; j < upper; j += L) {
                    DoubleVector.fromArray(S, out, o + j).min(DoubleVector.fromArray(S, x, p + j)).intoArray(out, o + j);
                }
            }
        }
        rowScalar(kind, x, p + j, 1, out, o + j, 1, n - j);
    }
}
