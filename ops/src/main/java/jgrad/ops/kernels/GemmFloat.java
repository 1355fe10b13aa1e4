package jgrad.ops.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 loops of {@link Gemm}: {@code C[b] = epilogue(A[b] @ B[b])} for a batch of matrices
 * given by offsets and strides, so that transposed and broadcast operands are read in place. The
 * general case is the packed, cache-blocked path (Goto's algorithm: a KC x NC panel of B and an
 * MC x KC block of A packed into per-thread buffers, an MR x NR register-blocked FMA micro-kernel
 * over them); two special cases cover a few columns (dot products) and a few rows (row updates).
 * The scalar reference is a plain i-k-j loop. Generated from one template with {@code GemmDouble}:
 * edit both alike.
 */
final class GemmFloat {
    private GemmFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;
    private static final int L = S.length();
    /**
     * 512-bit vectors come with 32 vector registers (AVX-512): a 12 x 2-vector tile holds 24
     * accumulators, 2 B vectors and a broadcast. With 256 bits or less there are 16 (AVX2): 6 x 2.
     */
    static final boolean WIDE = S.vectorBitSize() >= 512;
    /** Rows of the micro-kernel's tile. */
    static final int MR = WIDE ? 12 : 6;
    /** Columns of the micro-kernel's tile: two vectors (one for products at most one vector wide). */
    static final int NR = 2 * L;
    /** Depth of a packed block; blocks are balanced, so the depth used is at most this. */
    static final int KC = Gemm.tuning("kc", 256);
    /** Rows of a packed block of A (a multiple of MR). */
    static final int MC = Math.max(MR, Gemm.tuning("mc", 120) / MR * MR);
    /** Columns of a packed panel of B (a multiple of NR). */
    static final int NC = Math.max(NR, Gemm.tuning("nc", 1024) / NR * NR);
    /**
     * Products whose packed panel of A would serve at most this many strips of B read A's rows in
     * place instead: packing A costs about as much as that many micro-kernel passes over it.
     */
    static final int IN_PLACE_STRIPS = Gemm.tuning("inPlaceStrips", 4);

    /** Per-thread buffers: a KC x NC panel of B, an MC x KC block of A, one output tile. */
    private static final class Buffers {
        final float[] b = new float[KC * NC];
        final float[] a = new float[MC * KC];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** The epilogue with its operands as arrays: a bias per column, or the activation outputs y. */
    record Epi(float[] bias, int biasOff, Epilogue.Activation act, float[] y, int yOff) {}

    /**
     * One batched product: element (i, k) of batch t of A is at {@code aOff[t] + i*aRs + k*aCs}; C is
     * row-major, batch t at {@code t*m*n}, and may hold garbage on entry (every element is written).
     */
    record Problem(float[] a, int[] aOff, int aRs, int aCs, float[] b, int[] bOff, int bRs, int bCs, float[] c,
            int m, int n, int k, Epi epi) {
        int batches() {
            return aOff.length;
        }

        long macs() {
            return (long) aOff.length * m * n * k;
        }
    }

