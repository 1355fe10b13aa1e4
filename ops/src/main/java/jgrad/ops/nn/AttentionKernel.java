package jgrad.ops.nn;

import java.util.Arrays;
import jgrad.ops.kernels.Parallel;

/**
 * The fused kernels behind {@link ScaledDotProductAttention} and {@link AttentionGrad}, one
 * attention problem ({@code q [tq, d]}, {@code k [tk, d]}, {@code v [tk, dv]}) per batch-and-head
 * index, problems spread over the kernel threads.
 *
 * <p>Forward (FlashAttention's online softmax): a tile of {@link #QUERY_BLOCK} query rows walks
 * the keys in blocks of {@link #BLOCK}. Each row keeps only its running maximum {@code m}, its
 * running sum {@code l} and an unnormalised output row; a new block's larger maximum rescales both
 * by {@code exp(m - m')}. What is stored per row is the output and {@code lse = m + log l}: no
 * {@code tq x tk} matrix, only one tile of scores per thread. Backward (FlashAttention-2): the
 * scores of a tile are computed again, {@code p = exp(s - lse)} gives the probabilities back
 * without a second softmax, and {@code dv += p^T do}, {@code dp = do v^T}, {@code ds = p (dp -
 * D)} with {@code D = rowsum(do o)}, {@code dq += ds k}, {@code dk += ds^T q} are accumulated tile
 * by tile. With a whole tile of rows at once every product is a small matrix product
 * ({@link AttentionTiles}), not a row times a block of keys.
 *
 * <p>A row whose keys are all masked has no softmax; it is defined as attending to nothing: its
 * output is zero, its {@code lse} is {@code -inf}, and its gradients are zero (never NaN).
 *
 * <p>Operands are read, and results written, through {@link Rows}: a problem's rows need not be
 * contiguous, so the heads of a {@code [batch, length, heads, d]} projection are read in place.
 * float32 runs on the Vector API; float64 (for gradient checks) runs the same algorithm in plain
 * loops, a row at a time. Dropout keeps or drops each weight by a hash of (seed, problem, row,
 * column), so the backward pass, and a second call, see the same mask without storing it.
 */
final class AttentionKernel {
    private AttentionKernel() {}

    /** Keys per block: a tile of QUERY_BLOCK x BLOCK scores is the only per-thread scratch that grows with T. */
    static final int BLOCK = 128;

    /** Query rows per tile. */
    static final int QUERY_BLOCK = 32;

    /** The geometry and options of one call. */
    record Problem(int n, int tq, int tk, int d, int dv, double scale, boolean causal, Mask mask, double dropout,
            long seed) {
        boolean allowed(int bh, int i, int j) {
            return (!causal || j <= i) && (mask == null || mask.get(bh, i, j));
        }

        /** Keys a row may see at most: with a causal mask, those up to the row itself. */
        int keyEnd(int i) {
            return causal ? Math.min(tk, i + 1) : tk;
        }

        /** The dropout factor of weight (bh, i, j): 0 if dropped, else 1 / (1 - rate). */
        double keep(int bh, int i, int j) {
            return keepFactor(seed, dropout, ((long) bh * tq + i) * tk + j);
        }
    }

    /** A boolean mask broadcast to [n, tq, tk]: an offset per problem and a stride per row and column. */
    record Mask(boolean[] data, int[] problemOffset, int rowStride, int colStride) {
        boolean get(int bh, int i, int j) {
            return data[problemOffset[bh] + i * rowStride + j * colStride];
        }
    }

    /**
     * Where an operand's rows lie in its array ({@code float[]} or {@code double[]}): row i of
     * problem bh starts at {@code base[bh] + i * ld}, and its features follow contiguously.
     */
    record Rows(Object data, int[] base, int ld) {
        int at(int bh, int i) {
            return base[bh] + i * ld;
        }

        float[] floats() {
            return (float[]) data;
        }

        double[] doubles() {
            return (double[]) data;
        }
    }

    static double keepFactor(long seed, double rate, long index) {
        if (rate == 0) {
            return 1;
        }
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = (z >>> 11) * 0x1.0p-53;
        return u < rate ? 0 : 1 / (1 - rate);
    }

    private static long work(Problem p) {
        return (long) p.n * p.tq * p.tk * (p.d + p.dv);
    }

    // ------------------------------------------------------------------ forward

