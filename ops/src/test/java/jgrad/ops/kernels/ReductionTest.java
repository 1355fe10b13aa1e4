package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Reduction.Kind;
import org.junit.jupiter.api.Test;

class ReductionTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65, 1000};

    @Test
    void vectorMatchesScalarAndReferenceOnOddSizes() {
        Rng rng = new Rng(3);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int n : SIZES) {
                for (int[] shape : new int[][] {{n}, {3, n}, {n, 3}, {2, n, 5}}) {
                    for (int mask = 1; mask < (1 << shape.length); mask++) {
                        boolean[] red = flags(shape.length, mask);
                        for (Kind kind : Kind.values()) {
                            Tensor x = sample(rng, dt, kind, shape);
                            checkAll(x, red, kind);
                            if (shape.length >= 2) {
                                // A transposed view: the kernel reads it through its strides.
                                Tensor t = sample(rng, dt, kind, reversed(shape)).transpose();
                                checkAll(t, red, kind);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void int64AndBool() {
        Tensor x = Tensor.of(new long[][] {{1, -2, 3}, {4, 5, -6}});
        assertThat((long[]) Reduction.reduce(x, new boolean[] {true, true}, Kind.SUM)).containsExactly(5);
        assertThat((long[]) Reduction.reduce(x, new boolean[] {false, true}, Kind.PROD)).containsExactly(-6, -120);
        assertThat((long[]) Reduction.reduce(x, new boolean[] {true, false}, Kind.MAX)).containsExactly(4, 5, 3);
        assertThat((long[]) Reduction.reduce(x, new boolean[] {true, false}, Kind.MIN)).containsExactly(1, -2, -6);
        Tensor b = Tensor.of(new boolean[] {true, false, true, true});
        assertThat((long[]) Reduction.reduce(b, new boolean[] {true}, Kind.SUM)).containsExactly(3);
    }

    @Test
    void emptyAxisGivesTheIdentity() {
        Tensor x = Tensor.zeros(3, 0);
        boolean[] last = {false, true};
        assertThat((float[]) Reduction.reduceVector(x, last, Kind.SUM)).containsExactly(0, 0, 0);
        assertThat((float[]) Reduction.reduceVector(x, last, Kind.PROD)).containsExactly(1, 1, 1);
        assertThat((float[]) Reduction.reduceVector(x, last, Kind.MAX)).containsOnly(Float.NEGATIVE_INFINITY);
        assertThat((float[]) Reduction.reduceScalar(x, new boolean[] {true, false}, Kind.SUM)).isEmpty();
    }

    @Test
    void maxAndMinPropagateNaNOnBothPaths() {
        float[] v = new float[100];
        Arrays.fill(v, 1f);
        v[70] = Float.NaN;
        Tensor x = Tensor.fromFlat(v, 100);
        for (Kind kind : new Kind[] {Kind.MAX, Kind.MIN}) {
            assertThat(((float[]) Reduction.reduceVector(x, new boolean[] {true}, kind))[0]).isNaN();
            assertThat(((float[]) Reduction.reduceScalar(x, new boolean[] {true}, kind))[0]).isNaN();
        }
        Tensor rows = x.reshape(4, 25);
        float[] colMax = (float[]) Reduction.reduceVector(rows, new boolean[] {true, false}, Kind.MAX);
        assertThat(colMax[20]).isNaN();
        assertThat(colMax[0]).isEqualTo(1f);
    }

    @Test
    void longFloatSumsStayAccurate() {
        // 2^24 + 1 ones: a float32 running sum would stop at 2^24; lanes plus double flushes do not.
        int n = (1 << 24) + 16;
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float s = ((float[]) Reduction.reduceVector(Tensor.wrap(ones, Shape.of(n)), new boolean[] {true},
                Kind.SUM))[0];
        assertThat((double) s).isEqualTo(n, within(2.0));
    }

    @Test
    void argReduceTakesTheFirstOfTiesAndNaN() {
        Tensor x = Tensor.of(new float[][] {{1, 3, 3}, {2, 0, 0}, {Float.NaN, 5, Float.NaN}});
        assertThat(Reduction.argReduce(x, 1, true)).containsExactly(1, 0, 0);
        assertThat(Reduction.argReduce(x, 1, false)).containsExactly(0, 1, 0);
        assertThat(Reduction.argReduce(x.transpose(), 0, true)).containsExactly(1, 0, 0);
        assertThat(Reduction.argReduce(x, 0, true)).containsExactly(2, 2, 2);
        assertThat(Reduction.argReduce(Tensor.of(new long[] {4, 9, 9}), 0, true)).containsExactly(1);
        assertThat(Reduction.argReduce(Tensor.of(new double[] {4, -9, -9}), 0, false)).containsExactly(1);
    }

    private static void checkAll(Tensor x, boolean[] red, Kind kind) {
        double[] vector = toDoubles(Reduction.reduceVector(x, red, kind));
        double[] scalar = toDoubles(Reduction.reduceScalar(x, red, kind));
        double[] ref = reference(x, red, kind);
        double tol = x.dtype() == DType.FLOAT32 ? 2e-4 : 1e-10;
        String what = kind + " of " + x.shape() + " strides " + Arrays.toString(x.strides()) + " over "
                + Arrays.toString(red) + " " + x.dtype();
        assertThat(vector).as(what).hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) {
            double scale = tol * (1 + Math.abs(ref[i]));
            assertThat(vector[i]).as(what + " vector [" + i + "]").isCloseTo(ref[i], within(scale));
            assertThat(scalar[i]).as(what + " scalar [" + i + "]").isCloseTo(ref[i], within(scale));
        }
    }

    /** Plain double-precision reduction by multi-index, independent of the kernel's plan. */
    private static double[] reference(Tensor x, boolean[] red, Kind kind) {
        int[] shape = x.shape().dims();
        int[] outDims = new int[shape.length];
        for (int a = 0; a < shape.length; a++) {
            outDims[a] = red[a] ? 1 : shape[a];
        }
        int[] outStrides = Shape.of(outDims).contiguousStrides();
        double[] out = new double[Shape.of(outDims).size()];
        double init = switch (kind) {
            case SUM -> 0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        Arrays.fill(out, init);
        int[] idx = new int[shape.length];
        for (int i = 0; i < x.size(); i++) {
            double v = x.getDouble(idx);
            int o = 0;
            for (int a = 0; a < shape.length; a++) {
                o += red[a] ? 0 : idx[a] * outStrides[a];
            }
            out[o] = switch (kind) {
                case SUM -> out[o] + v;
                case PROD -> out[o] * v;
                case MAX -> Math.max(out[o], v);
                case MIN -> Math.min(out[o], v);
            };
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    private static Tensor sample(Rng rng, DType dt, Kind kind, int[] shape) {
        // Products of many entries stay in range when the entries stay near 1.
        return kind == Kind.PROD ? Tensor.randomUniform(rng, dt, 0.98, 1.02, shape)
                : Tensor.randomUniform(rng, dt, -1, 1, shape);
    }

    private static boolean[] flags(int rank, int mask) {
        boolean[] f = new boolean[rank];
        for (int a = 0; a < rank; a++) {
            f[a] = (mask >> a & 1) != 0;
        }
        return f;
    }

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }

    private static double[] toDoubles(Object o) {
        return switch (o) {
            case float[] f -> {
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                yield d;
            }
            case double[] d -> d;
            default -> throw new AssertionError(o);
        };
    }
}