    static void run(Problem p, boolean vector) {
        int m = p.m();
        int n = p.n();
        if (m == 0 || n == 0 || p.batches() == 0) {
            return;
        }
        if (p.k() == 0 || !vector || p.macs() < Gemm.SMALL_MACS) {
            for (int t = 0; t < p.batches(); t++) {
                reference(p, t, vector);
            }
            return;
        }
        if (n < 4 && p.aCs() == 1 && p.bRs() == 1) {
            // A few columns: dot products along contiguous k.
            int rows = p.batches() * m;
            Parallel.forRange(rows, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int r = s; r < e; r++) {
                    dots(p, r / m, r % m);
                }
            });
            return;
        }
        if (m < 4 && p.bCs() == 1) {
            // A few rows: update them from contiguous rows of B, in column chunks for the threads.
            int chunks = (n + NC - 1) / NC;
            Parallel.forRange(p.batches() * chunks, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int u = s; u < e; u++) {
                    int t = u / chunks;
                    int c0 = (u % chunks) * NC;
                    rowUpdates(p, t, c0, Math.min(n, c0 + NC));
                }
            });
            return;
        }
        int threads = Parallel.threads();
        if (p.batches() >= threads || p.macs() < Gemm.PARALLEL_MACS) {
            Parallel.forRange(p.batches(), p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
                for (int t = s; t < e; t++) {
                    blocked(p, t, 0, m, 0, n);
                }
            });
            return;
        }
        // Fewer matrices than threads: split each one by rows (or by columns when it is wide).
        int parts = (threads + p.batches() - 1) / p.batches();
        boolean byRows = m >= n;
        int extent = byRows ? m : n;
        int unit = byRows ? MR : NR;
        Parallel.forRange(p.batches() * parts, p.macs(), Gemm.PARALLEL_MACS, (s, e) -> {
            for (int u = s; u < e; u++) {
                int t = u / parts;
                int part = u % parts;
                int lo = Gemm.split(extent, parts, part, unit);
                int hi = Gemm.split(extent, parts, part + 1, unit);
                if (lo < hi) {
                    if (byRows) {
                        blocked(p, t, lo, hi, 0, n);
                    } else {
                        blocked(p, t, 0, m, lo, hi);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ reference and special cases

    /**
     * Batch t with plain loops: the scalar reference (i-k-j order), also used for tiny products and
     * an empty inner axis. With {@code vectorEpilogue} the epilogue takes the vector path.
     */
    static void reference(Problem p, int t, boolean vectorEpilogue) {
        float[] a = p.a();
        float[] b = p.b();
        float[] c = p.c();
        int n = p.n();
        int k = p.k();
        int cBase = t * p.m() * n;
        for (int i = 0; i < p.m(); i++) {
            int ai = p.aOff()[t] + i * p.aRs();
            int ci = cBase + i * n;
            Arrays.fill(c, ci, ci + n, 0f);
            for (int kk = 0; kk < k; kk++) {
                float av = a[ai + kk * p.aCs()];
                int bk = p.bOff()[t] + kk * p.bRs();
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bk + j * p.bCs()];
                }
            }
            if (p.epi() != null) {
                if (vectorEpilogue) {
                    finishRow(p.epi(), c, ci, n, 0);
                } else {
                    finishRowScalar(p.epi(), c, ci, n, 0);
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
        if (p.epi() != null) {
            finishRow(p.epi(), p.c(), ci, p.n(), 0);
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
            Arrays.fill(c, ci, ci + width, 0f);
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
            if (p.epi() != null) {
                finishRow(p.epi(), c, ci, width, c0);
            }
        }
    }

    // ------------------------------------------------------------------ the blocked path

    /**
     * The packed, cache-blocked product for rows r0..r1-1 and columns c0..c1-1 of batch t. Each
     * element of C is summed in the same order (k blocks in turn, k ascending inside a block)
     * however the rows and columns are split, so the threads never change the result.
     */
    static void blocked(Problem p, int t, int r0, int r1, int c0, int c1) {
        Buffers buf = BUFFERS.get();
        float[] bp = buf.b;
        float[] ap = buf.a;
        float[] tile = buf.tile;
        float[] c = p.c();
        int n = p.n();
        int k = p.k();
        int cBase = t * p.m() * n;
        // One vector wide strips when the product is that narrow; otherwise two.
        boolean narrow = c1 - c0 <= L;
        int w = narrow ? L : NR;
        int kBlocks = (k + KC - 1) / KC;
        int kcStep = (k + kBlocks - 1) / kBlocks;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            boolean inPlace = p.aCs() == 1 && (nc + w - 1) / w <= IN_PLACE_STRIPS;
            for (int kb = 0; kb < kBlocks; kb++) {
                int pc = kb * kcStep;
                int kc = Math.min(kcStep, k - pc);
                boolean first = kb == 0;
                boolean last = kb == kBlocks - 1;
                packB(p, t, pc, kc, jc, nc, w, bp);
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    // Whole MR-row panels read in place; the rest (a ragged last panel) is packed.
                    int direct = inPlace ? mc / MR * MR : 0;
                    if (direct < mc) {
                        packA(p, t, ic + direct, mc - direct, pc, kc, ap);
                    }
                    int aBase = p.aOff()[t] + ic * p.aRs() + pc;
                    if (ROWS_OUTER) {
                        rowsOuter(p, c, ap, bp, tile, narrow, w, direct, aBase, cBase, ic, mc, jc, nc, kc, first, last);
                        continue;
                    }
                    for (int jr = 0; jr < nc; jr += w) {
                        int nr = Math.min(w, nc - jr);
                        int bi = jr / w * kc * w;
                        for (int ir = 0; ir < mc; ir += MR) {
                            if (ir < direct) {
                                microInPlace(narrow, p.a(), aBase + ir * p.aRs(), p.aRs(), bp, bi, kc, tile);
                            } else {
                                micro(narrow, ap, (ir - direct) / MR * kc * MR, bp, bi, kc, tile);
                            }
                            int co = cBase + (ic + ir) * n + jc + jr;
                            int mr = Math.min(MR, mc - ir);
                            store(tile, c, co, n, mr, nr, first);
                            if (last && p.epi() != null) {
                                for (int r = 0; r < mr; r++) {
                                    finishRow(p.epi(), c, co + r * n, nr, jc + jr);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static final boolean ROWS_OUTER = Gemm.tuning("rowsOuter", 1) == 1;

    private static void rowsOuter(Problem p, float[] c, float[] ap, float[] bp, float[] tile, boolean narrow, int w,
            int direct, int aBase, int cBase, int ic, int mc, int jc, int nc, int kc, boolean first, boolean last) {
        int n = p.n();
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            for (int jr = 0; jr < nc; jr += w) {
                int nr = Math.min(w, nc - jr);
                int bi = jr / w * kc * w;
                if (ir < direct) {
                    microInPlace(narrow, p.a(), aBase + ir * p.aRs(), p.aRs(), bp, bi, kc, tile);
                } else {
                    micro(narrow, ap, (ir - direct) / MR * kc * MR, bp, bi, kc, tile);
                }
                int co = cBase + (ic + ir) * n + jc + jr;
                store(tile, c, co, n, mr, nr, first);
                if (last && p.epi() != null) {
                    for (int r = 0; r < mr; r++) {
                        finishRow(p.epi(), c, co + r * n, nr, jc + jr);
                    }
                }
            }
        }
    }

    private static void micro(boolean narrow, float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        if (WIDE) {
            if (narrow) {
                micro12x1(ap, ai, bp, bi, kc, tile);
            } else {
                micro12x2(ap, ai, bp, bi, kc, tile);
            }
        } else if (narrow) {
            micro6x1(ap, ai, bp, bi, kc, tile);
        } else {
            micro6x2(ap, ai, bp, bi, kc, tile);
        }
    }

    private static void microInPlace(boolean narrow, float[] a, int ai, int lda, float[] bp, int bi, int kc,
            float[] tile) {
        if (WIDE) {
            if (narrow) {
                micro12x1InPlace(a, ai, lda, bp, bi, kc, tile);
            } else {
                micro12x2InPlace(a, ai, lda, bp, bi, kc, tile);
            }
        } else if (narrow) {
            micro6x1InPlace(a, ai, lda, bp, bi, kc, tile);
        } else {
            micro6x2InPlace(a, ai, lda, bp, bi, kc, tile);
        }
    }

    /**
     * B[pc..pc+kc, jc..jc+nc] as strips of w columns, each kc rows of w (zero-padded) in a row. Rows
     * of B that are contiguous are copied a vector at a time; otherwise each column of the strip is
     * read along k (contiguous when B is stored transposed).
     */
    private static void packB(Problem p, int t, int pc, int kc, int jc, int nc, int w, float[] bp) {
        float[] b = p.b();
        int bRs = p.bRs();
        int bCs = p.bCs();
        int base = p.bOff()[t] + pc * bRs + jc * bCs;
        int strips = (nc + w - 1) / w;
        for (int s = 0; s < strips; s++) {
            int nr = Math.min(w, nc - s * w);
            int o = s * kc * w;
            int src = base + s * w * bCs;
            if (bCs == 1 && nr == w) {
                for (int kk = 0; kk < kc; kk++) {
                    int from = src + kk * bRs;
                    int to = o + kk * w;
                    for (int v = 0; v < w; v += L) {
                        FloatVector.fromArray(S, b, from + v).intoArray(bp, to + v);
                    }
                }
            } else if (bCs == 1) {
                VectorMask<Float> m0 = S.indexInRange(0, nr);
                VectorMask<Float> m1 = S.indexInRange(L, nr);
                for (int kk = 0; kk < kc; kk++) {
                    int from = src + kk * bRs;
                    int to = o + kk * w;
                    FloatVector.fromArray(S, b, from, m0).intoArray(bp, to);
                    if (w > L) {
                        FloatVector.fromArray(S, b, from + L, m1).intoArray(bp, to + L);
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int from = src + j * bCs;
                    for (int kk = 0; kk < kc; kk++) {
                        bp[o + kk * w + j] = b[from + kk * bRs];
                    }
                }
                for (int j = nr; j < w; j++) {
                    for (int kk = 0; kk < kc; kk++) {
                        bp[o + kk * w + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * A[ic..ic+mc, pc..pc+kc] as panels of MR rows, each kc columns of MR (zero-padded) in a row,
     * written in order and read along whichever of A's strides is 1.
     */
    private static void packA(Problem p, int t, int ic, int mc, int pc, int kc, float[] ap) {
        float[] a = p.a();
        int aRs = p.aRs();
        int aCs = p.aCs();
        int base = p.aOff()[t] + ic * aRs + pc * aCs;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int o = ir / MR * kc * MR;
            int src = base + ir * aRs;
            if (aCs == 1 && mr == MR) {
                for (int kk = 0; kk < kc; kk++) {
                    int q = o + kk * MR;
                    int s = src + kk;
                    for (int r = 0; r < MR; r++) {
                        ap[q + r] = a[s + r * aRs];
                    }
                }
            } else {
                for (int kk = 0; kk < kc; kk++) {
                    int q = o + kk * MR;
                    int s = src + kk * aCs;
                    for (int r = 0; r < mr; r++) {
                        ap[q + r] = a[s + r * aRs];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[q + r] = 0f;
                    }
                }
            }
        }
    }

    /** The tile's mr x nr corner into C: written over it on the first k block, added after that. */
    private static void store(float[] tile, float[] c, int co, int ldc, int mr, int nr, boolean first) {
        if (nr == NR) {
            for (int r = 0; r < mr; r++) {
                int o = co + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR);
                FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L);
                if (!first) {
                    v0 = v0.add(FloatVector.fromArray(S, c, o));
                    v1 = v1.add(FloatVector.fromArray(S, c, o + L));
                }
                v0.intoArray(c, o);
                v1.intoArray(c, o + L);
            }
            return;
        }
        VectorMask<Float> m0 = S.indexInRange(0, nr);
        VectorMask<Float> m1 = S.indexInRange(L, nr);
        for (int r = 0; r < mr; r++) {
            int o = co + r * ldc;
            FloatVector v0 = FloatVector.fromArray(S, tile, r * NR);
            if (!first) {
                v0 = v0.add(FloatVector.fromArray(S, c, o, m0));
            }
            v0.intoArray(c, o, m0);
            if (nr > L) {
                FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L);
                if (!first) {
                    v1 = v1.add(FloatVector.fromArray(S, c, o + L, m1));
                }
                v1.intoArray(c, o + L, m1);
            }
        }
    }

    // ------------------------------------------------------------------ micro-kernels (generated)

    /** A 12 rows x 2 vectors tile of a packed panel of A times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro12x2(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        FloatVector c80 = z, c81 = z;
        FloatVector c90 = z, c91 = z;
        FloatVector c100 = z, c101 = z;
        FloatVector c110 = z, c111 = z;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * 2 * L;
            int a = ai + kk * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, ap[a + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, ap[a + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, ap[a + 10]); c100 = x.fma(b0, c100); c101 = x.fma(b1, c101);
            x = FloatVector.broadcast(S, ap[a + 11]); c110 = x.fma(b0, c110); c111 = x.fma(b1, c111);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
        c80.intoArray(tile, 16 * L); c81.intoArray(tile, 17 * L);
        c90.intoArray(tile, 18 * L); c91.intoArray(tile, 19 * L);
        c100.intoArray(tile, 20 * L); c101.intoArray(tile, 21 * L);
        c110.intoArray(tile, 22 * L); c111.intoArray(tile, 23 * L);
    }

    /** A 12 rows x 2 vectors tile of rows of A read in place times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro12x2InPlace(float[] a, int ai, int lda, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        FloatVector c80 = z, c81 = z;
        FloatVector c90 = z, c91 = z;
        FloatVector c100 = z, c101 = z;
        FloatVector c110 = z, c111 = z;
        int a1 = ai + 1 * lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        int a6 = ai + 6 * lda;
        int a7 = ai + 7 * lda;
        int a8 = ai + 8 * lda;
        int a9 = ai + 9 * lda;
        int a10 = ai + 10 * lda;
        int a11 = ai + 11 * lda;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai + kk]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + kk]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + kk]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + kk]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + kk]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + kk]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + kk]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + kk]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[a8 + kk]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[a9 + kk]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, a[a10 + kk]); c100 = x.fma(b0, c100); c101 = x.fma(b1, c101);
            x = FloatVector.broadcast(S, a[a11 + kk]); c110 = x.fma(b0, c110); c111 = x.fma(b1, c111);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
        c60.intoArray(tile, 12 * L); c61.intoArray(tile, 13 * L);
        c70.intoArray(tile, 14 * L); c71.intoArray(tile, 15 * L);
        c80.intoArray(tile, 16 * L); c81.intoArray(tile, 17 * L);
        c90.intoArray(tile, 18 * L); c91.intoArray(tile, 19 * L);
        c100.intoArray(tile, 20 * L); c101.intoArray(tile, 21 * L);
        c110.intoArray(tile, 22 * L); c111.intoArray(tile, 23 * L);
    }

    /** A 12 rows x 1 vector tile of a packed panel of A times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro12x1(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        FloatVector c60 = z;
        FloatVector c70 = z;
        FloatVector c80 = z;
        FloatVector c90 = z;
        FloatVector c100 = z;
        FloatVector c110 = z;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * L;
            int a = ai + kk * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, ap[a + 6]); c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, ap[a + 7]); c70 = x.fma(b0, c70);
            x = FloatVector.broadcast(S, ap[a + 8]); c80 = x.fma(b0, c80);
            x = FloatVector.broadcast(S, ap[a + 9]); c90 = x.fma(b0, c90);
            x = FloatVector.broadcast(S, ap[a + 10]); c100 = x.fma(b0, c100);
            x = FloatVector.broadcast(S, ap[a + 11]); c110 = x.fma(b0, c110);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
        c60.intoArray(tile, 12 * L);
        c70.intoArray(tile, 14 * L);
        c80.intoArray(tile, 16 * L);
        c90.intoArray(tile, 18 * L);
        c100.intoArray(tile, 20 * L);
        c110.intoArray(tile, 22 * L);
    }

    /** A 12 rows x 1 vector tile of rows of A read in place times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro12x1InPlace(float[] a, int ai, int lda, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        FloatVector c60 = z;
        FloatVector c70 = z;
        FloatVector c80 = z;
        FloatVector c90 = z;
        FloatVector c100 = z;
        FloatVector c110 = z;
        int a1 = ai + 1 * lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        int a6 = ai + 6 * lda;
        int a7 = ai + 7 * lda;
        int a8 = ai + 8 * lda;
        int a9 = ai + 9 * lda;
        int a10 = ai + 10 * lda;
        int a11 = ai + 11 * lda;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai + kk]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + kk]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + kk]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + kk]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + kk]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[a5 + kk]); c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[a6 + kk]); c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[a7 + kk]); c70 = x.fma(b0, c70);
            x = FloatVector.broadcast(S, a[a8 + kk]); c80 = x.fma(b0, c80);
            x = FloatVector.broadcast(S, a[a9 + kk]); c90 = x.fma(b0, c90);
            x = FloatVector.broadcast(S, a[a10 + kk]); c100 = x.fma(b0, c100);
            x = FloatVector.broadcast(S, a[a11 + kk]); c110 = x.fma(b0, c110);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
        c60.intoArray(tile, 12 * L);
        c70.intoArray(tile, 14 * L);
        c80.intoArray(tile, 16 * L);
        c90.intoArray(tile, 18 * L);
        c100.intoArray(tile, 20 * L);
        c110.intoArray(tile, 22 * L);
    }

    /** A 6 rows x 2 vectors tile of a packed panel of A times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro6x2(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * 2 * L;
            int a = ai + kk * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
    }

    /** A 6 rows x 2 vectors tile of rows of A read in place times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro6x2InPlace(float[] a, int ai, int lda, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        int a1 = ai + 1 * lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai + kk]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + kk]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + kk]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + kk]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + kk]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + kk]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L); c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L); c51.intoArray(tile, 11 * L);
    }

    /** A 6 rows x 1 vector tile of a packed panel of A times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro6x1(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * L;
            int a = ai + kk * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
    }

    /** A 6 rows x 1 vector tile of rows of A read in place times a packed strip of B, into {@code tile} (row stride NR). */
    private static void micro6x1InPlace(float[] a, int ai, int lda, float[] bp, int bi, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        int a1 = ai + 1 * lda;
        int a2 = ai + 2 * lda;
        int a3 = ai + 3 * lda;
        int a4 = ai + 4 * lda;
        int a5 = ai + 5 * lda;
        for (int kk = 0; kk < kc; kk++) {
            int b = bi + kk * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai + kk]); c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + kk]); c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + kk]); c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + kk]); c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + kk]); c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[a5 + kk]); c50 = x.fma(b0, c50);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 2 * L);
        c20.intoArray(tile, 4 * L);
        c30.intoArray(tile, 6 * L);
        c40.intoArray(tile, 8 * L);
        c50.intoArray(tile, 10 * L);
    }

    // ------------------------------------------------------------------ epilogue

    /**
     * Applies the epilogue to {@code c[o, o+len)}, which holds columns {@code col..col+len-1} of a
     * row of {@code A @ B}: bias and activation, or the product with the activation's derivative
     * (y has C's layout, so element o of C pairs with element {@code yOff + o} of y). Every element
     * takes the vector path (tails masked), so a split of the columns never changes a result.
     */
    static void finishRow(Epi e, float[] c, int o, int len, int col) {
        if (e.y() != null) {
            switch (e.act()) {
                case LINEAR -> { }
                case RELU -> reluGradient(c, o, e.y(), e.yOff() + o, len);
                case SIGMOID -> sigmoidGradient(c, o, e.y(), e.yOff() + o, len);
                case TANH -> tanhGradient(c, o, e.y(), e.yOff() + o, len);
            }
            return;
        }
        if (e.bias() != null) {
            addBias(c, o, e.bias(), e.biasOff() + col, len);
        }
        switch (e.act()) {
            case LINEAR -> { }
            case RELU -> relu(c, o, len);
            case SIGMOID -> sigmoid(c, o, len);
            case TANH -> tanh(c, o, len);
        }
    }

    private static void addBias(float[] c, int o, float[] bias, int bo, int len) {
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector.fromArray(S, c, o + i).add(FloatVector.fromArray(S, bias, bo + i)).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector.fromArray(S, c, o + i, m).add(FloatVector.fromArray(S, bias, bo + i, m)).intoArray(c, o + i, m);
        }
    }

    private static void relu(float[] c, int o, int len) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector.fromArray(S, c, o + i).max(zero).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector.fromArray(S, c, o + i, m).max(zero).intoArray(c, o + i, m);
        }
    }

    /** The same formula as the sigmoid op's kernel: {@code exp} of a non-positive number only. */
    private static FloatVector sigmoid(FloatVector v) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector r = one.div(one.add(e));
        return r.blend(e.mul(r), v.compare(VectorOperators.LT, 0f));
    }

    private static void sigmoid(float[] c, int o, int len) {
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            sigmoid(FloatVector.fromArray(S, c, o + i)).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            sigmoid(FloatVector.fromArray(S, c, o + i, m)).intoArray(c, o + i, m);
        }
    }

    private static void tanh(float[] c, int o, int len) {
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector.fromArray(S, c, o + i).lanewise(VectorOperators.TANH).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector.fromArray(S, c, o + i, m).lanewise(VectorOperators.TANH).intoArray(c, o + i, m);
        }
    }

    /** {@code c *= (y > 0)}: zero where the ReLU was not active. */
    private static void reluGradient(float[] c, int o, float[] y, int yo, int len) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector g = FloatVector.fromArray(S, c, o + i);
            g.blend(zero, FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.LE, 0f)).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector g = FloatVector.fromArray(S, c, o + i, m);
            g.blend(zero, FloatVector.fromArray(S, y, yo + i, m).compare(VectorOperators.LE, 0f))
                    .intoArray(c, o + i, m);
        }
    }

    /** {@code c *= y * (1 - y)}. */
    private static void sigmoidGradient(float[] c, int o, float[] y, int yo, int len) {
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, c, o + i).mul(v.mul(v.neg().add(1f))).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, y, yo + i, m);
            FloatVector.fromArray(S, c, o + i, m).mul(v.mul(v.neg().add(1f))).intoArray(c, o + i, m);
        }
    }

    /** {@code c *= 1 - y^2}. */
    private static void tanhGradient(float[] c, int o, float[] y, int yo, int len) {
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, c, o + i).mul(v.mul(v).neg().add(1f)).intoArray(c, o + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(S, y, yo + i, m);
            FloatVector.fromArray(S, c, o + i, m).mul(v.mul(v).neg().add(1f)).intoArray(c, o + i, m);
        }
    }

    /** {@link #finishRow} with plain scalar arithmetic (the reference path). */
    static void finishRowScalar(Epi e, float[] c, int o, int len, int col) {
        for (int j = 0; j < len; j++) {
            float v = c[o + j];
            if (e.y() != null) {
                float y = e.y()[e.yOff() + o + j];
                c[o + j] = switch (e.act()) {
                    case LINEAR -> v;
                    case RELU -> y > 0 ? v : 0f;
                    case SIGMOID -> v * (y * (1f - y));
                    case TANH -> v * (1f - y * y);
                };
            } else {
                if (e.bias() != null) {
                    v += e.bias()[e.biasOff() + col + j];
                }
                c[o + j] = switch (e.act()) {
                    case LINEAR -> v;
                    case RELU -> Math.max(v, 0f);
                    case SIGMOID -> ElementwiseUnary.sigmoid(v);
                    case TANH -> (float) Math.tanh(v);
                };
            }
        }
    }
}
