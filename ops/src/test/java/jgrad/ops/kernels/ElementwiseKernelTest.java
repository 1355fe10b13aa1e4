package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Binary;
import jgrad.ops.kernels.Elementwise.Comparison;
import jgrad.ops.kernels.Elementwise.Unary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The elementwise kernels' Vector API loops against their scalar reference loops on odd sizes, and
 * the broadcasting/strided walk against a plain index-by-index reference.
 */
class ElementwiseKernelTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65, 1000};

    private static float[] floats(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return a;
    }

    private static double[] doubles(SplittableRandom r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * r.nextDouble();
        }
        return a;
    }

    /** A domain where every unary op is defined. */
    private static double lo(Unary op) {
        return switch (op) {
            case LOG, SQRT, RSQRT -> 0.01;
            case LOG1P -> -0.9;
            case SIGMOID, EXP -> -30;
            default -> -4;
        };
    }

    private static double tolerance(Unary op, boolean isFloat) {
        // Elementary functions may differ by an ulp or two between SVML and StrictMath-style scalars.
        return switch (op) {
            case NEG, SQUARE, ABS, SIGN, RELU, ROUND, CLIP, SQRT -> 0;
            // The vector erf sums a fixed number of terms in the lane type; the scalar one in double.
            case ERF -> isFloat ? 1e-6 : 2e-15;
            default -> isFloat ? 4e-7 : 4e-16;
        };
    }

    @ParameterizedTest
    @EnumSource(Unary.class)
    void unaryVectorMatchesScalarFloat(Unary op) {
        SplittableRandom r = new SplittableRandom(op.ordinal());
        for (int n : SIZES) {
            float[] a = floats(r, n + 3, lo(op), 4);
            float[] v = new float[n];
            float[] s = new float[n];
            int done = ElementwiseUnary.vectorF(op, a, 3, v, 0, n, -1f, 2f);
            ElementwiseUnary.scalarF(op, a, 3 + done, 1, v, done, n - done, -1f, 2f);
            ElementwiseUnary.scalarF(op, a, 3, 1, s, 0, n, -1f, 2f);
            double tol = tolerance(op, true);
            for (int i = 0; i < n; i++) {
                assertThat((double) v[i]).as("%s n=%d i=%d x=%s", op, n, i, a[3 + i])
                        .isCloseTo(s[i], within(tol * Math.max(1, Math.abs(s[i]))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Unary.class)
    void unaryVectorMatchesScalarDouble(Unary op) {
        SplittableRandom r = new SplittableRandom(100 + op.ordinal());
        for (int n : SIZES) {
            double[] a = doubles(r, n + 1, lo(op), 4);
            double[] v = new double[n];
            double[] s = new double[n];
            int done = ElementwiseUnary.vectorD(op, a, 1, v, 0, n, -1, 2);
            ElementwiseUnary.scalarD(op, a, 1 + done, 1, v, done, n - done, -1, 2);
            ElementwiseUnary.scalarD(op, a, 1, 1, s, 0, n, -1, 2);
            double tol = tolerance(op, false);
            for (int i = 0; i < n; i++) {
                assertThat(v[i]).as("%s n=%d i=%d x=%s", op, n, i, a[1 + i])
                        .isCloseTo(s[i], within(tol * Math.max(1, Math.abs(s[i]))));
            }
        }
    }

    @Test
    void vectorPathsKeepSpecialValues() {
        float[] a = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1000f, 1000f, 3f};
        float[] big = new float[64];
        for (int i = 0; i < big.length; i++) {
            big[i] = a[i % a.length];
        }
        for (Unary op : new Unary[] {Unary.SIGN, Unary.RELU, Unary.SIGMOID, Unary.ABS, Unary.CLIP, Unary.TANH}) {
            float[] v = new float[64];
            float[] s = new float[64];
            int done = ElementwiseUnary.vectorF(op, big, 0, v, 0, 64, -1f, 2f);
            ElementwiseUnary.scalarF(op, big, done, 1, v, done, 64 - done, -1f, 2f);
            ElementwiseUnary.scalarF(op, big, 0, 1, s, 0, 64, -1f, 2f);
            for (int i = 0; i < 64; i++) {
                assertThat(Float.floatToIntBits(v[i])).as("%s(%s)", op, big[i]).isEqualTo(Float.floatToIntBits(s[i]));
            }
        }
    }

    @Test
    void vectorErfCoversBothRangesAndSpecialValues() {
        double[] xs = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1000, 1000, 2.4999,
            2.5, 5.99, 6, -3.7, 1e-300, 0.3};
        double[] a = new double[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs[i % xs.length];
        }
        double[] v = new double[64];
        int done = ElementwiseUnary.vectorD(Unary.ERF, a, 0, v, 0, 64, 0, 0);
        assertThat(done).isEqualTo(64 - 64 % KernelConfig.DOUBLE_SPECIES.length());
        for (int i = 0; i < done; i++) {
            double want = UnaryMath.erf(a[i]);
            if (Double.isNaN(want)) {
                assertThat(v[i]).isNaN();
            } else {
                assertThat(v[i]).as("erf(%s)", a[i]).isCloseTo(want, within(2e-16 + 2e-15 * Math.abs(want)));
                assertThat(Math.copySign(1, v[i])).as("sign of erf(%s)", a[i]).isEqualTo(Math.copySign(1, want));
            }
        }
        float[] f = new float[64];
        float[] fv = new float[64];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a[i];
        }
        done = ElementwiseUnary.vectorF(Unary.ERF, f, 0, fv, 0, 64, 0, 0);
        for (int i = 0; i < done; i++) {
            float want = (float) UnaryMath.erf(f[i]);
            if (Float.isNaN(want)) {
                assertThat(fv[i]).isNaN();
            } else {
                assertThat((double) fv[i]).as("erf(%sf)", f[i]).isCloseTo(want, within(1e-37 + 1e-6 * Math.abs(want)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Binary.class)
    void binaryVectorMatchesScalar(Binary op) {
        SplittableRandom r = new SplittableRandom(200 + op.ordinal());
        double xlo = op == Binary.POW ? 0.1 : -3;
        for (int n : SIZES) {
            float[] a = floats(r, n + 2, xlo, 3);
            float[] b = floats(r, n + 1, 0.5, 3);
            double[] da = doubles(r, n + 2, xlo, 3);
            double[] db = doubles(r, n + 1, 0.5, 3);
            double tolF = op == Binary.POW ? 4e-7 : 0;
            double tolD = op == Binary.POW ? 4e-16 : 0;
            // tensor-tensor, tensor-scalar, scalar-tensor
            for (int pattern = 0; pattern < 3; pattern++) {
                int sa = pattern == 2 ? 0 : 1;
                int sb = pattern == 1 ? 0 : 1;
                float[] v = new float[n];
                float[] s = new float[n];
                int done = switch (pattern) {
                    case 0 -> ElementwiseBinary.vvF(op, a, 2, b, 1, v, 0, n);
                    case 1 -> ElementwiseBinary.vsF(op, a, 2, b[1], v, 0, n);
                    default -> ElementwiseBinary.svF(op, a[2], b, 1, v, 0, n);
                };
                ElementwiseBinary.scalarF(op, a, 2 + done * sa, sa, b, 1 + done * sb, sb, v, done, n - done);
                ElementwiseBinary.scalarF(op, a, 2, sa, b, 1, sb, s, 0, n);
                for (int i = 0; i < n; i++) {
                    assertThat((double) v[i]).as("%s pattern %d n=%d i=%d", op, pattern, n, i)
                            .isCloseTo(s[i], within(tolF * Math.max(1, Math.abs(s[i]))));
                }
                double[] dv = new double[n];
                double[] ds = new double[n];
                done = switch (pattern) {
                    case 0 -> ElementwiseBinary.vvD(op, da, 2, db, 1, dv, 0, n);
                    case 1 -> ElementwiseBinary.vsD(op, da, 2, db[1], dv, 0, n);
                    default -> ElementwiseBinary.svD(op, da[2], db, 1, dv, 0, n);
                };
                ElementwiseBinary.scalarD(op, da, 2 + done * sa, sa, db, 1 + done * sb, sb, dv, done, n - done);
                ElementwiseBinary.scalarD(op, da, 2, sa, db, 1, sb, ds, 0, n);
                for (int i = 0; i < n; i++) {
                    assertThat(dv[i]).as("%s pattern %d n=%d i=%d", op, pattern, n, i)
                            .isCloseTo(ds[i], within(tolD * Math.max(1, Math.abs(ds[i]))));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Comparison.class)
    void compareVectorMatchesScalar(Comparison op) {
        SplittableRandom r = new SplittableRandom(300 + op.ordinal());
        for (int n : SIZES) {
            // Few distinct values, so that ties occur; a NaN among them.
            float[] a = new float[n];
            float[] b = new float[n];
            double[] da = new double[n];
            double[] db = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(4) == 0 ? Float.NaN : r.nextInt(3);
                b[i] = r.nextInt(3);
                da[i] = a[i];
                db[i] = b[i];
            }
            boolean[] v = new boolean[n];
            boolean[] s = new boolean[n];
            int done = ElementwiseCompare.vvF(op, a, 0, b, 0, v, 0, n);
            ElementwiseCompare.scalarF(op, a, done, 1, b, done, 1, v, done, n - done);
            ElementwiseCompare.scalarF(op, a, 0, 1, b, 0, 1, s, 0, n);
            assertThat(v).as("%s float n=%d", op, n).isEqualTo(s);
            done = ElementwiseCompare.vsD(op, da, 0, 1.0, v, 0, n);
            ElementwiseCompare.scalarD(op, da, done, 1, new double[] {1.0}, 0, 0, v, done, n - done);
            ElementwiseCompare.scalarD(op, da, 0, 1, new double[] {1.0}, 0, 0, s, 0, n);
            assertThat(v).as("%s double vs scalar n=%d", op, n).isEqualTo(s);
        }
    }

    /** The broadcast result computed one output index at a time through getDouble. */
    private static double[] reference(Binary op, Tensor x, Tensor y, Shape out) {
        double[] r = new double[out.size()];
        int[] dims = out.dims();
        int[] idx = new int[dims.length];
        for (int i = 0; i < r.length; i++) {
            double a = x.getDouble(project(idx, x.shape().dims()));
            double b = y.getDouble(project(idx, y.shape().dims()));
            r[i] = switch (op) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case POW -> Math.pow(a, b);
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return r;
    }

    private static int[] project(int[] outIdx, int[] dims) {
        int[] p = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int o = outIdx[outIdx.length - dims.length + i];
            p[i] = dims[i] == 1 ? 0 : o;
        }
        return p;
    }

    /** A float64 tensor of the shape whose storage is laid out transposed (a strided view). */
    private static Tensor transposedView(SplittableRandom r, int... dims) {
        int n = Shape.of(dims).size();
        double[] data = doubles(r, n + 3, -2, 2);
        // Reverse the axes' strides: element (i, j, ...) lives at the column-major position.
        int[] strides = new int[dims.length];
        int acc = 1;
        for (int i = 0; i < dims.length; i++) {
            strides[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return Tensor.view(Tensor.wrap(data, Shape.of(n + 3)), Shape.of(dims), strides, 3);
    }

    @Test
    void broadcastingAndStridedOperandsMatchTheIndexReference() {
        SplittableRandom r = new SplittableRandom(7);
        int[][][] cases = {
            {{2, 3}, {2, 3}}, {{3, 1}, {1, 4}}, {{2, 1, 5}, {4, 1}}, {{}, {7}}, {{7}, {}}, {{5, 17}, {17}},
            {{5, 17}, {5, 1}}, {{1, 33}, {65, 1}}, {{2, 3, 4, 5}, {3, 1, 5}}, {{0, 3}, {3}}, {{4, 0}, {1}},
        };
        for (int[][] c : cases) {
            for (boolean strided : new boolean[] {false, true}) {
                Tensor x = strided ? transposedView(r, c[0]) : Tensor.wrap(doubles(r, Shape.of(c[0]).size(), -2, 2),
                        Shape.of(c[0]));
                Tensor y = strided ? transposedView(r, c[1]) : Tensor.wrap(doubles(r, Shape.of(c[1]).size(), 0.5, 2),
                        Shape.of(c[1]));
                Shape out = Shape.broadcast("test", "x", x.shape(), "y", y.shape());
                for (Binary op : new Binary[] {Binary.ADD, Binary.SUB, Binary.MUL, Binary.DIV, Binary.MAX}) {
                    Tensor z = Elementwise.binary(op, x, y, out);
                    assertThat(z.shape()).isEqualTo(out);
                    assertThat(z.toDoubleArray()).as("%s %s %s strided=%s", op, x.shape(), y.shape(), strided)
                            .containsExactly(reference(op, x, y, out));
                    Tensor zf = Elementwise.binary(op, Elementwise.cast(x, DType.FLOAT32),
                            Elementwise.cast(y, DType.FLOAT32), out);
                    double[] ref = reference(op, Elementwise.cast(Elementwise.cast(x, DType.FLOAT32), DType.FLOAT64),
                            Elementwise.cast(Elementwise.cast(y, DType.FLOAT32), DType.FLOAT64), out);
                    double[] got = zf.toDoubleArray();
                    for (int i = 0; i < got.length; i++) {
                        assertThat(got[i]).isCloseTo(ref[i], within(1e-6 * Math.max(1, Math.abs(ref[i]))));
                    }
                }
            }
        }
    }

    @Test
    void largeBroadcastRunsInParallelChunksWithTheSameResult() {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 300;
        int cols = 257; // odd, so chunks start mid-row
        Tensor x = Tensor.wrap(doubles(r, rows * cols, -2, 2), Shape.of(rows, cols));
        Tensor y = Tensor.wrap(doubles(r, cols, -2, 2), Shape.of(cols));
        Tensor xt = transposedView(r, rows, cols);
        Shape out = Shape.of(rows, cols);
        assertThat(Elementwise.binary(Binary.MUL, x, y, out).toDoubleArray()).containsExactly(
                reference(Binary.MUL, x, y, out));
        assertThat(Elementwise.binary(Binary.SUB, xt, x, out).toDoubleArray()).containsExactly(
                reference(Binary.SUB, xt, x, out));
        Tensor e = Elementwise.unary(Unary.EXP, xt);
        double[] ev = e.toDoubleArray();
        double[] xv = xt.toDoubleArray();
        for (int i = 0; i < ev.length; i++) {
            assertThat(ev[i]).isCloseTo(Math.exp(xv[i]), within(1e-15 * Math.exp(xv[i])));
        }
    }

    @Test
    void whereBlendsWithBroadcastingOnEveryDtype() {
        Tensor c = Tensor.fromFlat(new boolean[] {true, false, true}, 3, 1);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4});
        Tensor y = Tensor.of(-1f);
        Tensor w = Elementwise.where(c, x, y, Shape.of(3, 4));
        assertThat(w.toFloatArray()).containsExactly(1, 2, 3, 4, -1, -1, -1, -1, 1, 2, 3, 4);
        Tensor wl = Elementwise.where(c, Tensor.of(new long[] {7, 8}), Tensor.of(0L), Shape.of(3, 2));
        assertThat(wl.toLongArray()).containsExactly(7, 8, 0, 0, 7, 8);
        // Long rows through the vector blend (x contiguous, y scalar and y contiguous).
        SplittableRandom r = new SplittableRandom(5);
        for (int n : SIZES) {
            boolean[] m = new boolean[n];
            for (int i = 0; i < n; i++) {
                m[i] = r.nextBoolean();
            }
            double[] a = doubles(r, n, -1, 1);
            double[] b = doubles(r, n, -1, 1);
            Tensor got = Elementwise.where(Tensor.wrap(m, Shape.of(n)), Tensor.wrap(a, Shape.of(n)),
                    Tensor.wrap(b, Shape.of(n)), Shape.of(n));
            Tensor gotScalar = Elementwise.where(Tensor.wrap(m, Shape.of(n)), Tensor.of(9.0),
                    Tensor.wrap(b, Shape.of(n)), Shape.of(n));
            for (int i = 0; i < n; i++) {
                assertThat(got.getDouble(i)).isEqualTo(m[i] ? a[i] : b[i]);
                assertThat(gotScalar.getDouble(i)).isEqualTo(m[i] ? 9.0 : b[i]);
            }
        }
    }

    @Test
    void castConvertsBetweenEveryPairOfDtypes() {
        Tensor x = Tensor.of(new double[] {-1.7, 0, 2.5, 3});
        assertThat(Elementwise.cast(x, DType.INT64).toLongArray()).containsExactly(-1, 0, 2, 3);
        assertThat(Elementwise.cast(x, DType.BOOL).toBooleanArray()).containsExactly(true, false, true, true);
        assertThat(Elementwise.cast(x, DType.FLOAT32).toFloatArray()).containsExactly(-1.7f, 0f, 2.5f, 3f);
        Tensor b = Tensor.of(new boolean[] {true, false});
        assertThat(Elementwise.cast(b, DType.FLOAT64).toDoubleArray()).containsExactly(1, 0);
        assertThat(Elementwise.cast(b, DType.INT64).toLongArray()).containsExactly(1, 0);
        Tensor l = Tensor.of(new long[] {(1L << 53) + 1, -4});
        assertThat(Elementwise.cast(l, DType.FLOAT32).toFloatArray()).containsExactly((float) ((1L << 53) + 1), -4f);
        Tensor t = transposedView(new SplittableRandom(3), 3, 5);
        assertThat(Elementwise.cast(t, DType.FLOAT64).toDoubleArray()).containsExactly(t.toDoubleArray());
    }

    @Test
    void erfMatchesHighPrecisionValues() {
        // Reference values from mpmath at 40 digits, rounded to float64.
        double[][] ref = {
            {1e-10, 1.1283791670955126e-10}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465},
            {1.0, 0.8427007929497149}, {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527},
            {2.49, 0.9995707121322661}, {2.5, 0.999593047982555}, {3.0, 0.9999779095030014},
            {4.0, 0.9999999845827421}, {5.9, 0.9999999999999999}, {-0.7, -0.6778011938374184}, {0.0, 0.0},
        };
        for (double[] p : ref) {
            assertThat(Elementwise.erf(p[0])).as("erf(%s)", p[0]).isCloseTo(p[1], within(1e-15 * Math.abs(p[1])));
        }
        assertThat(Elementwise.erf(Double.NaN)).isNaN();
        assertThat(Elementwise.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Elementwise.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Elementwise.erf(-30)).isEqualTo(-1.0);
    }
}
