package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Comparison;

/**
 * Comparison kernels (to bool) and where/select, with broadcasting. Float rows compare and blend
 * with the Vector API; int64 and bool rows, and strided rows, take the scalar loops.
 */
final class ElementwiseCompare {
    private ElementwiseCompare() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    static Tensor compare(Comparison op, Tensor x, Tensor y, Shape shape) {
        int n = shape.size();
        boolean[] out = new boolean[n];
        Object a = x.storage();
        Object b = y.storage();
        if (a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("compare: dtype mismatch: x is " + x.dtype() + ", y is " + y.dtype());
        }
        if (n == 0) {
            return Tensor.wrap(out, shape);
        }
        if (n < KernelConfig.PARALLEL_THRESHOLD && x.isContiguous() && y.isContiguous()) {
            int xs = x.size();
            int ys = y.size();
            if (xs == n && (ys == n || ys == 1)) {
                row(op, a, x.offset(), 1, b, y.offset(), ys == n ? 1 : 0, out, 0, n);
                return Tensor.wrap(out, shape);
            }
            if (xs == 1 && ys == n) {
                row(op, a, x.offset(), 0, b, y.offset(), 1, out, 0, n);
                return Tensor.wrap(out, shape);
            }
        }
        BroadcastPlan plan = BroadcastPlan.of(shape.dims(), x, y);
        int sa = plan.innerStride(0);
        int sb = plan.innerStride(1);
        plan.run((p0, p1, p2, po, len) -> row(op, a, p0, sa, b, p1, sb, out, po, len));
        return Tensor.wrap(out, shape);
    }

    static void row(Comparison op, Object a, int pa, int sa, Object b, int pb, int sb, boolean[] o, int po, int n) {
        switch (a) {
            case float[] fa -> {
                float[] fb = (float[]) b;
                int i = 0;
                if (KernelConfig.VECTORIZED && n >= FS.length()) {
                    if (sa == 1 && sb == 1) {
                        i = FloatLoops.of(op).vv(fa, pa, fb, pb, o, po, n);
                    } else if (sa == 1 && sb == 0) {
                        i = FloatLoops.of(op).vs(fa, pa, fb[pb], o, po, n);
                    } else if (sa == 0 && sb == 1) {
                        i = FloatLoops.of(op.swapped()).vs(fb, pb, fa[pa], o, po, n);
                    }
                }
                FloatLoops.of(op).scalar(fa, pa + i * sa, sa, fb, pb + i * sb, sb, o, po + i, n - i);
            }
            case double[] da -> {
                double[] db = (double[]) b;
                int i = 0;
                if (KernelConfig.VECTORIZED && n >= DS.length()) {
                    if (sa == 1 && sb == 1) {
                        i = DoubleLoops.of(op).vv(da, pa, db, pb, o, po, n);
                    } else if (sa == 1 && sb == 0) {
                        i = DoubleLoops.of(op).vs(da, pa, db[pb], o, po, n);
                    } else if (sa == 0 && sb == 1) {
                        i = DoubleLoops.of(op.swapped()).vs(db, pb, da[pa], o, po, n);
                    }
                }
                DoubleLoops.of(op).scalar(da, pa + i * sa, sa, db, pb + i * sb, sb, o, po + i, n - i);
            }
            case long[] la -> {
                long[] lb = (long[]) b;
                for (int i = 0; i < n; i++) {
                    o[po + i] = test(op, Long.compare(la[pa + i * sa], lb[pb + i * sb]));
                }
            }
            case boolean[] ba -> {
                boolean[] bb = (boolean[]) b;
                for (int i = 0; i < n; i++) {
                    o[po + i] = test(op, Boolean.compare(ba[pa + i * sa], bb[pb + i * sb]));
                }
            }
            default -> throw new AssertionError(a.getClass());
        }
    }