    /** Fills out and lse [n, tq]. */
    static void forward(Problem p, Rows q, Rows k, Rows v, Rows out, double[] lse) {
        double[] qa = q.doubles();
        double[] ka = k.doubles();
        double[] va = v.doubles();
        double[] oa = out.doubles();
        Parallel.forRange(p.n, work(p), 4096, (start, end) -> {
            double[] s = new double[p.tk];
            double[] acc = new double[p.dv];
            for (int bh = start; bh < end; bh++) {
                for (int i = 0; i < p.tq; i++) {
                    int qo = q.at(bh, i);
                    double m = Double.NEGATIVE_INFINITY;
                    double l = 0;
                    Arrays.fill(acc, 0);
                    int jEnd = p.keyEnd(i);
                    for (int j0 = 0; j0 < jEnd; j0 += BLOCK) {
                        int jn = Math.min(BLOCK, jEnd - j0);
                        double bm = Double.NEGATIVE_INFINITY;
                        for (int jj = 0; jj < jn; jj++) {
                            int j = j0 + jj;
                            if (!p.allowed(bh, i, j)) {
                                s[jj] = Double.NEGATIVE_INFINITY;
                                continue;
                            }
                            int ko = k.at(bh, j);
                            double dot = 0;
                            for (int c = 0; c < p.d; c++) {
                                dot += qa[qo + c] * ka[ko + c];
                            }
                            s[jj] = dot * p.scale;
                            bm = Math.max(bm, s[jj]);
                        }
                        if (bm == Double.NEGATIVE_INFINITY) {
                            continue;
                        }
                        double mNew = Math.max(m, bm);
                        double corr = Math.exp(m - mNew);
                        l *= corr;
                        for (int c = 0; c < p.dv; c++) {
                            acc[c] *= corr;
                        }
                        for (int jj = 0; jj < jn; jj++) {
                            if (s[jj] == Double.NEGATIVE_INFINITY) {
                                continue;
                            }
                            int j = j0 + jj;
                            double e = Math.exp(s[jj] - mNew);
                            l += e;
                            double w = e * p.keep(bh, i, j);
                            int vo = v.at(bh, j);
                            for (int c = 0; c < p.dv; c++) {
                                acc[c] += w * va[vo + c];
                            }
                        }
                        m = mNew;
                    }
                    int oo = out.at(bh, i);
                    if (l == 0) {
                        Arrays.fill(oa, oo, oo + p.dv, 0);
                        lse[bh * p.tq + i] = Double.NEGATIVE_INFINITY;
                    } else {
                        for (int c = 0; c < p.dv; c++) {
                            oa[oo + c] = acc[c] / l;
                        }
                        lse[bh * p.tq + i] = m + Math.log(l);
                    }
                }
            }
        });
    }

    static void forward(Problem p, Rows q, Rows k, Rows v, Rows out, float[] lse) {
        float[] qa = q.floats();
        float[] va = v.floats();
        float[] oa = out.floats();
        int dv = p.dv;
        Parallel.forRange(p.n, work(p), 4096, (start, end) -> {
            float[] kt = new float[p.d * p.tk];
            float[] s = new float[QUERY_BLOCK * BLOCK];
            float[] acc = new float[QUERY_BLOCK * dv];
            float[] m = new float[QUERY_BLOCK];
            float[] l = new float[QUERY_BLOCK];
            float scale = (float) p.scale;
            for (int bh = start; bh < end; bh++) {
                transpose(k, bh, p.tk, p.d, kt);
                for (int i0 = 0; i0 < p.tq; i0 += QUERY_BLOCK) {
                    int rows = Math.min(QUERY_BLOCK, p.tq - i0);
                    Arrays.fill(m, Float.NEGATIVE_INFINITY);
                    Arrays.fill(l, 0f);
                    Arrays.fill(acc, 0, rows * dv, 0f);
                    int jEnd = p.keyEnd(i0 + rows - 1);
                    for (int j0 = 0; j0 < jEnd; j0 += BLOCK) {
                        int jn = Math.min(BLOCK, jEnd - j0);
                        // s = scale * q_tile k_block^T
                        AttentionTiles.mm(rows, jn, p.d, scale, qa, q.at(bh, i0), q.ld(), 1, kt, j0, p.tk, s, 0, BLOCK,
                                false);
                        for (int r = 0; r < rows; r++) {
                            int i = i0 + r;
                            int so = r * BLOCK;
                            if (!maskRow(p, bh, i, j0, jn, s, so)) {
                                Arrays.fill(s, so, so + jn, 0f); // sees no key of this block
                                continue;
                            }
                            float mNew = Math.max(m[r], AttentionTiles.max(s, so, jn));
                            float corr = (float) Math.exp(m[r] - mNew);
                            if (corr != 1f) {
                                l[r] *= corr;
                                AttentionTiles.scale(acc, r * dv, dv, corr);
                            }
                            l[r] += AttentionTiles.expInPlace(s, so, jn, mNew);
                            if (p.dropout > 0) {
                                for (int jj = 0; jj < jn; jj++) {
                                    s[so + jj] *= (float) p.keep(bh, i, j0 + jj);
                                }
                            }
                            m[r] = mNew;
                        }
                        // acc += p_tile v_block
                        AttentionTiles.mm(rows, dv, jn, 1f, s, 0, BLOCK, 1, va, v.at(bh, j0), v.ld(), acc, 0, dv, true);
                    }
                    for (int r = 0; r < rows; r++) {
                        int i = i0 + r;
                        int oo = out.at(bh, i);
                        if (l[r] == 0) {
                            Arrays.fill(oa, oo, oo + dv, 0f);
                            lse[bh * p.tq + i] = Float.NEGATIVE_INFINITY;
                        } else {
                            float inv = 1f / l[r];
                            for (int c = 0; c < dv; c++) {
                                oa[oo + c] = acc[r * dv + c] * inv;
                            }
                            lse[bh * p.tq + i] = m[r] + (float) Math.log(l[r]);
                        }
                    }
                }
            }
        });
    }

