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

    /**
     * {@code act(conv(x, kernel) + bias)} as {@code [positions]}. Positions whose windows lie
     * inside x, and then each group of border positions with the same taps inside x
     * ({@link DirectConv.Layout#borderGroups}), share their runs (contiguous stretches of taps x
     * channels), so four positions at a time are summed along them with one accumulator each:
     * four independent chains of FMAs, the kernel's vectors loaded once for the four. With a
     * dilated width the border positions take their taps one at a time.
     */
    static float[] forward(float[] x, float[] kernel, float[] bias, Epilogue.Activation act, ConvKernels.Geometry g) {
        int p = g.batch() * g.outPositions();
        float[] y = new float[p];
        int c = g.channels();
        GemmFloat.Epi epi = new GemmFloat.Epi(bias, 0, act, null, 0);
        DirectConv.Layout l = new DirectConv.Layout(g, 1);
        int[] inner = l.inner();
        DirectConv.BorderGroup[] groups = l.borderGroups();
        // Segments: the inner positions, then each group (or, without groups, the border positions).
        int segs = 1 + (groups == null ? 1 : groups.length);
        int[] segStart = new int[segs + 1];
        segStart[1] = inner.length;
        if (groups == null) {
            segStart[2] = p;
        } else {
            for (int i = 0; i < groups.length; i++) {
                segStart[i + 2] = segStart[i + 1] + groups[i].positions().length;
            }
        }
        int[] innerK = new int[l.runs];
        for (int t = 0; t < l.runs; t++) {
            innerK[t] = t * l.runLen;
        }
        Parallel.forRange(p, (long) p * g.taps() * c, (s, e) -> {
            int[] xo = new int[g.taps()];
            int[] ko = new int[g.taps()];
            for (int sg = 0; sg < segs; sg++) {
                int a = Math.max(s, segStart[sg]);
                int b = Math.min(e, segStart[sg + 1]);
                if (a >= b) {
                    continue;
                }
                if (sg == 0) {
                    dots(x, kernel, inner, l.innerBase(), a, b, l.runOffIn, innerK, l.runLen, y);
                } else if (groups != null) {
                    DirectConv.BorderGroup grp = groups[sg - 1];
                    int o = segStart[sg];
                    dots(x, kernel, grp.positions(), grp.bases(), a - o, b - o, grp.runOff(), grp.runK(), grp.runLen(),
                            y);
                } else {
                    int[] border = l.border();
                    for (int i = a - segStart[1]; i < b - segStart[1]; i++) {
                        int q = border[i];
                        int n = taps(g, q, xo, ko);
                        FloatVector acc = FloatVector.zero(S);
                        float tail = 0f;
                        for (int t = 0; t < n; t++) {
                            int ch = 0;
                            for (; ch <= c - L; ch += L) {
                                acc = FloatVector.fromArray(S, x, xo[t] + ch)
                                        .fma(FloatVector.fromArray(S, kernel, ko[t] + ch), acc);
                            }
                            for (; ch < c; ch++) {
                                tail += x[xo[t] + ch] * kernel[ko[t] + ch];
                            }
                        }
                        y[q] = acc.reduceLanes(VectorOperators.ADD) + tail;
                    }
                }
            }
        });
        for (int q = 0; q < p; q++) {
            GemmFloat.finishRowScalar(epi, y, q, 1, 0); // bias and activation, one filter
        }
        return y;
    }

    /**
     * Outputs {@code pos[i]} for i in [a, b): the dot product of {@code x[bases[i] + runOff[t] + j]}
     * with {@code kernel[runK[t] + j]} over the runs, four positions at a time.
     */
    private static void dots(float[] x, float[] kernel, int[] pos, int[] bases, int a, int b, int[] runOff, int[] runK,
            int runLen, float[] y) {
        int runs = runOff.length;
        int vec = runLen - runLen % L;
        int i = a;
        for (; i + 4 <= b; i += 4) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            float t0 = 0f;
            float t1 = 0f;
            float t2 = 0f;
            float t3 = 0f;
            int b0 = bases[i];
            int b1 = bases[i + 1];
            int b2 = bases[i + 2];
            int b3 = bases[i + 3];
            for (int t = 0; t < runs; t++) {
                int o = runOff[t];
                int k = runK[t];
                int j = 0;
                for (; j < vec; j += L) {
                    FloatVector kv = FloatVector.fromArray(S, kernel, k + j);
                    s0 = FloatVector.fromArray(S, x, b0 + o + j).fma(kv, s0);
                    s1 = FloatVector.fromArray(S, x, b1 + o + j).fma(kv, s1);
                    s2 = FloatVector.fromArray(S, x, b2 + o + j).fma(kv, s2);
                    s3 = FloatVector.fromArray(S, x, b3 + o + j).fma(kv, s3);
                }
                for (; j < runLen; j++) {
                    float kj = kernel[k + j];
                    t0 += x[b0 + o + j] * kj;
                    t1 += x[b1 + o + j] * kj;
                    t2 += x[b2 + o + j] * kj;
                    t3 += x[b3 + o + j] * kj;
                }
            }
            y[pos[i]] = s0.reduceLanes(VectorOperators.ADD) + t0;
            y[pos[i + 1]] = s1.reduceLanes(VectorOperators.ADD) + t1;
            y[pos[i + 2]] = s2.reduceLanes(VectorOperators.ADD) + t2;
            y[pos[i + 3]] = s3.reduceLanes(VectorOperators.ADD) + t3;
        }
        for (; i < b; i++) {
            FloatVector s0 = FloatVector.zero(S);
            float t0 = 0f;
            for (int t = 0; t < runs; t++) {
                int o = bases[i] + runOff[t];
                int k = runK[t];
                int j = 0;
                for (; j < vec; j += L) {
                    s0 = FloatVector.fromArray(S, x, o + j).fma(FloatVector.fromArray(S, kernel, k + j), s0);
                }
                for (; j < runLen; j++) {
                    t0 += x[o + j] * kernel[k + j];
                }
            }
            y[pos[i]] = s0.reduceLanes(VectorOperators.ADD) + t0;
        }
    }

    /**
     * The kernel's gradient {@code [taps * channels]} given dz {@code [positions]}: in blocks of
     * positions (a fixed split, so the sums do not depend on threads), each run of the inner
     * positions and of each border group (as in {@link #forward}) summed four vectors at a time in
     * registers over the block's positions, then added to the block's partial gradient.
     */
    static float[] filterGrad(float[] x, float[] dz, ConvKernels.Geometry g) {
        int p = g.batch() * g.outPositions();
        int c = g.channels();
        int size = g.taps() * c;
        int blocks = (p + BLOCK - 1) / BLOCK;
        float[][] part = new float[blocks][];
        DirectConv.Layout l = new DirectConv.Layout(g, 1);
        int[] inner = l.inner();
        DirectConv.BorderGroup[] groups = l.borderGroups();
        int segs = 1 + (groups == null ? 1 : groups.length);
        int[] segStart = new int[segs + 1];
        segStart[1] = inner.length;
        if (groups == null) {
            segStart[2] = p;
        } else {
            for (int i = 0; i < groups.length; i++) {
                segStart[i + 2] = segStart[i + 1] + groups[i].positions().length;
            }
        }
        int[] innerK = new int[l.runs];
        for (int t = 0; t < l.runs; t++) {
            innerK[t] = t * l.runLen;
        }
        Parallel.forRange(blocks, (long) p * size, (s, e) -> {
            int[] xo = new int[g.taps()];
            int[] ko = new int[g.taps()];
            for (int b = s; b < e; b++) {
                float[] dk = new float[size];
                int q0 = b * BLOCK;
                int q1 = Math.min(p, q0 + BLOCK);
                for (int sg = 0; sg < segs; sg++) {
                    int a = Math.max(q0, segStart[sg]);
                    int z = Math.min(q1, segStart[sg + 1]);
                    if (a >= z) {
                        continue;
                    }
                    if (sg == 0) {
                        sums(x, dz, inner, l.innerBase(), a, z, l.runOffIn, innerK, l.runLen, dk);
                    } else if (groups != null) {
                        DirectConv.BorderGroup grp = groups[sg - 1];
                        int o = segStart[sg];
                        sums(x, dz, grp.positions(), grp.bases(), a - o, z - o, grp.runOff(), grp.runK(),
                                grp.runLen(), dk);
                    } else {
                        int[] border = l.border();
                        for (int i = a - segStart[1]; i < z - segStart[1]; i++) {
                            int q = border[i];
                            float d = dz[q];
                            FloatVector dv = FloatVector.broadcast(S, d);
                            int n = taps(g, q, xo, ko);
                            for (int t = 0; t < n; t++) {
                                int xa = xo[t];
                                int k = ko[t];
                                int ch = 0;
                                for (; ch <= c - L; ch += L) {
                                    FloatVector.fromArray(S, x, xa + ch).fma(dv, FloatVector.fromArray(S, dk, k + ch))
                                            .intoArray(dk, k + ch);
                                }
                                for (; ch < c; ch++) {
                                    dk[k + ch] += x[xa + ch] * d;
                                }
                            }
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
     * {@code dk[runK[t] + j] += sum_i x[bases[i] + runOff[t] + j] * dz[pos[i]]} for i in [a, b):
     * each run four vectors at a time with the sums in registers across the positions.
     */
    private static void sums(float[] x, float[] dz, int[] pos, int[] bases, int a, int b, int[] runOff, int[] runK,
            int runLen, float[] dk) {
        int vec = runLen - runLen % L;
        for (int t = 0; t < runOff.length; t++) {
            int o = runOff[t];
            int k = runK[t];
            int j = 0;
            for (; j + 4 * L <= vec; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int i = a; i < b; i++) {
                    FloatVector d = FloatVector.broadcast(S, dz[pos[i]]);
                    int xb = bases[i] + o + j;
                    s0 = FloatVector.fromArray(S, x, xb).fma(d, s0);
                    s1 = FloatVector.fromArray(S, x, xb + L).fma(d, s1);
                    s2 = FloatVector.fromArray(S, x, xb + 2 * L).fma(d, s2);
                    s3 = FloatVector.fromArray(S, x, xb + 3 * L).fma(d, s3);
                }
                int kj = k + j;
                s0.add(FloatVector.fromArray(S, dk, kj)).intoArray(dk, kj);
                s1.add(FloatVector.fromArray(S, dk, kj + L)).intoArray(dk, kj + L);
                s2.add(FloatVector.fromArray(S, dk, kj + 2 * L)).intoArray(dk, kj + 2 * L);
                s3.add(FloatVector.fromArray(S, dk, kj + 3 * L)).intoArray(dk, kj + 3 * L);
            }
            for (; j < vec; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int i = a; i < b; i++) {
                    s0 = FloatVector.fromArray(S, x, bases[i] + o + j).fma(FloatVector.broadcast(S, dz[pos[i]]), s0);
                }
                s0.add(FloatVector.fromArray(S, dk, k + j)).intoArray(dk, k + j);
            }
            for (; j < runLen; j++) {
                float acc = 0f;
                for (int i = a; i < b; i++) {
                    acc += x[bases[i] + o + j] * dz[pos[i]];
                }
                dk[k + j] += acc;
            }
        }
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
