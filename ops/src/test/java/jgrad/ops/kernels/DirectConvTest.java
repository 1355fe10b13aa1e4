package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class DirectConvTest {
    private static ConvKernels.Geometry geometry(int batch, int channels, int[] in, int[] k, int[] s, int[] d,
            int[] pb, int[] pa) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (in[a] + pb[a] + pa[a] - ((k[a] - 1) * d[a] + 1)) / s[a] + 1;
        }
        return new ConvKernels.Geometry(batch, channels, in, out, k, s, d, pb);
    }

    private static int[] a(int... v) {
        return v;
    }

    /**
     * Geometries covering every path: 1-D, 2-D and 3-D; valid, same-like and wider-than-window
     * padding; strides and dilations (a dilated width splits the kernel into one run per tap);
     * channel counts that make the input gradient add windows back (few channels, strides) or
     * convolve with the flipped kernel (16 channels or more, stride 1).
     */
    private static List<ConvKernels.Geometry> geometries(int c) {
        List<ConvKernels.Geometry> g = new ArrayList<>();
        g.add(geometry(2, c, a(1, 1, 9), a(1, 1, 3), a(1, 1, 2), a(1, 1, 1), a(0, 0, 1), a(0, 0, 1)));
        g.add(geometry(2, c, a(1, 5, 6), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)));
        g.add(geometry(3, c, a(1, 7, 8), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 0, 0), a(0, 0, 0)));
        g.add(geometry(1, c, a(1, 9, 9), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 2, 2), a(0, 2, 2)));
        g.add(geometry(1, c, a(4, 5, 3), a(2, 2, 2), a(1, 2, 1), a(2, 1, 1), a(0, 1, 0), a(0, 0, 1)));
        g.add(geometry(1, c, a(1, 7, 7), a(1, 2, 3), a(1, 3, 2), a(1, 2, 2), a(0, 0, 2), a(0, 1, 2)));
        g.add(geometry(2, c, a(1, 4, 5), a(1, 2, 2), a(1, 1, 1), a(1, 1, 1), a(0, 3, 2), a(0, 3, 2)));
        g.add(geometry(1, c, a(1, 6, 13), a(1, 3, 3), a(1, 1, 1), a(1, 2, 2), a(0, 2, 2), a(0, 2, 2)));
        g.add(geometry(2, c, a(3, 4, 5), a(3, 3, 3), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1)));
        // Strided 'same' windows, whose input gradient with 16 channels or more is one convolution
        // per phase of dx: DCGAN's 5x5 stride 2 (phase kernels 3x3, 3x2, 2x3, 2x2), odd sizes with
        // padding on one side only, and 3-D with strides 2 and 3.
        g.add(geometry(2, c, a(1, 14, 14), a(1, 5, 5), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(0, 2, 2)));
        g.add(geometry(1, c, a(1, 7, 9), a(1, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 0), a(0, 1, 1)));
        g.add(geometry(1, c, a(5, 6, 7), a(3, 3, 4), a(2, 2, 3), a(1, 1, 1), a(1, 0, 2), a(1, 1, 1)));
        return g;
    }

    /**
     * Channel and filter counts: below, at and past a vector of either, one vector or two of filters;
     * one filter over one or more vectors of channels (DirectConvOneFilter, with a channel tail).
     */
    private static final int[][] CHANNELS_FILTERS = {{1, 6}, {3, 17}, {6, 16}, {16, 1}, {17, 40}, {16, 33}, {1, 3},
        {1, 16}, {33, 1}, {32, 1}};

    private static Object random(Rng rng, DType dt, int n) {
        return Tensor.randomNormal(rng, dt, 0, 1, n).storage();
    }

    @Test
    void vectorPathsEqualTheScalarReference() {
        Rng rng = new Rng(11);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 2e-5 : 1e-12;
            for (int i = 0; i < CHANNELS_FILTERS.length; i++) {
                // float64 runs the same code with half the lanes: every other pair is enough there.
                if (dt == DType.FLOAT64 && i % 2 == 1) {
                    continue;
                }
                int[] cf = CHANNELS_FILTERS[i];
                int c = cf[0];
                int f = cf[1];
                {
                    for (ConvKernels.Geometry g : geometries(c)) {
                        Object x = random(rng, dt, g.batch() * g.inPositions() * c);
                        Object k = random(rng, dt, g.taps() * c * f);
                        Object b = random(rng, dt, f);
                        Object dz = random(rng, dt, g.batch() * g.outPositions() * f);
                        String what = dt + " c=" + c + " f=" + f + " " + g;
                        Epilogue.Activation act = Epilogue.Activation.values()[(c + f) % 4];
                        assertClose(DirectConv.forward(x, k, b, act, g, f, true),
                                DirectConv.forward(x, k, b, act, g, f, false), tol, "forward " + act + " " + what);
                        assertClose(DirectConv.forward(x, k, null, Epilogue.Activation.LINEAR, g, f, true),
                                DirectConv.forward(x, k, null, Epilogue.Activation.LINEAR, g, f, false), tol,
                                "forward without bias " + what);
                        assertClose(DirectConv.filterGrad(x, dz, g, f, true), DirectConv.filterGrad(x, dz, g, f, false),
                                tol, "filterGrad " + what);
                        assertClose(DirectConv.inputGrad(dz, k, g, f, true), DirectConv.inputGrad(dz, k, g, f, false),
                                tol, "inputGrad " + what);
                    }
                }
            }
        }
    }

    @Test
    void scalarReferenceMatchesIm2colTimesTheKernel() {
        Rng rng = new Rng(12);
        for (int c : new int[] {1, 3}) {
            for (ConvKernels.Geometry g : geometries(c)) {
                int f = 4;
                double[] x = (double[]) random(rng, DType.FLOAT64, g.batch() * g.inPositions() * c);
                double[] k = (double[]) random(rng, DType.FLOAT64, g.taps() * c * f);
                double[] cols = (double[]) ConvKernels.im2col(x, g, false);
                int rows = g.batch() * g.outPositions();
                int width = g.taps() * c;
                double[] expected = new double[rows * f];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < width; j++) {
                        for (int q = 0; q < f; q++) {
                            expected[r * f + q] += cols[r * width + j] * k[j * f + q];
                        }
                    }
                }
                assertClose(DirectConv.forward(x, k, null, Epilogue.Activation.LINEAR, g, f, false), expected, 1e-12,
                        "forward " + g);
            }
        }
    }

    @Test
    void theGradientsAreTheAdjointsOfTheForward() {
        // <conv(x, K), dz> == <x, inputGrad(dz, K)> == <K, filterGrad(x, dz)>, on every path.
        Rng rng = new Rng(13);
        for (int c : new int[] {1, 6, 16}) {
            for (int f : new int[] {6, 16}) {
                for (ConvKernels.Geometry g : geometries(c)) {
                    double[] x = (double[]) random(rng, DType.FLOAT64, g.batch() * g.inPositions() * c);
                    double[] k = (double[]) random(rng, DType.FLOAT64, g.taps() * c * f);
                    double[] dz = (double[]) random(rng, DType.FLOAT64, g.batch() * g.outPositions() * f);
                    for (boolean vector : new boolean[] {true, false}) {
                        double y = dot((double[]) DirectConv.forward(x, k, null, Epilogue.Activation.LINEAR, g, f,
                                vector), dz);
                        assertThat(dot(x, (double[]) DirectConv.inputGrad(dz, k, g, f, vector))).as("dx %s", g)
                                .isCloseTo(y, within(1e-9 * (1 + Math.abs(y))));
                        assertThat(dot(k, (double[]) DirectConv.filterGrad(x, dz, g, f, vector))).as("dK %s", g)
                                .isCloseTo(y, within(1e-9 * (1 + Math.abs(y))));
                    }
                }
            }
        }
    }

    @Test
    void quadTilesAndDepthSlicesEqualTheScalarReference() {
        // Four vectors of filters or more take 6 x 4-vector tiles (with 512-bit vectors), the rest of
        // the filters 6-row tiles of one or two vectors; runs longer than a slice of K are summed a
        // slice at a time. Border groups (7x7 with 5x5 'same'), a stride-2 forward and its phased
        // input gradient, the flipped-kernel input gradient (stride 1, many channels) and a dilated
        // width (windows copied out) all go through these tiles.
        Rng rng = new Rng(15);
        ConvKernels.Geometry[] gs = {
            geometry(2, 48, a(1, 7, 7), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 2, 2), a(0, 2, 2)),
            geometry(2, 40, a(1, 14, 14), a(1, 5, 5), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(0, 2, 2)),
            geometry(1, 20, a(1, 6, 9), a(1, 3, 3), a(1, 1, 1), a(1, 1, 2), a(0, 1, 2), a(0, 1, 2)),
        };
        int[] filters = {64, 80, 100, 128};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 5e-5 : 1e-11;
            for (ConvKernels.Geometry g : gs) {
                for (int f : filters) {
                    int c = g.channels();
                    Object x = random(rng, dt, g.batch() * g.inPositions() * c);
                    Object k = random(rng, dt, g.taps() * c * f);
                    Object b = random(rng, dt, f);
                    Object dz = random(rng, dt, g.batch() * g.outPositions() * f);
                    String what = dt + " f=" + f + " " + g;
                    Epilogue.Activation act = Epilogue.Activation.values()[f % 4];
                    assertClose(DirectConv.forward(x, k, b, act, g, f, true),
                            DirectConv.forward(x, k, b, act, g, f, false), tol, "forward " + act + " " + what);
                    assertClose(DirectConv.inputGrad(dz, k, g, f, true), DirectConv.inputGrad(dz, k, g, f, false),
                            tol, "inputGrad " + what);
                    // The input gradient of the filters-to-channels direction (a transposed
                    // convolution's forward): f channels in, c filters out.
                    Object kt = random(rng, dt, g.taps() * c * f);
                    ConvKernels.Geometry back = new ConvKernels.Geometry(g.batch(), f, g.in(), g.out(), g.kernel(),
                            g.strides(), g.dilations(), g.padBefore());
                    Object xt = random(rng, dt, g.batch() * g.inPositions() * f);
                    assertClose(DirectConv.forward(xt, kt, null, Epilogue.Activation.LINEAR, back, c, true),
                            DirectConv.forward(xt, kt, null, Epilogue.Activation.LINEAR, back, c, false), tol,
                            "forward f->c " + what);
                }
            }
        }
    }

    @Test
    void largeShapesTakeEveryTileAndGiveTheSameBitsEveryTime() {
        // LeNet- and VGG-like shapes: many tiles, both filter block widths, the flipped-kernel input
        // gradient (64 channels) and the added-back one (6 channels), split across the kernel pool.
        Rng rng = new Rng(14);
        ConvKernels.Geometry[] gs = {
            geometry(2, 6, a(1, 14, 14), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 0, 0), a(0, 0, 0)),
            geometry(1, 32, a(1, 7, 9), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
            geometry(2, 1, a(1, 28, 28), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 2, 2), a(0, 2, 2)),
        };
        int[] filters = {16, 40, 6};
        for (int i = 0; i < gs.length; i++) {
            ConvKernels.Geometry g = gs[i];
            int f = filters[i];
            int c = g.channels();
            float[] x = (float[]) random(rng, DType.FLOAT32, g.batch() * g.inPositions() * c);
            float[] k = (float[]) random(rng, DType.FLOAT32, g.taps() * c * f);
            float[] b = (float[]) random(rng, DType.FLOAT32, f);
            float[] dz = (float[]) random(rng, DType.FLOAT32, g.batch() * g.outPositions() * f);
            // ReLU: exp is computed differently before and after the JIT compiles it, so a sigmoid's
            // bits may change between the first calls and the later ones.
            Object y = DirectConv.forward(x, k, b, Epilogue.Activation.RELU, g, f, true);
            Object dx = DirectConv.inputGrad(dz, k, g, f, true);
            Object dk = DirectConv.filterGrad(x, dz, g, f, true);
            assertClose(y, DirectConv.forward(x, k, b, Epilogue.Activation.RELU, g, f, false), 1e-5, "forward " + g);
            assertClose(dx, DirectConv.inputGrad(dz, k, g, f, false), 1e-5, "inputGrad " + g);
            assertClose(dk, DirectConv.filterGrad(x, dz, g, f, false), 1e-5, "filterGrad " + g);
            for (int r = 0; r < 3; r++) {
                assertThat((float[]) DirectConv.forward(x, k, b, Epilogue.Activation.RELU, g, f, true))
                        .containsExactly((float[]) y);
                assertThat((float[]) DirectConv.inputGrad(dz, k, g, f, true)).containsExactly((float[]) dx);
                assertThat((float[]) DirectConv.filterGrad(x, dz, g, f, true)).containsExactly((float[]) dk);
            }
        }
    }

    @Test
    void winogradMatchesTheScalarReference() {
        // 3x3, stride 1, channels a multiple of the vector: Winograd's F(2x2, 3x3), odd output sizes
        // (half tiles), blocks in the padding, dx through the flipped kernel the same way, and the
        // kernel gradient through the transforms' adjoints.
        Rng rng = new Rng(15);
        ConvKernels.Geometry[] gs = {
            geometry(2, 16, a(1, 7, 9), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
            geometry(1, 16, a(1, 6, 6), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 0, 0), a(0, 0, 0)),
            geometry(1, 32, a(1, 5, 4), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 2, 0), a(0, 2, 1)),
        };
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 2e-5 : 1e-12;
            for (ConvKernels.Geometry g : gs) {
                for (int f : new int[] {16, 17, 40}) {
                    int c = g.channels();
                    Object x = random(rng, dt, g.batch() * g.inPositions() * c);
                    Object k = random(rng, dt, g.taps() * c * f);
                    Object b = random(rng, dt, f);
                    Object dz = random(rng, dt, g.batch() * g.outPositions() * f);
                    String what = dt + " f=" + f + " " + g;
                    assertClose(DirectConv.forward(x, k, b, Epilogue.Activation.TANH, g, f, true),
                            DirectConv.forward(x, k, b, Epilogue.Activation.TANH, g, f, false), tol, "forward " + what);
                    assertClose(DirectConv.inputGrad(dz, k, g, f, true), DirectConv.inputGrad(dz, k, g, f, false), tol,
                            "inputGrad " + what);
                    assertClose(DirectConv.filterGrad(x, dz, g, f, true), DirectConv.filterGrad(x, dz, g, f, false), tol,
                            "filterGrad " + what);
                }
            }
        }
    }

    @Test
    void anInfiniteGradientReachesOnlyTheElementsItsWindowCovers() {
        // The input gradient adds whole vectors whose lanes past a run are sums of dz times the
        // zeros that pad K^T: an infinite dz must not make them NaN in elements no window of it
        // covers. (Taps in the padding may still meet an infinity as im2col's zeros always did.)
        ConvKernels.Geometry[] gs = {
            geometry(2, 6, a(1, 14, 14), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 0, 0), a(0, 0, 0)),
            geometry(1, 1, a(1, 12, 12), a(1, 5, 5), a(1, 1, 1), a(1, 1, 1), a(0, 2, 2), a(0, 2, 2)),
            geometry(1, 3, a(1, 9, 9), a(1, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
        };
        Rng rng = new Rng(16);
        for (ConvKernels.Geometry g : gs) {
            int f = 6;
            int c = g.channels();
            float[] k = (float[]) random(rng, DType.FLOAT32, g.taps() * c * f);
            float[] dz = (float[]) random(rng, DType.FLOAT32, g.batch() * g.outPositions() * f);
            dz[3 * f + 1] = Float.POSITIVE_INFINITY;
            float[] dxv = (float[]) DirectConv.inputGrad(dz, k, g, f, true);
            float[] dxs = (float[]) DirectConv.inputGrad(dz, k, g, f, false);
            for (int i = 0; i < dxs.length; i++) {
                assertThat(Float.isFinite(dxv[i])).as("dx[%d] %s", i, g).isEqualTo(Float.isFinite(dxs[i]));
            }
        }
    }

    @Test
    void emptyBatchesFiltersAndChannelsGiveEmptyOrZeroResults() {
        ConvKernels.Geometry none = geometry(0, 2, a(1, 4, 4), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1),
                a(0, 1, 1));
        assertThat((float[]) DirectConv.forward(new float[0], new float[18 * 3], null, Epilogue.Activation.RELU, none,
                3, true)).isEmpty();
        assertThat((float[]) DirectConv.inputGrad(new float[0], new float[18 * 3], none, 3, true)).isEmpty();
        assertThat((float[]) DirectConv.filterGrad(new float[0], new float[0], none, 3, true))
                .containsOnly(0f).hasSize(54);
        ConvKernels.Geometry noChannels = geometry(1, 0, a(1, 4, 4), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1),
                a(0, 1, 1), a(0, 1, 1));
        // No channels: every output is act(bias).
        float[] y = (float[]) DirectConv.forward(new float[0], new float[0], new float[] {1f, -2f},
                Epilogue.Activation.RELU, noChannels, 2, true);
        assertThat(y).hasSize(32);
        assertThat(y[0]).isEqualTo(1f);
        assertThat(y[1]).isEqualTo(0f);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Equal lengths and every element within tol relative to the largest magnitude (NaN equals NaN). */
    private static void assertClose(Object actual, Object expected, double tol, String what) {
        double[] x = actual instanceof float[] f ? toDouble(f) : (double[]) actual;
        double[] y = expected instanceof float[] f ? toDouble(f) : (double[]) expected;
        assertThat(x.length).as(what).isEqualTo(y.length);
        double scale = 1;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.compare(x[i], y[i]) != 0 && Math.abs(x[i] - y[i]) > tol * scale) {
                throw new AssertionError(what + ": element " + i + " is " + x[i] + ", expected " + y[i]);
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