    /**
     * Sets the scores of row i that the causal bound or the mask hide to -inf in s[so .. so + jn);
     * false when none of the block's keys is left.
     */
    private static boolean maskRow(Problem p, int bh, int i, int j0, int jn, float[] s, int so) {
        int visible = jn;
        if (p.causal) {
            visible = Math.min(jn, i + 1 - j0);
            if (visible <= 0) {
                return false;
            }
            Arrays.fill(s, so + visible, so + jn, Float.NEGATIVE_INFINITY);
        }
        if (p.mask == null) {
            return visible > 0;
        }
        boolean any = false;
        for (int jj = 0; jj < visible; jj++) {
            if (p.mask.get(bh, i, j0 + jj)) {
                any = true;
            } else {
                s[so + jj] = Float.NEGATIVE_INFINITY;
            }
        }
        return any;
    }

    // ------------------------------------------------------------------ backward

    /**
     * Adds into dq, dk and dv (zeroed by the caller) the gradients from the forward's out and lse
     * and the output gradient g.
     */
    static void backward(Problem p, Rows q, Rows k, Rows v, Rows out, Rows g, double[] lse, Rows dq, Rows dk,
            Rows dv) {
        double[] qa = q.doubles();
        double[] ka = k.doubles();
        double[] va = v.doubles();
        double[] oa = out.doubles();
        double[] ga = g.doubles();
        double[] dqa = dq.doubles();
        double[] dka = dk.doubles();
        double[] dva = dv.doubles();
        Parallel.forRange(p.n, 2 * work(p), 4096, (start, end) -> {
            for (int bh = start; bh < end; bh++) {
                for (int i = 0; i < p.tq; i++) {
                    double rowLse = lse[bh * p.tq + i];
                    if (rowLse == Double.NEGATIVE_INFINITY) {
                        continue; // attends to nothing: zero gradients
                    }
                    int qo = q.at(bh, i);
                    int go = g.at(bh, i);
                    int oo = out.at(bh, i);
                    int dqo = dq.at(bh, i);
                    double dRow = 0;
                    for (int c = 0; c < p.dv; c++) {
                        dRow += ga[go + c] * oa[oo + c];
                    }
                    int jEnd = p.keyEnd(i);
                    for (int j = 0; j < jEnd; j++) {
                        if (!p.allowed(bh, i, j)) {
                            continue;
                        }
                        int ko = k.at(bh, j);
                        int vo = v.at(bh, j);
                        int dko = dk.at(bh, j);
                        int dvo = dv.at(bh, j);
                        double dot = 0;
                        for (int c = 0; c < p.d; c++) {
                            dot += qa[qo + c] * ka[ko + c];
                        }
                        double prob = Math.exp(dot * p.scale - rowLse);
                        double z = p.keep(bh, i, j);
                        double dp = 0;
                        for (int c = 0; c < p.dv; c++) {
                            dp += ga[go + c] * va[vo + c];
                        }
                        double ds = prob * (z * dp - dRow) * p.scale;
                        double w = prob * z;
                        for (int c = 0; c < p.dv; c++) {
                            dva[dvo + c] += w * ga[go + c];
                        }
                        for (int c = 0; c < p.d; c++) {
                            dqa[dqo + c] += ds * ka[ko + c];
                            dka[dko + c] += ds * qa[qo + c];
                        }
                    }
                }
            }
        });
    }

