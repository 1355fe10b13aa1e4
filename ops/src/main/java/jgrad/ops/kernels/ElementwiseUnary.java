package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Unary;

/**
 * Unary float kernels. Each op's loops live in their own enum constant (its own class), reached by
 * a virtual call per row: C2 then compiles every op's Vector API loop on its own, with its operator
 * a compile-time constant. (One method holding every op's loops, measured, ran up to 50x slower once
 * several ops had been used: too large to optimise.) ROUND has no lanewise form; ERF's vector form
 * is in {@link UnaryMath}.
 */
final class ElementwiseUnary {
    private ElementwiseUnary() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    static Tensor apply(Unary op, Tensor x, double lo, double hi) {
        Shape shape = x.shape();
        int n = shape.size();
        Object src = x.storage();
        Object out = switch (src) {
            // Every element is written below: no need for the JVM to clear the array first.
            case float[] f -> FreshArrays.floats(n);
            case double[] d -> FreshArrays.doubles(n);
            default -> throw new IllegalArgumentException(
                    op.name().toLowerCase(java.util.Locale.ROOT) + ": x must be float32 or float64, got " + x.dtype());
        };
        if (n == 0) {
            return Tensor.wrap(out, shape);
        }
        if (n < KernelConfig.PARALLEL_THRESHOLD && x.isContiguous()) {
            run(op, src, x.offset(), 1, out, 0, n, lo, hi);
        } else {
            BroadcastPlan plan = BroadcastPlan.of(shape.dims(), x);
            int s = plan.innerStride(0);
            plan.run((p0, p1, p2, o, len) -> run(op, src, p0, s, out, o, len, lo, hi));
        }
        return Tensor.wrap(out, shape);
    }

    static void run(Unary op, Object src, int pa, int sa, Object out, int po, int n, double lo, double hi) {
        if (src instanceof float[] a) {
            float[] o = (float[]) out;
            FloatLoops k = FloatLoops.of(op);
            int i = KernelConfig.VECTORIZED && sa == 1 ? k.vector(a, pa, o, po, n, (float) lo, (float) hi) : 0;
            k.scalar(a, pa + i * sa, sa, o, po + i, n - i, (float) lo, (float) hi);
        } else {
            double[] a = (double[]) src;
            double[] o = (double[]) out;
            DoubleLoops k = DoubleLoops.of(op);
            int i = KernelConfig.VECTORIZED && sa == 1 ? k.vector(a, pa, o, po, n, lo, hi) : 0;
            k.scalar(a, pa + i * sa, sa, o, po + i, n - i, lo, hi);
        }
    }

    // Entry points for tests comparing the two paths.

    static int vectorF(Unary op, float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
        return FloatLoops.of(op).vector(a, pa, o, po, n, lo, hi);
    }

    static void scalarF(Unary op, float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
        FloatLoops.of(op).scalar(a, pa, sa, o, po, n, lo, hi);
    }

    static int vectorD(Unary op, double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
        return DoubleLoops.of(op).vector(a, pa, o, po, n, lo, hi);
    }

    static void scalarD(Unary op, double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
        DoubleLoops.of(op).scalar(a, pa, sa, o, po, n, lo, hi);
    }

