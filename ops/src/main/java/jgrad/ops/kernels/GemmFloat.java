package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 loops of {@link Gemm}: {@code C[b] = A[b] @ B[b]} for a batch of matrices given by
 * offsets and strides, so that transposed and broadcast operands are read in place. Three vector
 * strategies: a packed, cache-blocked path with a {@value #MR}-row by two-vector FMA micro-kernel
 * (the general case), row updates {@code C[i,:] += A[i,k] * B[k,:]} for a few rows over
 * contiguous rows of B, and dot products for a few columns over contiguous rows of A and columns
 * of B. The scalar reference is a plain i-k-j loop.
 */
final class GemmFloat {
    private GemmFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;
    private static final int L = S.length();
    /** Rows of the micro-kernel's tile. */
    static final int MR = 6;
    /** Columns of the micro-kernel's tile: two vectors. */
    private static final int W = 2 * L;
    /** Depth of a packed block (k), rows of a packed A block, columns of a packed B block. */
    private static final int KC = 256;
    private static final int MC = 20 * MR;
    private static final int NC = Math.max(W, 1024 / W * W);

    /** Packing buffers per thread: a KC x NC panel of B, a MC x KC block of A, one output tile. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[KC * NC], new float[MC * KC], new float[MR * W]});

    /** One batched product: element (i, k) of batch t of A is at {@code aOff[t] + i*aRs + k*aCs}. */
    record Problem(float[] a, int[] aOff, int aRs, int aCs, float[] b, int[] bOff, int bRs, int bCs, float[] c,
            int m, int n, int k) {
        int batches() {
            return aOff.length;
        }

        long macs() {
            return (long) aOff.length * m * n * k;
        }
    }

    static void run(Problem p, boolean vector) {
        if (p.m() == 0 || p.n() == 0 || p.k() == 0 || p.batches() == 0) {
            return; // the output is already zero
        }
        if (!vector || p.macs() < Gemm.SMALL_MACS) {
            for (int t = 0; t < p.batches(); t++) {
                naive(p, t, 0, p.m());
            }
            return;
        }
        if (p.n() < 4 && p.aCs() == 1 && p.bRs() == 1) {
            // A few columns: dot products along contiguous k.
            int rows = p.batches() * p.m();
            Parallel.forRange(rows, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int r = s; r < e; r++) {
                    dots(p, r / p.m(), r % p.m());
                }
            });
            return;
        }
        if (p.m() < 4 && p.bCs() == 1) {
            // A few rows: update them from contiguous rows of B, in column chunks for the threads.
            int chunks = (p.n() + NC - 1) / NC;
            Parallel.forRange(p.batches() * chunks, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int u = s; u < e; u++) {
                    int t = u / chunks;
                    int c0 = (u % chunks) * NC;
                    rowUpdates(p, t, c0, Math.min(p.n(), c0 + NC));
                }
            });
            return;
        }
        int threads = Parallel.threads();
        if (p.batches() >= threads || p.macs() < Gemm.PARALLEL_MACS) {
            Parallel.forRange(p.batches(), p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int t = s; t < e; t++) {
                    blocked(p, t, 0, p.m(), 0, p.n());
                }
            });
            return;
        }
        // Fewer matrices than threads: split each one by rows (or by columns when it is wide).
        int parts = (threads + p.batches() - 1) / p.batches();
        boolean byRows = p.m() >= p.n();
        int extent = byRows ? p.m() : p.n();
        int unit = byRows ? MR : W;
        Parallel.forRange(p.batches() * parts, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
            for (int u = s; u < e; u++) {
                int t = u / parts;
                int part = u % parts;
                int lo = split(extent, parts, part, unit);
                int hi = split(extent, parts, part + 1, unit);
                if (lo < hi) {
                    if (byRows) {
                        blocked(p, t, lo, hi, 0, p.n());
                    } else {
                        blocked(p, t, 0, p.m(), lo, hi);
                    }
                }
            }
        });
    }

    /** Boundary {@code part} of {@code parts} over {@code extent}, rounded up to a multiple of unit. */
    private static int split(int extent, int parts, int part, int unit) {
        int b = (int) ((long) extent * part / parts);
        return Math.min(extent, (b + unit - 1) / unit * unit);
    }

    /** The scalar reference: rows {@code r0..r1-1} of batch t, i-k-j order. */
    static void naive(Problem p, int t, int r0, int r1) {
        float[] a = p.a();
        float[] b = p.b();
        float[] c = p.c();
        int n = p.n();
        int k = p.k();
        int cBase = t * p.m() * n;
        for (int i = r0; i < r1; i++) {
            int ai = p.aOff()[t] + i * p.aRs();
            int ci = cBase + i * n;
            for (int kk = 0; kk < k; kk++) {
                float av = a[ai + kk * p.aCs()];
                int bk = p.bOff()[t] + kk * p.bRs();
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bk + j * p.bCs()];
                }
            }
        }
    }

    /** Row i of batch t as dot products of A's contiguous row with B's contiguous columns. */
    private static void dots(Problem p, int t, int i) {
        float[] a = p.a();
        float[] b = p.b();
        int k = p.k();
        int ai = p.aOff()[t] + i * p.aRs();
        int ci = (t * p.m() + i) * p.n();
        int upper = S.loopBound(k);
        for (int j = 0; j < p.n(); j++) {
            int bj = p.bOff()[t] + j * p.bCs();
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            int kk = 0;
            for (; kk + 2 * L <= upper; kk += 2 * L) {
                s0 = FloatVector.fromArray(S, a, ai + kk).fma(FloatVector.fromArray(S, b, bj + kk), s0);
                s1 = FloatVector.fromArray(S, a, ai + kk + L).fma(FloatVector.fromArray(S, b, bj + kk + L), s1);
            }
            for (; kk < upper; kk += L) {
                s0 = FloatVector.fromArray(S, a, ai + kk).fma(FloatVector.fromArray(S, b, bj + kk), s0);
            }
            float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
            for (; kk < k; kk++) {
                sum = Math.fma(a[ai + kk], b[bj + kk], sum);
            }
            p.c()[ci + j] = sum;
        }
    }

    /** Every row of batch t, columns c0..c1-1: {@code C[i,:] += A[i,k] * B[k,:]} over contiguous B rows. */
    private static void rowUpdates(Problem p, int t, int c0, int c1) {
        float[] a = p.a();
        float[] b = p.b();
        float[] c = p.c();
        int width = c1 - c0;
        int upper = S.loopBound(width);
        for (int i = 0; i < p.m(); i++) {
            int ai = p.aOff()[t] + i * p.aRs();
            int ci = (t * p.m() + i) * p.n() + c0;
            for (int kk = 0; kk < p.k(); kk++) {
                float av = a[ai + kk * p.aCs()];
                FloatVector va = FloatVector.broadcast(S, av);
                int bk = p.bOff()[t] + kk * p.bRs() + c0;
                int j = 0;
                for (; j < upper; j += L) {
                    va.fma(FloatVector.fromArray(S, b, bk + j), FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                }
                for (; j < width; j++) {
                    c[ci + j] = Math.fma(av, b[bk + j], c[ci + j]);
                }
            }
        }
    }

    /** The packed, cache-blocked product for rows r0..r1-1 and columns c0..c1-1 of batch t. */
    static void blocked(Problem p, int t, int r0, int r1, int c0, int c1) {
        float[][] buf = BUFFERS.get();
        float[] bp = buf[0];
        float[] ap = buf[1];
        float[] tile = buf[2];
        int n = p.n();
        int cBase = t * p.m() * n;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < p.k(); pc += KC) {
                int kc = Math.min(KC, p.k() - pc);
                packB(p, t, pc, kc, jc, nc, bp);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    packA(p, t, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += W) {
                        int nr = Math.min(W, nc - jr);
                        int bi = jr / W * kc * W;
                        for (int ir = 0; ir < mc; ir += MR) {
                            micro(ap, ir / MR * kc * MR, bp, bi, kc, p.c(), cBase + (ic + ir) * n + jc + jr, n,
                                    Math.min(MR, mc - ir), nr, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * B[pc..pc+kc, jc..jc+nc] as strips of W columns, each kc rows of W (zero-padded) in a row. The
     * loop order follows whichever of B's strides is 1, so the source is read sequentially.
     */
    private static void packB(Problem p, int t, int pc, int kc, int jc, int nc, float[] bp) {
        float[] b = p.b();
        int bRs = p.bRs();
        int bCs = p.bCs();
        int base = p.bOff()[t] + pc * bRs + jc * bCs;
        int strips = (nc + W - 1) / W;
        if (bCs == 1) {
            // Rows of B are contiguous: copy each row's pieces into the strips.
            for (int kk = 0; kk < kc; kk++) {
                int src = base + kk * bRs;
                for (int s = 0; s < strips; s++) {
                    int nr = Math.min(W, nc - s * W);
                    int o = (s * kc + kk) * W;
                    System.arraycopy(b, src + s * W, bp, o, nr);
                    for (int j = nr; j < W; j++) {
                        bp[o + j] = 0f;
                    }
                }
            }
            return;
        }
        for (int s = 0; s < strips; s++) {
            int nr = Math.min(W, nc - s * W);
            int o = s * kc * W;
            for (int j = 0; j < W; j++) {
                if (j < nr) {
                    // Column j of the strip: contiguous in k when B is stored transposed.
                    int src = base + (s * W + j) * bCs;
                    for (int kk = 0; kk < kc; kk++) {
                        bp[o + kk * W + j] = b[src + kk * bRs];
                    }
                } else {
                    for (int kk = 0; kk < kc; kk++) {
                        bp[o + kk * W + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * A[ic..ic+mc, pc..pc+kc] as panels of MR rows, each kc columns of MR (zero-padded) in a row,
     * read along whichever of A's strides is 1.
     */
    private static void packA(Problem p, int t, int ic, int mc, int pc, int kc, float[] ap) {
        float[] a = p.a();
        int aRs = p.aRs();
        int aCs = p.aCs();
        int base = p.aOff()[t] + ic * aRs + pc * aCs;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int o = ir / MR * kc * MR;
            if (aRs == 1 && aCs != 1) {
                // A stored transposed: a column of the panel is contiguous.
                for (int kk = 0; kk < kc; kk++) {
                    int src = base + ir + kk * aCs;
                    int q = o + kk * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[q + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[q + r] = 0f;
                    }
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                if (r < mr) {
                    int src = base + (ir + r) * aRs;
                    for (int kk = 0; kk < kc; kk++) {
                        ap[o + kk * MR + r] = a[src + kk * aCs];
                    }
                } else {
                    for (int kk = 0; kk < kc; kk++) {
                        ap[o + kk * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /** C[tile] += Ap panel @ Bp strip: MR x W accumulators in registers, FMA over kc. */
    private static void micro(float[] ap, int ai, float[] bp, int bi, int kc, float[] c, int co, int ldc, int mr,
            int nr, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int kk = 0; kk < kc; kk++, ai += MR, bi += W) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (mr == MR && nr == W) {
            add(c, co, c00, c01);
            add(c, co + ldc, c10, c11);
            add(c, co + 2 * ldc, c20, c21);
            add(c, co + 3 * ldc, c30, c31);
            add(c, co + 4 * ldc, c40, c41);
            add(c, co + 5 * ldc, c50, c51);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, W);
        c11.intoArray(tile, W + L);
        c20.intoArray(tile, 2 * W);
        c21.intoArray(tile, 2 * W + L);
        c30.intoArray(tile, 3 * W);
        c31.intoArray(tile, 3 * W + L);
        c40.intoArray(tile, 4 * W);
        c41.intoArray(tile, 4 * W + L);
        c50.intoArray(tile, 5 * W);
        c51.intoArray(tile, 5 * W + L);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                c[co + r * ldc + j] += tile[r * W + j];
            }
        }
    }

    private static void add(float[] c, int o, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(S, c, o).add(v0).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(v1).intoArray(c, o + L);
    }
}
