package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Binary;

/**
 * Binary arithmetic kernels with broadcasting. Inner rows come in three vectorisable patterns:
 * tensor-tensor ({@code vv}), tensor-scalar ({@code vs}) and scalar-tensor ({@code sv}); strided
 * rows take the scalar loop, int64 a plain loop. Each op's loops live in their own enum constant so
 * that C2 compiles them apart, each Vector API operator a compile-time constant (see
 * {@link ElementwiseUnary} for why).
 */
final class ElementwiseBinary {
    private ElementwiseBinary() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    static Tensor apply(Binary op, Tensor x, Tensor y, Shape shape) {
        int n = shape.size();
        Object a = x.storage();
        Object b = y.storage();
        Object out = switch (a) {
            // Every element is written below: no need for the JVM to clear the array first.
            case float[] f -> FreshArrays.floats(n);
            case double[] d -> FreshArrays.doubles(n);
            case long[] l -> new long[n];
            default -> throw new IllegalArgumentException(
                    name(op) + ": x must be float32, float64 or int64, got " + x.dtype());
        };
        if (a.getClass() != b.getClass()) {
            throw new IllegalArgumentException(
                    name(op) + ": dtype mismatch: x is " + x.dtype() + ", y is " + y.dtype());
        }
        if (n == 0) {
            return Tensor.wrap(out, shape);
        }
        if (n < KernelConfig.PARALLEL_THRESHOLD && x.isContiguous() && y.isContiguous()) {
            // Small dense operands: straight to one row, no plan to build.
            int xs = x.size();
            int ys = y.size();
            if (xs == n && (ys == n || ys == 1)) {
                run(op, a, x.offset(), 1, b, y.offset(), ys == n ? 1 : 0, out, 0, n);
                return Tensor.wrap(out, shape);
            }
            if (xs == 1 && ys == n) {
                run(op, a, x.offset(), 0, b, y.offset(), 1, out, 0, n);
                return Tensor.wrap(out, shape);
            }
        }
        BroadcastPlan plan = BroadcastPlan.of(shape.dims(), x, y);
        int sa = plan.innerStride(0);
        int sb = plan.innerStride(1);
        plan.run((p0, p1, p2, po, len) -> run(op, a, p0, sa, b, p1, sb, out, po, len));
        return Tensor.wrap(out, shape);
    }