    /** Whether a three-way comparison result ({@code <0, 0, >0}) satisfies op. */
    private static boolean test(Comparison op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    // Entry points for tests comparing the two paths.

    static int vvF(Comparison op, float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
        return FloatLoops.of(op).vv(a, pa, b, pb, o, po, n);
    }

    static void scalarF(Comparison op, float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po,
            int n) {
        FloatLoops.of(op).scalar(a, pa, sa, b, pb, sb, o, po, n);
    }

    static int vsD(Comparison op, double[] a, int pa, double s, boolean[] o, int po, int n) {
        return DoubleLoops.of(op).vs(a, pa, s, o, po, n);
    }

    static void scalarD(Comparison op, double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po,
            int n) {
        DoubleLoops.of(op).scalar(a, pa, sa, b, pb, sb, o, po, n);
    }

    // ------------------------------------------------------------------ where

    static Tensor where(Tensor condition, Tensor x, Tensor y, Shape shape) {
        int n = shape.size();
        boolean[] c = (boolean[]) condition.storage();
        Object a = x.storage();
        Object b = y.storage();
        if (a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("where: dtype mismatch: x is " + x.dtype() + ", y is " + y.dtype());
        }
        Object out = FreshArrays.of(x.dtype(), n); // every element is written below
        if (n == 0) {
            return Tensor.wrap(out, shape);
        }
        if (n < KernelConfig.PARALLEL_THRESHOLD && condition.isContiguous() && condition.size() == n
                && x.isContiguous() && y.isContiguous() && (x.size() == n || x.size() == 1)
                && (y.size() == n || y.size() == 1)) {
            whereRow(c, condition.offset(), 1, a, x.offset(), x.size() == n ? 1 : 0, b, y.offset(),
                    y.size() == n ? 1 : 0, out, 0, n);
            return Tensor.wrap(out, shape);
        }
        BroadcastPlan plan = BroadcastPlan.of(shape.dims(), condition, x, y);
        int sc = plan.innerStride(0);
        int sa = plan.innerStride(1);
        int sb = plan.innerStride(2);
        plan.run((p0, p1, p2, po, len) -> whereRow(c, p0, sc, a, p1, sa, b, p2, sb, out, po, len));
        return Tensor.wrap(out, shape);
    }

    static void whereRow(boolean[] c, int pc, int sc, Object a, int pa, int sa, Object b, int pb, int sb, Object out,
            int po, int n) {
        switch (a) {
            case float[] fa -> {
                float[] fb = (float[]) b;
                float[] o = (float[]) out;
                int i = KernelConfig.VECTORIZED && sc == 1 ? whereVectorF(c, pc, fa, pa, sa, fb, pb, sb, o, po, n) : 0;
                for (; i < n; i++) {
                    o[po + i] = c[pc + i * sc] ? fa[pa + i * sa] : fb[pb + i * sb];
                }
            }
            case double[] da -> {
                double[] db = (double[]) b;
                double[] o = (double[]) out;
                int i = KernelConfig.VECTORIZED && sc == 1 ? whereVectorD(c, pc, da, pa, sa, db, pb, sb, o, po, n) : 0;
                for (; i < n; i++) {
                    o[po + i] = c[pc + i * sc] ? da[pa + i * sa] : db[pb + i * sb];
                }
            }
            case long[] la -> {
                long[] lb = (long[]) b;
                long[] o = (long[]) out;
                for (int i = 0; i < n; i++) {
                    o[po + i] = c[pc + i * sc] ? la[pa + i * sa] : lb[pb + i * sb];
                }
            }
            case boolean[] ba -> {
                boolean[] bb = (boolean[]) b;
                boolean[] o = (boolean[]) out;
                for (int i = 0; i < n; i++) {
                    o[po + i] = c[pc + i * sc] ? ba[pa + i * sa] : bb[pb + i * sb];
                }
            }
            default -> throw new AssertionError(a.getClass());
        }
    }

    // @float32 begin
    /** Blends whole vectors when x and y are each contiguous or a broadcast scalar; returns the count done. */
    static int whereVectorF(boolean[] c, int pc, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o,
            int po, int n) {
        int step = FS.length();
        int ub = FS.loopBound(n);
        int i = 0;
        if (sa == 1 && sb == 1) {
            for (; i < ub; i += step) {
                VectorMask<Float> m = VectorMask.fromArray(FS, c, pc + i);
                FloatVector.fromArray(FS, b, pb + i).blend(FloatVector.fromArray(FS, a, pa + i), m)
                        .intoArray(o, po + i);
            }
        } else if (sa == 1 && sb == 0) {
            FloatVector vb = FloatVector.broadcast(FS, b[pb]);
            for (; i < ub; i += step) {
                VectorMask<Float> m = VectorMask.fromArray(FS, c, pc + i);
                vb.blend(FloatVector.fromArray(FS, a, pa + i), m).intoArray(o, po + i);
            }
        } else if (sa == 0 && sb == 1) {
            FloatVector va = FloatVector.broadcast(FS, a[pa]);
            for (; i < ub; i += step) {
                VectorMask<Float> m = VectorMask.fromArray(FS, c, pc + i);
                FloatVector.fromArray(FS, b, pb + i).blend(va, m).intoArray(o, po + i);
            }
        }
        return i;
    }
    // @float32 end

    // @float64 begin (generated by ops/src/gen/twins/generate.py from the float32 code above: do not edit)
    /** Blends whole vectors when x and y are each contiguous or a broadcast scalar; returns the count done. */
    static int whereVectorD(boolean[] c, int pc, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o,
            int po, int n) {
        int step = DS.length();
        int ub = DS.loopBound(n);
        int i = 0;
        if (sa == 1 && sb == 1) {
            for (; i < ub; i += step) {
                VectorMask<Double> m = VectorMask.fromArray(DS, c, pc + i);
                DoubleVector.fromArray(DS, b, pb + i).blend(DoubleVector.fromArray(DS, a, pa + i), m)
                        .intoArray(o, po + i);
            }
        } else if (sa == 1 && sb == 0) {
            DoubleVector vb = DoubleVector.broadcast(DS, b[pb]);
            for (; i < ub; i += step) {
                VectorMask<Double> m = VectorMask.fromArray(DS, c, pc + i);
                vb.blend(DoubleVector.fromArray(DS, a, pa + i), m).intoArray(o, po + i);
            }
        } else if (sa == 0 && sb == 1) {
            DoubleVector va = DoubleVector.broadcast(DS, a[pa]);
            for (; i < ub; i += step) {
                VectorMask<Double> m = VectorMask.fromArray(DS, c, pc + i);
                DoubleVector.fromArray(DS, b, pb + i).blend(va, m).intoArray(o, po + i);
            }
        }
        return i;
    }
    // @float64 end

    // ------------------------------------------------------------------ Vector API comparisons

    // @float32 begin
    private static FloatVector lf(float[] a, int i) {
        return FloatVector.fromArray(FS, a, i);
    }
    // @float32 end

    // @float64 begin (generated by ops/src/gen/twins/generate.py from the float32 code above: do not edit)
    private static DoubleVector ld(double[] a, int i) {
        return DoubleVector.fromArray(DS, a, i);
    }
    // @float64 end

    // @float32 begin
    /**
     * The float comparison loops, one constant per comparison (IEEE rules: NaN equals nothing):
     * tensor-tensor ({@code vv}) and tensor-scalar ({@code vs}) Vector API loops returning how
     * many leading elements they wrote, and the scalar loop for any strides.
     */
    enum FloatLoops {
        EQ {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.EQ, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.EQ, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] == b[pb + i * sb];
                }
            }
        },
        NE {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.NE, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.NE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] != b[pb + i * sb];
                }
            }
        },
        LT {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.LT, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.LT, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] < b[pb + i * sb];
                }
            }
        },
        LE {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.LE, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.LE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] <= b[pb + i * sb];
                }
            }
        },
        GT {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.GT, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.GT, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] > b[pb + i * sb];
                }
            }
        },
        GE {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.GE, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).compare(VectorOperators.GE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] >= b[pb + i * sb];
                }
            }
        };

        abstract int vv(float[] a, int pa, float[] b, int pb, boolean[] o, int po, int n);

        abstract int vs(float[] a, int pa, float s, boolean[] o, int po, int n);

        abstract void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, boolean[] o, int po, int n);

        private static final FloatLoops[] BY_OP = values();

        static FloatLoops of(Comparison op) {
            return BY_OP[op.ordinal()];
        }
    }
    // @float32 end

    // @float64 begin (generated by ops/src/gen/twins/generate.py from the float32 code above: do not edit)
    /**
     * The double comparison loops, one constant per comparison (IEEE rules: NaN equals nothing):
     * tensor-tensor ({@code vv}) and tensor-scalar ({@code vs}) Vector API loops returning how
     * many leading elements they wrote, and the scalar loop for any strides.
     */
    enum DoubleLoops {
        EQ {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.EQ, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.EQ, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] == b[pb + i * sb];
                }
            }
        },
        NE {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.NE, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.NE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] != b[pb + i * sb];
                }
            }
        },
        LT {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.LT, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.LT, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] < b[pb + i * sb];
                }
            }
        },
        LE {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.LE, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.LE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] <= b[pb + i * sb];
                }
            }
        },
        GT {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.GT, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.GT, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] > b[pb + i * sb];
                }
            }
        },
        GE {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.GE, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, boolean[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).compare(VectorOperators.GE, s).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] >= b[pb + i * sb];
                }
            }
        };

        abstract int vv(double[] a, int pa, double[] b, int pb, boolean[] o, int po, int n);

        abstract int vs(double[] a, int pa, double s, boolean[] o, int po, int n);

        abstract void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, boolean[] o, int po, int n);

        private static final DoubleLoops[] BY_OP = values();

        static DoubleLoops of(Comparison op) {
            return BY_OP[op.ordinal()];
        }
    }
    // @float64 end
}