    /** Stable for any |x|: exp of a non-positive number never overflows. */
    static float sigmoid(float x) {
        float e = (float) Math.exp(-Math.abs(x));
        float r = 1f / (1f + e);
        return x >= 0 ? r : e * r;
    }

    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        return x >= 0 ? r : e * r;
    }

    private static FloatVector lf(float[] a, int i) {
        return FloatVector.fromArray(FS, a, i);
    }

    private static DoubleVector ld(double[] a, int i) {
        return DoubleVector.fromArray(DS, a, i);
    }

    /**
     * The float loops, one constant per op: {@code vector} does the longest whole-vector prefix of
     * contiguous data and returns its length (0 where the op has no vector form), {@code scalar}
     * is the reference loop for any stride.
     */
    enum FloatLoops {
        NEG {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).neg().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = -x;
                }
            }
        },
        EXP {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.EXP).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.exp(x);
                }
            }
        },
        LOG {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.LOG).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.log(x);
                }
            }
        },
        LOG1P {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.LOG1P).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.log1p(x);
                }
            }
        },
        SQRT {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).sqrt().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.sqrt(x);
                }
            }
        },
        RSQRT {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                FloatVector one = FloatVector.broadcast(FS, 1f);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    one.div(lf(a, pa + i).sqrt()).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = 1f / (float) Math.sqrt(x);
                }
            }
        },
        SQUARE {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    FloatVector v = lf(a, pa + i);
                    v.mul(v).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = x * x;
                }
            }
        },
        ABS {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).abs().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = Math.abs(x);
                }
            }
        },
        SIGN {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                FloatVector one = FloatVector.broadcast(FS, 1f);
                FloatVector minusOne = FloatVector.broadcast(FS, -1f);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    // Zeros of either sign and NaN pass through unchanged, as in Math.signum.
                    FloatVector v = lf(a, pa + i);
                    v.blend(one, v.compare(VectorOperators.GT, 0f))
                            .blend(minusOne, v.compare(VectorOperators.LT, 0f)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = Math.signum(x);
                }
            }
        },
        SIN {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.SIN).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.sin(x);
                }
            }
        },
        COS {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.COS).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.cos(x);
                }
            }
        },
        TANH {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).lanewise(VectorOperators.TANH).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.tanh(x);
                }
            }
        },
        SIGMOID {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                FloatVector one = FloatVector.broadcast(FS, 1f);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    FloatVector v = lf(a, pa + i);
                    FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                    FloatVector r = one.div(one.add(e));
                    r.blend(e.mul(r), v.compare(VectorOperators.LT, 0f)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = sigmoid(x);
                }
            }
        },
        RELU {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                FloatVector zero = FloatVector.zero(FS);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).max(zero).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = Math.max(x, 0f);
                }
            }
        },
        ERF {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                return UnaryMath.erfVector(a, pa, o, po, n);
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) UnaryMath.erf(x);
                }
            }
        },
        ROUND {
            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = (float) Math.rint(x);
                }
            }
        },
        CLIP {
            @Override
            int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
                FloatVector vlo = FloatVector.broadcast(FS, lo);
                FloatVector vhi = FloatVector.broadcast(FS, hi);
                int i = 0;
                for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                    lf(a, pa + i).max(vlo).min(vhi).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi) {
                for (int i = 0; i < n; i++) {
                    float x = a[pa + i * sa];
                    o[po + i] = Math.min(Math.max(x, lo), hi);
                }
            }
        };

        int vector(float[] a, int pa, float[] o, int po, int n, float lo, float hi) {
            return 0;
        }

        abstract void scalar(float[] a, int pa, int sa, float[] o, int po, int n, float lo, float hi);

        private static final FloatLoops[] BY_OP = values();

        static FloatLoops of(Unary op) {
            return BY_OP[op.ordinal()];
        }
    }

    /**
     * The double loops, one constant per op: {@code vector} does the longest whole-vector prefix of
     * contiguous data and returns its length (0 where the op has no vector form), {@code scalar}
     * is the reference loop for any stride.
     */
    enum DoubleLoops {
        NEG {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).neg().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = -x;
                }
            }
        },
        EXP {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.EXP).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.exp(x);
                }
            }
        },
        LOG {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.LOG).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.log(x);
                }
            }
        },
        LOG1P {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.LOG1P).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.log1p(x);
                }
            }
        },
        SQRT {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).sqrt().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.sqrt(x);
                }
            }
        },
        RSQRT {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                DoubleVector one = DoubleVector.broadcast(DS, 1.0);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    one.div(ld(a, pa + i).sqrt()).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = 1.0 / Math.sqrt(x);
                }
            }
        },
        SQUARE {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    DoubleVector v = ld(a, pa + i);
                    v.mul(v).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = x * x;
                }
            }
        },
        ABS {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).abs().intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.abs(x);
                }
            }
        },
        SIGN {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                DoubleVector one = DoubleVector.broadcast(DS, 1.0);
                DoubleVector minusOne = DoubleVector.broadcast(DS, -1.0);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    // Zeros of either sign and NaN pass through unchanged, as in Math.signum.
                    DoubleVector v = ld(a, pa + i);
                    v.blend(one, v.compare(VectorOperators.GT, 0.0))
                            .blend(minusOne, v.compare(VectorOperators.LT, 0.0)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.signum(x);
                }
            }
        },
        SIN {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.SIN).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.sin(x);
                }
            }
        },
        COS {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.COS).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.cos(x);
                }
            }
        },
        TANH {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).lanewise(VectorOperators.TANH).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.tanh(x);
                }
            }
        },
        SIGMOID {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                DoubleVector one = DoubleVector.broadcast(DS, 1.0);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    DoubleVector v = ld(a, pa + i);
                    DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                    DoubleVector r = one.div(one.add(e));
                    r.blend(e.mul(r), v.compare(VectorOperators.LT, 0.0)).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = sigmoid(x);
                }
            }
        },
        RELU {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                DoubleVector zero = DoubleVector.zero(DS);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).max(zero).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.max(x, 0.0);
                }
            }
        },
        ERF {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                return UnaryMath.erfVector(a, pa, o, po, n);
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = UnaryMath.erf(x);
                }
            }
        },
        ROUND {
            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.rint(x);
                }
            }
        },
        CLIP {
            @Override
            int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
                DoubleVector vlo = DoubleVector.broadcast(DS, lo);
                DoubleVector vhi = DoubleVector.broadcast(DS, hi);
                int i = 0;
                for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                    ld(a, pa + i).max(vlo).min(vhi).intoArray(o, po + i);
                }
                return i;
            }

            @Override
            void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi) {
                for (int i = 0; i < n; i++) {
                    double x = a[pa + i * sa];
                    o[po + i] = Math.min(Math.max(x, lo), hi);
                }
            }
        };

        int vector(double[] a, int pa, double[] o, int po, int n, double lo, double hi) {
            return 0;
        }

        abstract void scalar(double[] a, int pa, int sa, double[] o, int po, int n, double lo, double hi);

        private static final DoubleLoops[] BY_OP = values();

        static DoubleLoops of(Unary op) {
            return BY_OP[op.ordinal()];
        }
    }
}