    static void backward(Problem p, Rows q, Rows k, Rows v, Rows out, Rows g, float[] lse, Rows dq, Rows dk,
            Rows dv) {
        float[] qa = q.floats();
        float[] ka = k.floats();
        float[] oa = out.floats();
        float[] ga = g.floats();
        float[] dqa = dq.floats();
        float[] dka = dk.floats();
        float[] dva = dv.floats();
        Parallel.forRange(p.n, 2 * work(p), 4096, (start, end) -> {
            float[] kt = new float[p.d * p.tk];
            float[] vt = new float[p.dv * p.tk];
            // One tile of p (times the dropout factors) and one of ds, QUERY_BLOCK rows x BLOCK keys.
            float[] s = new float[QUERY_BLOCK * BLOCK];
            float[] ds = new float[QUERY_BLOCK * BLOCK];
            float[] dRow = new float[QUERY_BLOCK];
            float scale = (float) p.scale;
            for (int bh = start; bh < end; bh++) {
                transpose(k, bh, p.tk, p.d, kt);
                transpose(v, bh, p.tk, p.dv, vt);
                for (int i0 = 0; i0 < p.tq; i0 += QUERY_BLOCK) {
                    int rows = Math.min(QUERY_BLOCK, p.tq - i0);
                    for (int r = 0; r < rows; r++) {
                        dRow[r] = AttentionTiles.dot(ga, g.at(bh, i0 + r), oa, out.at(bh, i0 + r), p.dv);
                    }
                    int jEnd = p.keyEnd(i0 + rows - 1);
                    for (int j0 = 0; j0 < jEnd; j0 += BLOCK) {
                        int jn = Math.min(BLOCK, jEnd - j0);
                        AttentionTiles.mm(rows, jn, p.d, scale, qa, q.at(bh, i0), q.ld(), 1, kt, j0, p.tk, s, 0, BLOCK,
                                false);                                                   // s = scale q k^T
                        AttentionTiles.mm(rows, jn, p.dv, 1f, ga, g.at(bh, i0), g.ld(), 1, vt, j0, p.tk, ds, 0, BLOCK,
                                false);                                                   // dp = do v^T
                        for (int r = 0; r < rows; r++) {
                            int i = i0 + r;
                            int so = r * BLOCK;
                            float rowLse = lse[bh * p.tq + i];
                            if (rowLse == Float.NEGATIVE_INFINITY || !maskRow(p, bh, i, j0, jn, s, so)) {
                                // Attends to nothing here (all masked, or a row that sees no key): zeros.
                                Arrays.fill(s, so, so + jn, 0f);
                                Arrays.fill(ds, so, so + jn, 0f);
                                continue;
                            }
                            AttentionTiles.expInPlace(s, so, jn, rowLse);           // s := p (0 where masked)
                            if (p.dropout > 0) {
                                for (int jj = 0; jj < jn; jj++) {
                                    float z = (float) p.keep(bh, i, j0 + jj);
                                    float prob = s[so + jj];
                                    ds[so + jj] = prob * (z * ds[so + jj] - dRow[r]) * scale;
                                    s[so + jj] = prob * z;
                                }
                            } else {
                                AttentionTiles.softmaxGrad(s, ds, so, jn, dRow[r], scale);
                            }
                        }
                        // dq_tile += ds k_block; dk_block += ds^T q_tile; dv_block += (p z)^T do_tile
                        AttentionTiles.mm(rows, p.d, jn, 1f, ds, 0, BLOCK, 1, ka, k.at(bh, j0), k.ld(), dqa,
                                dq.at(bh, i0), dq.ld(), true);
                        AttentionTiles.mm(jn, p.d, rows, 1f, ds, 0, 1, BLOCK, qa, q.at(bh, i0), q.ld(), dka,
                                dk.at(bh, j0), dk.ld(), true);
                        AttentionTiles.mm(jn, p.dv, rows, 1f, s, 0, 1, BLOCK, ga, g.at(bh, i0), g.ld(), dva,
                                dv.at(bh, j0), dv.ld(), true);
                    }
                }
            }
        });
    }

    /**
     * t[c * rows + r] = row r's feature c of problem bh: the keys (or values) as columns. Written
     * column by column, so the stores run along t and the strided reads hit the few cache lines
     * of the problem's rows (row by row, every store touched another line of t; the transposes
     * were 7% of the attention op's profile).
     */
    private static void transpose(Rows a, int bh, int rows, int cols, float[] t) {
        float[] x = a.floats();
        int base = a.at(bh, 0);
        int ld = a.ld();
        for (int c = 0; c < cols; c++) {
            int to = c * rows;
            int xo = base + c;
            for (int r = 0; r < rows; r++) {
                t[to + r] = x[xo + r * ld];
            }
        }
    }
}