    static String name(Binary op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "sub";
            case MUL -> "mul";
            case DIV -> "div";
            case POW -> "pow";
            case MAX -> "maximum";
            case MIN -> "minimum";
        };
    }

    /** One row of n outputs; operands advance by sa and sb (0: a broadcast scalar). */
    static void run(Binary op, Object a, int pa, int sa, Object b, int pb, int sb, Object out, int po, int n) {
        switch (a) {
            case float[] fa -> rowF(op, fa, pa, sa, (float[]) b, pb, sb, (float[]) out, po, n);
            case double[] da -> rowD(op, da, pa, sa, (double[]) b, pb, sb, (double[]) out, po, n);
            case long[] la -> scalarL(op, la, pa, sa, (long[]) b, pb, sb, (long[]) out, po, n);
            default -> throw new AssertionError(a.getClass());
        }
    }

    static void rowF(Binary op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
        FloatLoops k = FloatLoops.of(op);
        int i = 0;
        if (KernelConfig.VECTORIZED && n >= FS.length()) {
            if (sa == 1 && sb == 1) {
                i = k.vv(a, pa, b, pb, o, po, n);
            } else if (sa == 1 && sb == 0) {
                i = k.vs(a, pa, b[pb], o, po, n);
            } else if (sa == 0 && sb == 1) {
                i = k.sv(a[pa], b, pb, o, po, n);
            }
        }
        k.scalar(a, pa + i * sa, sa, b, pb + i * sb, sb, o, po + i, n - i);
    }

    static void rowD(Binary op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
        DoubleLoops k = DoubleLoops.of(op);
        int i = 0;
        if (KernelConfig.VECTORIZED && n >= DS.length()) {
            if (sa == 1 && sb == 1) {
                i = k.vv(a, pa, b, pb, o, po, n);
            } else if (sa == 1 && sb == 0) {
                i = k.vs(a, pa, b[pb], o, po, n);
            } else if (sa == 0 && sb == 1) {
                i = k.sv(a[pa], b, pb, o, po, n);
            }
        }
        k.scalar(a, pa + i * sa, sa, b, pb + i * sb, sb, o, po + i, n - i);
    }

    static void scalarL(Binary op, long[] a, int pa, int sa, long[] b, int pb, int sb, long[] o, int po, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] + b[pb + i * sb];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] - b[pb + i * sb];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = a[pa + i * sa] * b[pb + i * sb];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = Math.max(a[pa + i * sa], b[pb + i * sb]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = Math.min(a[pa + i * sa], b[pb + i * sb]);
                }
            }
            case DIV, POW -> throw new IllegalArgumentException(name(op) + ": int64 is not supported; cast to float");
        }
    }

    // Entry points for tests comparing the two paths.

    static int vvF(Binary op, float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
        return FloatLoops.of(op).vv(a, pa, b, pb, o, po, n);
    }

    static int vsF(Binary op, float[] a, int pa, float s, float[] o, int po, int n) {
        return FloatLoops.of(op).vs(a, pa, s, o, po, n);
    }

    static int svF(Binary op, float s, float[] b, int pb, float[] o, int po, int n) {
        return FloatLoops.of(op).sv(s, b, pb, o, po, n);
    }

    static void scalarF(Binary op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
        FloatLoops.of(op).scalar(a, pa, sa, b, pb, sb, o, po, n);
    }

    static int vvD(Binary op, double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
        return DoubleLoops.of(op).vv(a, pa, b, pb, o, po, n);
    }

    static int vsD(Binary op, double[] a, int pa, double s, double[] o, int po, int n) {
        return DoubleLoops.of(op).vs(a, pa, s, o, po, n);
    }

    static int svD(Binary op, double s, double[] b, int pb, double[] o, int po, int n) {
        return DoubleLoops.of(op).sv(s, b, pb, o, po, n);
    }

    static void scalarD(Binary op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po,
            int n) {
        DoubleLoops.of(op).scalar(a, pa, sa, b, pb, sb, o, po, n);
    }

    private static FloatVector lf(float[] a, int i) {
        return FloatVector.fromArray(FS, a, i);
    }

    private static DoubleVector ld(double[] a, int i) {
        return DoubleVector.fromArray(DS, a, i);
    }

    /**
     * The float loops, one constant per op: tensor-tensor ({@code vv}), tensor-scalar ({@code vs})
     * and scalar-tensor ({@code sv}) Vector API loops, each returning how many leading elements
     * (whole vectors) it wrote, and the scalar reference loop for any strides.
     */
    enum FloatLoops {
        ADD {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).add(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).add(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.add(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = x + y;
                }
            }
        },
        SUB {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).sub(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).sub(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.sub(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = x - y;
                }
            }
        },
        MUL {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).mul(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).mul(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.mul(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = x * y;
                }
            }
        },
        DIV {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).div(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).div(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.div(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = x / y;
                }
            }
        },
        POW {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.POW, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.POW, vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.lanewise(VectorOperators.POW, lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = (float) Math.pow(x, y);
                }
            }
        },
        MAX {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).max(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).max(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.max(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = Math.max(x, y);
                }
            }
        },
        MIN {
            @Override
            int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).min(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(float[] a, int pa, float s, float[] o, int po, int n) {
                FloatVector vb = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).min(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(float s, float[] b, int pb, float[] o, int po, int n) {
                FloatVector va = FloatVector.broadcast(FS, s);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    va.min(lf(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    float y = b[pb + i * sb];
                    o[po + i] = Math.min(x, y);
                }
            }
        };

        abstract int vv(float[] a, int pa, float[] b, int pb, float[] o, int po, int n);

        abstract int vs(float[] a, int pa, float s, float[] o, int po, int n);

        abstract int sv(float s, float[] b, int pb, float[] o, int po, int n);

        abstract void scalar(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n);

        private static final FloatLoops[] BY_OP = values();

        static FloatLoops of(Binary op) {
            return BY_OP[op.ordinal()];
        }
    }

    /**
     * The double loops, one constant per op: tensor-tensor ({@code vv}), tensor-scalar ({@code vs})
     * and scalar-tensor ({@code sv}) Vector API loops, each returning how many leading elements
     * (whole vectors) it wrote, and the scalar reference loop for any strides.
     */
    enum DoubleLoops {
        ADD {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).add(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).add(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.add(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = x + y;
                }
            }
        },
        SUB {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).sub(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).sub(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.sub(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = x - y;
                }
            }
        },
        MUL {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).mul(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).mul(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.mul(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = x * y;
                }
            }
        },
        DIV {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).div(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).div(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.div(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = x / y;
                }
            }
        },
        POW {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.POW, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.POW, vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.lanewise(VectorOperators.POW, ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = Math.pow(x, y);
                }
            }
        },
        MAX {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).max(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).max(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.max(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = Math.max(x, y);
                }
            }
        },
        MIN {
            @Override
            int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).min(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int vs(double[] a, int pa, double s, double[] o, int po, int n) {
                DoubleVector vb = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).min(vb).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            int sv(double s, double[] b, int pb, double[] o, int po, int n) {
                DoubleVector va = DoubleVector.broadcast(DS, s);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    va.min(ld(b, pb + i)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    double y = b[pb + i * sb];
                    o[po + i] = Math.min(x, y);
                }
            }
        };

        abstract int vv(double[] a, int pa, double[] b, int pb, double[] o, int po, int n);

        abstract int vs(double[] a, int pa, double s, double[] o, int po, int n);

        abstract int sv(double s, double[] b, int pb, double[] o, int po, int n);

        abstract void scalar(double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n);

        private static final DoubleLoops[] BY_OP = values();

        static DoubleLoops of(Binary op) {
            return BY_OP[op.ordinal()];
        }
    }
}
