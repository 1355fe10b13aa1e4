package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward and the kernel gradient of a float convolution with <b>one filter</b> and at least a
 * vector of channels: an autoencoder's output layer (Conv2D(1, 3) over 32 channels). The general
 * tiles put filters in the vector lanes, which here fills one lane of 16; these put the channels
 * in the lanes instead: each output is a dot product of its window (taps x channels, contiguous
 * per tap in channels-last x) with the kernel, and each tap's kernel gradient a sum over outputs
 * of the window's channels times dz. Same arrays and geometry as {@link DirectConv}.
 */
final class DirectConvOneFilter {
    private DirectConvOneFilter() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;
    private static final int L = S.length();
    /** Output positions per block of the kernel gradient: a fixed split, so the sums do not depend on threads. */
    private static final int BLOCK = 2048;

    /** Whether these kernels apply: float, one filter, a vector of channels or more. */
    static boolean applies(int filters, int channels) {
        return filters == 1 && channels >= L;
    }

    /** {@code act(conv(x, kernel) + bias)} as {@code [positions]}. */
    static float[] forward(float[] x, float[] kernel, float[] bias, Epilogue.Activation act, ConvKernels.Geometry g) {
        int p = g.batch() * g.outPositions();
        float[] y = new float[p];
        int c = g.channels();
        GemmFloat.Epi epi = new GemmFloat.Epi(bias, 0, act, null, 0);
        Parallel.forRange(p, (long) p * g.taps() * c, (s, e) -> {
            int[] xo = new int[g.taps()];
            int[] ko = new int[g.taps()];
            for (int q = s; q < e; q++) {
                int n = taps(g, q, xo, ko);
                FloatVector acc = FloatVector.zero(S);
                float tail = 0f;
                for (int t = 0; t < n; t++) {
                    int a = xo[t];
                    int b = ko[t];
                    int ch = 0;
                    for (; ch <= c - L; ch += L) {
                        acc = FloatVector.fromArray(S, x, a + ch).fma(FloatVector.fromArray(S, kernel, b + ch), acc);
                    }
                    for (; ch < c; ch++) {
                        tail += x[a + ch] * kernel[b + ch];
                    }
                }
                y[q] = acc.reduceLanes(VectorOperators.ADD) + tail;
                GemmFloat.finishRowScalar(epi, y, q, 1, 0); // bias and activation, one filter
            }
        });
        return y;
    }

    /** The kernel's gradient {@code [taps * channels]} given dz {@code [positions]}. */
    static float[] filterGrad(float[] x, float[] dz, ConvKernels.Geometry g) {
        int p = g.batch() * g.outPositions();
        int c = g.channels();
        int size = g.taps() * c;
        int blocks = (p + BLOCK - 1) / BLOCK;
        float[][] part = new float[blocks][];
        Parallel.forRange(blocks, (long) p * size, (s, e) -> {
            int[] xo = new int[g.taps()];
            int[] ko = new int[g.taps()];
            for (int b = s; b < e; b++) {
                float[] dk = new float[size];
                for (int q = b * BLOCK; q < Math.min(p, (b + 1) * BLOCK); q++) {
                    float d = dz[q];
                    FloatVector dv = FloatVector.broadcast(S, d);
                    int n = taps(g, q, xo, ko);
                    for (int t = 0; t < n; t++) {
                        int a = xo[t];
                        int k = ko[t];
                        int ch = 0;
                        for (; ch <= c - L; ch += L) {
                            FloatVector.fromArray(S, x, a + ch).fma(dv, FloatVector.fromArray(S, dk, k + ch))
                                    .intoArray(dk, k + ch);
                        }
                        for (; ch < c; ch++) {
                            dk[k + ch] += x[a + ch] * d;
                        }
                    }
                }
                part[b] = dk;
            }
        });
        // Blocks added in order: the same sum on any number of threads.
        float[] dk = blocks == 0 ? new float[size] : part[0];
        for (int b = 1; b < blocks; b++) {
            for (int i = 0; i < size; i++) {
                dk[i] += part[b][i];
            }
        }
        return dk;
    }

    /**
     * The taps of output position q that lie inside x: their offsets into x (the first channel)
     * and into the kernel ({@code tap * channels}), in xo and ko; returns how many.
     */
    private static int taps(ConvKernels.Geometry g, int q, int[] xo, int[] ko) {
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int c = g.channels();
        int pos = q % g.outPositions();
        int image = q / g.outPositions();
        int ow = pos % out[2];
        int oh = pos / out[2] % out[1];
        int od = pos / (out[2] * out[1]);
        int base = image * g.inPositions() * c;
        int n = 0;
        int tap = 0;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                for (int kw = 0; kw < k[2]; kw++, tap++) {
                    int iw = ow * st[2] + kw * dl[2] - pb[2];
                    if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1] || iw < 0 || iw >= in[2]) {
                        continue;
                    }
                    xo[n] = base + ((id * in[1] + ih) * in[2] + iw) * c;
                    ko[n] = tap * c;
                    n++;
                }
            }
        }
        return n;
    }
}
