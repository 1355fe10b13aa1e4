package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {
    /** Channel counts around the vector length, so vector runs have tails of every size. */
    private static final int[] CHANNELS = {1, 15, 17, 63, 65};

    private static ConvKernels.Geometry geometry(int batch, int channels, int[] in, int[] k, int[] s, int[] d,
            int[] pb, int[] pa) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (in[a] + pb[a] + pa[a] - ((k[a] - 1) * d[a] + 1)) / s[a] + 1;
        }
        return new ConvKernels.Geometry(batch, channels, in, out, k, s, d, pb);
    }

    /** Geometries: 1-D, 2-D with padding and stride, 3-D with dilation, a window wider than a stride. */
    private static ConvKernels.Geometry[] geometries(int c) {
        return new ConvKernels.Geometry[] {
            geometry(2, c, new int[] {1, 1, 9}, new int[] {1, 1, 3}, new int[] {1, 1, 2}, new int[] {1, 1, 1},
                    new int[] {0, 0, 1}, new int[] {0, 0, 1}),
            geometry(2, c, new int[] {1, 5, 6}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                    new int[] {0, 1, 1}, new int[] {0, 1, 1}),
            geometry(1, c, new int[] {4, 5, 3}, new int[] {2, 2, 2}, new int[] {1, 2, 1}, new int[] {2, 1, 1},
                    new int[] {0, 1, 0}, new int[] {0, 0, 1}),
            geometry(1, c, new int[] {1, 7, 7}, new int[] {1, 2, 3}, new int[] {1, 3, 2}, new int[] {1, 2, 2},
                    new int[] {0, 0, 2}, new int[] {0, 1, 2}),
        };
    }

    private static Object random(Rng rng, DType dt, int n) {
        return Tensor.randomNormal(rng, dt, 0, 1, n).storage();
    }

    /**
     * The max pool's argmax (its backward): for every geometry and channel count, each index points
     * into its own window at a value equal to the pooled maximum, the first one of ties (values
     * drawn from a few levels so that ties are common) and a NaN where the window holds one.
     */
    @Test
    void maxPoolArgmaxPointsAtTheFirstMaximumOfEachWindow() {
        Rng rng = new Rng(5);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int c : CHANNELS) {
                for (ConvKernels.Geometry g : geometries(c)) {
                    int size = g.batch() * g.inPositions() * c;
                    double[] v = new double[size];
                    for (int i = 0; i < size; i++) {
                        v[i] = rng.nextInt(4);
                    }
                    v[rng.nextInt(size)] = Double.NaN;
                    Object x = Tensor.fromFlat(v, size).cast(dt).storage();
                    double[] pooled = Tensor.wrap(ConvKernels.maxPool(x, g, true), jgrad.core.Shape.of(
                            g.batch() * g.outPositions() * c)).cast(DType.FLOAT64).toDoubleArray();
                    long[] idx = ConvKernels.maxPoolArgmax(x, g);
                    for (int row = 0; row < g.batch() * g.outPositions(); row++) {
                        for (int ch = 0; ch < c; ch++) {
                            long want = firstMax(v, g, row, ch);
                            assertThat(idx[row * c + ch]).as("%s %s row %d channel %d", dt, g, row, ch).isEqualTo(want);
                            if (want >= 0) {
                                // Double.compare: a NaN equals a NaN here.
                                assertThat(Double.compare(v[(int) want], pooled[row * c + ch])).as("%s %s", dt, g)
                                        .isZero();
                            }
                        }
                    }
                }
            }
        }
    }

    /** The reference: taps in d, h, w order, the first strictly greater value (a NaN beats all) wins. */
    private static long firstMax(double[] v, ConvKernels.Geometry g, int row, int ch) {
        int c = g.channels();
        int pos = row % g.outPositions();
        int n = row / g.outPositions();
        int[] o = {pos / (g.out()[2] * g.out()[1]), pos / g.out()[2] % g.out()[1], pos % g.out()[2]};
        long best = -1;
        for (int kd = 0; kd < g.kernel()[0]; kd++) {
            for (int kh = 0; kh < g.kernel()[1]; kh++) {
                for (int kw = 0; kw < g.kernel()[2]; kw++) {
                    int[] k = {kd, kh, kw};
                    int[] i = new int[3];
                    boolean inside = true;
                    for (int a = 0; a < 3; a++) {
                        i[a] = o[a] * g.strides()[a] + k[a] * g.dilations()[a] - g.padBefore()[a];
                        inside &= i[a] >= 0 && i[a] < g.in()[a];
                    }
                    if (!inside) {
                        continue;
                    }
                    int xi = (((n * g.in()[0] + i[0]) * g.in()[1] + i[1]) * g.in()[2] + i[2]) * c + ch;
                    if (best < 0 || v[xi] > v[(int) best] || Double.isNaN(v[xi]) && !Double.isNaN(v[(int) best])) {
                        best = xi;
                    }
                }
            }
        }
        return best;
    }

    @Test
    void vectorPathsEqualTheScalarReferenceOnOddChannelCounts() {
        Rng rng = new Rng(3);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int c : CHANNELS) {
                for (ConvKernels.Geometry g : geometries(c)) {
                    Object x = random(rng, dt, g.batch() * g.inPositions() * c);
                    // Copies and maxima are exact; sums may differ only in rounding.
                    assertThat(same(ConvKernels.im2col(x, g, true), ConvKernels.im2col(x, g, false), 0)).as("im2col %s", g)
                            .isTrue();
                    assertThat(same(ConvKernels.maxPool(x, g, true), ConvKernels.maxPool(x, g, false), 0))
                            .as("maxPool %s", g).isTrue();
                    assertThat(same(ConvKernels.avgPool(x, g, true), ConvKernels.avgPool(x, g, false), 1e-6))
                            .as("avgPool %s", g).isTrue();
                    Object cols = random(rng, dt, g.batch() * g.outPositions() * g.taps() * c);
                    assertThat(same(ConvKernels.col2im(cols, g, true), ConvKernels.col2im(cols, g, false), 1e-6))
                            .as("col2im %s", g).isTrue();
                    Object grad = random(rng, dt, g.batch() * g.outPositions() * c);
                    assertThat(same(ConvKernels.avgPoolGrad(grad, g, true), ConvKernels.avgPoolGrad(grad, g, false),
                            1e-6)).as("avgPoolGrad %s", g).isTrue();
                }
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2colAndAvgPoolGradOfAvgPool() {
        Rng rng = new Rng(4);
        for (ConvKernels.Geometry g : geometries(3)) {
            double[] x = (double[]) random(rng, DType.FLOAT64, g.batch() * g.inPositions() * 3);
            double[] c = (double[]) random(rng, DType.FLOAT64, g.batch() * g.outPositions() * g.taps() * 3);
            // <im2col(x), c> == <x, col2im(c)>
            assertThat(dot((double[]) ConvKernels.im2col(x, g, true), c))
                    .isCloseTo(dot(x, (double[]) ConvKernels.col2im(c, g, true)), org.assertj.core.api.Assertions.within(1e-9));
            double[] y = (double[]) random(rng, DType.FLOAT64, g.batch() * g.outPositions() * 3);
            assertThat(dot((double[]) ConvKernels.avgPool(x, g, true), y))
                    .isCloseTo(dot(x, (double[]) ConvKernels.avgPoolGrad(y, g, true)),
                            org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void maxPoolArgmaxPointsAtTheFirstMaximumInsideTheInput() {
        // One channel, 1-D: windows of 3 with padding 1 on both sides over [1, 5, 5, 2].
        ConvKernels.Geometry g = geometry(1, 1, new int[] {1, 1, 4}, new int[] {1, 1, 3}, new int[] {1, 1, 1},
                new int[] {1, 1, 1}, new int[] {0, 0, 1}, new int[] {0, 0, 1});
        float[] x = {1, 5, 5, 2};
        assertThat((float[]) ConvKernels.maxPool(x, g, true)).containsExactly(5, 5, 5, 5);
        assertThat(ConvKernels.maxPoolArgmax(x, g)).containsExactly(1, 1, 1, 2);
        float[] nan = {1, Float.NaN, 3, 2};
        assertThat((float[]) ConvKernels.maxPool(nan, g, false)).containsExactly(Float.NaN, Float.NaN, Float.NaN, 3);
        assertThat(ConvKernels.maxPoolArgmax(nan, g)).containsExactly(1, 1, 1, 2);
    }

    @Test
    void parallelRunsGiveTheSameBitsEveryTime() {
        Rng rng = new Rng(5);
        ConvKernels.Geometry g = geometry(8, 16, new int[] {1, 24, 24}, new int[] {1, 5, 5}, new int[] {1, 1, 1},
                new int[] {1, 1, 1}, new int[] {0, 2, 2}, new int[] {0, 2, 2});
        float[] x = (float[]) random(rng, DType.FLOAT32, g.batch() * g.inPositions() * 16);
        float[] cols = (float[]) random(rng, DType.FLOAT32, g.batch() * g.outPositions() * g.taps() * 16);
        Object im = ConvKernels.im2col(x, g, true);
        Object back = ConvKernels.col2im(cols, g, true);
        Object avg = ConvKernels.avgPool(x, g, true);
        for (int r = 0; r < 10; r++) {
            assertThat(same(ConvKernels.im2col(x, g, true), im, 0)).isTrue();
            assertThat(same(ConvKernels.col2im(cols, g, true), back, 0)).isTrue();
            assertThat(same(ConvKernels.avgPool(x, g, true), avg, 0)).isTrue();
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Equal lengths and every element within tol (relative, plus absolute); NaN equals NaN. */
    private static boolean same(Object a, Object b, double tol) {
        double[] x = a instanceof float[] f ? toDouble(f) : (double[]) a;
        double[] y = b instanceof float[] f ? toDouble(f) : (double[]) b;
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            boolean equal = Double.compare(x[i], y[i]) == 0 || Math.abs(x[i] - y[i]) <= tol * (1 + Math.abs(y[i]));
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
