package jgrad.ops.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.ops.kernels.KernelConfig;
import jgrad.ops.kernels.Parallel;

/**
 * The fused kernels behind {@link ScaledDotProductAttention} and {@link AttentionGrad}, one
 * attention problem ({@code q [tq, d]}, {@code k [tk, d]}, {@code v [tk, dv]}) per batch-and-head
 * index, problems spread over the kernel threads.
 *
 * <p>Forward (FlashAttention's online softmax): each query row walks the keys in blocks of
 * {@link #BLOCK}, keeping only its running maximum {@code m}, its running sum {@code l} and an
 * unnormalised output row; a new block's larger maximum rescales both by {@code exp(m - m')}. What
 * is stored per row is the output and {@code lse = m + log l}: no {@code tq x tk} matrix, only a
 * block of scores per thread. Backward (FlashAttention-2): the scores of a block are computed
 * again, {@code p = exp(s - lse)} gives the probabilities back without a second softmax, and
 * {@code dv += p^T do}, {@code dp = do v^T}, {@code ds = p (dp - D)} with {@code D = rowsum(do o)},
 * {@code dq += ds k}, {@code dk += ds^T q} are accumulated block by block.
 *
 * <p>A row whose keys are all masked has no softmax; it is defined as attending to nothing: its
 * output is zero, its {@code lse} is {@code -inf}, and its gradients are zero (never NaN).
 *
 * <p>float32 runs on the Vector API; float64 (for gradient checks) runs the same algorithm in
 * plain loops. Dropout keeps or drops each weight by a hash of (seed, problem, row, column), so
 * the backward pass, and a second call, see the same mask without storing it.
 */
final class AttentionKernel {
    private AttentionKernel() {}

    /** Keys per block: the scores of one block are the only per-row scratch. */
    static final int BLOCK = 256;

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;

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

    /** Fills out [n, tq, dv] and lse [n, tq]. */
    static void forward(Problem p, double[] q, double[] k, double[] v, double[] out, double[] lse) {
        Parallel.forRange(p.n, work(p), 4096, (start, end) -> {
            double[] s = new double[p.tk];
            double[] acc = new double[p.dv];
            for (int bh = start; bh < end; bh++) {
                for (int i = 0; i < p.tq; i++) {
                    int qo = (bh * p.tq + i) * p.d;
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
                            int ko = (bh * p.tk + j) * p.d;
                            double dot = 0;
                            for (int c = 0; c < p.d; c++) {
                                dot += q[qo + c] * k[ko + c];
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
                            int vo = (bh * p.tk + j) * p.dv;
                            for (int c = 0; c < p.dv; c++) {
                                acc[c] += w * v[vo + c];
                            }
                        }
                        m = mNew;
                    }
                    int oo = (bh * p.tq + i) * p.dv;
                    if (l == 0) {
                        Arrays.fill(out, oo, oo + p.dv, 0);
                        lse[bh * p.tq + i] = Double.NEGATIVE_INFINITY;
                    } else {
                        for (int c = 0; c < p.dv; c++) {
                            out[oo + c] = acc[c] / l;
                        }
                        lse[bh * p.tq + i] = m + Math.log(l);
                    }
                }
            }
        });
    }

    static void forward(Problem p, float[] q, float[] k, float[] v, float[] out, float[] lse) {
        Parallel.forRange(p.n, work(p), 4096, (start, end) -> {
            float[] kt = new float[p.d * p.tk];
            float[] s = new float[BLOCK];
            float[] acc = new float[p.dv];
            float scale = (float) p.scale;
            for (int bh = start; bh < end; bh++) {
                transpose(k, bh * p.tk * p.d, p.tk, p.d, kt);
                int vBase = bh * p.tk * p.dv;
                for (int i = 0; i < p.tq; i++) {
                    int qo = (bh * p.tq + i) * p.d;
                    float m = Float.NEGATIVE_INFINITY;
                    float l = 0;
                    Arrays.fill(acc, 0);
                    int jEnd = p.keyEnd(i);
                    for (int j0 = 0; j0 < jEnd; j0 += BLOCK) {
                        int jn = Math.min(BLOCK, jEnd - j0);
                        rowTimesColumns(q, qo, scale, p.d, kt, j0, p.tk, s, jn);
                        boolean any = applyMask(p, bh, i, j0, jn, s);
                        if (!any) {
                            continue;
                        }
                        float bm = max(s, jn);
                        float mNew = Math.max(m, bm);
                        float corr = (float) Math.exp(m - mNew);
                        if (corr != 1f) {
                            l *= corr;
                            scaleInPlace(acc, p.dv, corr);
                        }
                        l += expInPlace(s, jn, mNew);
                        if (p.dropout > 0) {
                            for (int jj = 0; jj < jn; jj++) {
                                s[jj] *= (float) p.keep(bh, i, j0 + jj);
                            }
                        }
                        weightedRows(s, jn, v, vBase + j0 * p.dv, p.dv, acc);
                        m = mNew;
                    }
                    int oo = (bh * p.tq + i) * p.dv;
                    if (l == 0) {
                        Arrays.fill(out, oo, oo + p.dv, 0f);
                        lse[bh * p.tq + i] = Float.NEGATIVE_INFINITY;
                    } else {
                        float inv = 1f / l;
                        for (int c = 0; c < p.dv; c++) {
                            out[oo + c] = acc[c] * inv;
                        }
                        lse[bh * p.tq + i] = m + (float) Math.log(l);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ backward

    /**
     * Fills dq [n, tq, d], dk [n, tk, d] and dv [n, tk, dv] (zeroed by the caller) from the
     * forward's out and lse and the output gradient g.
     */
    static void backward(Problem p, double[] q, double[] k, double[] v, double[] out, double[] g, double[] lse,
            double[] dq, double[] dk, double[] dv) {
        Parallel.forRange(p.n, 2 * work(p), 4096, (start, end) -> {
            for (int bh = start; bh < end; bh++) {
                for (int i = 0; i < p.tq; i++) {
                    double rowLse = lse[bh * p.tq + i];
                    if (rowLse == Double.NEGATIVE_INFINITY) {
                        continue; // attends to nothing: zero gradients
                    }
                    int qo = (bh * p.tq + i) * p.d;
                    int go = (bh * p.tq + i) * p.dv;
                    double dRow = 0;
                    for (int c = 0; c < p.dv; c++) {
                        dRow += g[go + c] * out[go + c];
                    }
                    int jEnd = p.keyEnd(i);
                    for (int j = 0; j < jEnd; j++) {
                        if (!p.allowed(bh, i, j)) {
                            continue;
                        }
                        int ko = (bh * p.tk + j) * p.d;
                        int vo = (bh * p.tk + j) * p.dv;
                        double dot = 0;
                        for (int c = 0; c < p.d; c++) {
                            dot += q[qo + c] * k[ko + c];
                        }
                        double prob = Math.exp(dot * p.scale - rowLse);
                        double z = p.keep(bh, i, j);
                        double dp = 0;
                        for (int c = 0; c < p.dv; c++) {
                            dp += g[go + c] * v[vo + c];
                        }
                        double ds = prob * (z * dp - dRow) * p.scale;
                        double w = prob * z;
                        for (int c = 0; c < p.dv; c++) {
                            dv[vo + c] += w * g[go + c];
                        }
                        for (int c = 0; c < p.d; c++) {
                            dq[qo + c] += ds * k[ko + c];
                            dk[ko + c] += ds * q[qo + c];
                        }
                    }
                }
            }
        });
    }

    /** Query rows per tile of the float backward: the tile's ds and p are kept, transposed, for dk and dv. */
    static final int QUERY_BLOCK = 32;

    static void backward(Problem p, float[] q, float[] k, float[] v, float[] out, float[] g, float[] lse,
            float[] dq, float[] dk, float[] dv) {
        Parallel.forRange(p.n, 2 * work(p), 4096, (start, end) -> {
            float[] kt = new float[p.d * p.tk];
            float[] vt = new float[p.dv * p.tk];
            float[] s = new float[BLOCK];
            float[] dp = new float[BLOCK];
            // One tile: ds and p * z of up to QUERY_BLOCK rows x BLOCK keys, stored key-major so that
            // dk_j = sum_r ds[r][j] q_r and dv_j = sum_r pz[r][j] do_r run with the accumulators in
            // registers (FlashAttention-2's tiling), instead of a short axpy per (row, key) pair.
            float[] dsT = new float[BLOCK * QUERY_BLOCK];
            float[] pzT = new float[BLOCK * QUERY_BLOCK];
            float[] dRow = new float[QUERY_BLOCK];
            float scale = (float) p.scale;
            for (int bh = start; bh < end; bh++) {
                int kBase = bh * p.tk * p.d;
                int vBase = bh * p.tk * p.dv;
                transpose(k, kBase, p.tk, p.d, kt);
                transpose(v, vBase, p.tk, p.dv, vt);
                for (int i0 = 0; i0 < p.tq; i0 += QUERY_BLOCK) {
                    int rows = Math.min(QUERY_BLOCK, p.tq - i0);
                    for (int r = 0; r < rows; r++) {
                        int go = (bh * p.tq + i0 + r) * p.dv;
                        dRow[r] = dot(g, go, out, go, p.dv);
                    }
                    int jEnd = p.keyEnd(i0 + rows - 1);
                    for (int j0 = 0; j0 < jEnd; j0 += BLOCK) {
                        int jn = Math.min(BLOCK, jEnd - j0);
                        for (int r = 0; r < rows; r++) {
                            int i = i0 + r;
                            float rowLse = lse[bh * p.tq + i];
                            int qo = (bh * p.tq + i) * p.d;
                            int go = (bh * p.tq + i) * p.dv;
                            boolean live = rowLse != Float.NEGATIVE_INFINITY && (!p.causal || j0 <= i);
                            if (live) {
                                rowTimesColumns(q, qo, scale, p.d, kt, j0, p.tk, s, jn);
                                if (p.causal) {
                                    for (int jj = Math.max(0, i + 1 - j0); jj < jn; jj++) {
                                        s[jj] = Float.NEGATIVE_INFINITY;
                                    }
                                }
                                live = applyMask(p, bh, i, j0, jn, s) || p.mask == null;
                            }
                            if (!live) {
                                // Attends to nothing here (all masked, or a row that sees no key): zeros.
                                for (int jj = 0; jj < jn; jj++) {
                                    dsT[jj * QUERY_BLOCK + r] = 0f;
                                    pzT[jj * QUERY_BLOCK + r] = 0f;
                                }
                                continue;
                            }
                            expInPlace(s, jn, rowLse);                        // s := p (0 where masked)
                            rowTimesColumns(g, go, 1f, p.dv, vt, j0, p.tk, dp, jn); // dp := do v^T
                            float dr = dRow[r];
                            for (int jj = 0; jj < jn; jj++) {
                                float prob = s[jj];
                                float z = p.dropout > 0 ? (float) p.keep(bh, i, j0 + jj) : 1f;
                                float ds = prob * (z * dp[jj] - dr) * scale;
                                dp[jj] = ds;
                                dsT[jj * QUERY_BLOCK + r] = ds;
                                pzT[jj * QUERY_BLOCK + r] = prob * z;
                            }
                            weightedRows(dp, 0, jn, k, kBase + j0 * p.d, p.d, dq, qo);     // dq_i += ds k
                        }
                        int qRows = (bh * p.tq + i0) * p.d;
                        int gRows = (bh * p.tq + i0) * p.dv;
                        for (int jj = 0; jj < jn; jj++) {
                            int j = j0 + jj;
                            weightedRows(dsT, jj * QUERY_BLOCK, rows, q, qRows, p.d, dk, kBase + j * p.d);
                            weightedRows(pzT, jj * QUERY_BLOCK, rows, g, gRows, p.dv, dv, vBase + j * p.dv);
                        }
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ float helpers

    /** kt[c * rows + r] = a[base + r * cols + c]: the problem's keys as columns. */
    private static void transpose(float[] a, int base, int rows, int cols, float[] kt) {
        for (int r = 0; r < rows; r++) {
            int ro = base + r * cols;
            for (int c = 0; c < cols; c++) {
                kt[c * rows + r] = a[ro + c];
            }
        }
    }

    /**
     * out[jj] = scale * sum_c x[xo + c] * t[c * ld + j0 + jj] for jj < n: a row times a block of
     * columns, four vectors of columns at a time held in registers across c.
     */
    private static void rowTimesColumns(float[] x, int xo, float scale, int depth, float[] t, int j0, int ld,
            float[] out, int n) {
        int step = FS.length();
        int jj = 0;
        for (; jj + 4 * step <= n; jj += 4 * step) {
            FloatVector a0 = FloatVector.zero(FS);
            FloatVector a1 = FloatVector.zero(FS);
            FloatVector a2 = FloatVector.zero(FS);
            FloatVector a3 = FloatVector.zero(FS);
            int to = j0 + jj;
            for (int c = 0; c < depth; c++, to += ld) {
                FloatVector xc = FloatVector.broadcast(FS, x[xo + c]);
                a0 = FloatVector.fromArray(FS, t, to).fma(xc, a0);
                a1 = FloatVector.fromArray(FS, t, to + step).fma(xc, a1);
                a2 = FloatVector.fromArray(FS, t, to + 2 * step).fma(xc, a2);
                a3 = FloatVector.fromArray(FS, t, to + 3 * step).fma(xc, a3);
            }
            a0.mul(scale).intoArray(out, jj);
            a1.mul(scale).intoArray(out, jj + step);
            a2.mul(scale).intoArray(out, jj + 2 * step);
            a3.mul(scale).intoArray(out, jj + 3 * step);
        }
        for (; jj + step <= n; jj += step) {
            FloatVector a0 = FloatVector.zero(FS);
            int to = j0 + jj;
            for (int c = 0; c < depth; c++, to += ld) {
                a0 = FloatVector.fromArray(FS, t, to).fma(FloatVector.broadcast(FS, x[xo + c]), a0);
            }
            a0.mul(scale).intoArray(out, jj);
        }
        for (; jj < n; jj++) {
            float sum = 0;
            int to = j0 + jj;
            for (int c = 0; c < depth; c++, to += ld) {
                sum += x[xo + c] * t[to];
            }
            out[jj] = sum * scale;
        }
    }

    /** Sets masked scores to -inf; false when every score of the block is masked. */
    private static boolean applyMask(Problem p, int bh, int i, int j0, int jn, float[] s) {
        if (p.mask == null) {
            return jn > 0; // the causal bound is already in keyEnd
        }
        boolean any = false;
        for (int jj = 0; jj < jn; jj++) {
            if (p.mask.get(bh, i, j0 + jj)) {
                any = true;
            } else {
                s[jj] = Float.NEGATIVE_INFINITY;
            }
        }
        return any;
    }

    private static float max(float[] s, int n) {
        int step = FS.length();
        int j = 0;
        FloatVector vm = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        for (; j + step <= n; j += step) {
            vm = vm.max(FloatVector.fromArray(FS, s, j));
        }
        float m = vm.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            m = Math.max(m, s[j]);
        }
        return m;
    }

    /** s[j] := exp(s[j] - shift) (exp(-inf) = 0 for masked entries); returns their sum. */
    private static float expInPlace(float[] s, int n, float shift) {
        int step = FS.length();
        int j = 0;
        FloatVector sum = FloatVector.zero(FS);
        for (; j + step <= n; j += step) {
            FloatVector e = FloatVector.fromArray(FS, s, j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(s, j);
            sum = sum.add(e);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s[j] = (float) Math.exp(s[j] - shift);
            total += s[j];
        }
        return total;
    }

    private static void scaleInPlace(float[] a, int n, float f) {
        for (int c = 0; c < n; c++) {
            a[c] *= f;
        }
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int step = FS.length();
        int c = 0;
        FloatVector acc = FloatVector.zero(FS);
        for (; c + step <= n; c += step) {
            acc = FloatVector.fromArray(FS, a, ao + c).fma(FloatVector.fromArray(FS, b, bo + c), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; c < n; c++) {
            sum += a[ao + c] * b[bo + c];
        }
        return sum;
    }

    private static void weightedRows(float[] w, int n, float[] rows, int ro, int width, float[] acc) {
        weightedRows(w, 0, n, rows, ro, width, acc, 0);
    }

    /**
     * acc[ao + c] += sum_j w[wo + j] * rows[ro + j * width + c]: a weighted sum of n rows, the
     * accumulator held in up to four vector registers per pass over the rows.
     */
    private static void weightedRows(float[] w, int wo, int n, float[] rows, int ro, int width, float[] acc, int ao) {
        int step = FS.length();
        int c = 0;
        for (; c + 2 * step <= width; c += 2 * step) {
            FloatVector a0 = FloatVector.fromArray(FS, acc, ao + c);
            FloatVector a1 = FloatVector.fromArray(FS, acc, ao + c + step);
            int r = ro + c;
            for (int j = 0; j < n; j++, r += width) {
                float wj = w[wo + j];
                if (wj == 0f) {
                    continue;
                }
                FloatVector vw = FloatVector.broadcast(FS, wj);
                a0 = FloatVector.fromArray(FS, rows, r).fma(vw, a0);
                a1 = FloatVector.fromArray(FS, rows, r + step).fma(vw, a1);
            }
            a0.intoArray(acc, ao + c);
            a1.intoArray(acc, ao + c + step);
        }
        for (; c + step <= width; c += step) {
            FloatVector a0 = FloatVector.fromArray(FS, acc, ao + c);
            int r = ro + c;
            for (int j = 0; j < n; j++, r += width) {
                a0 = FloatVector.fromArray(FS, rows, r).fma(FloatVector.broadcast(FS, w[wo + j]), a0);
            }
            a0.intoArray(acc, ao + c);
        }
        for (; c < width; c++) {
            float sum = acc[ao + c];
            int r = ro + c;
            for (int j = 0; j < n; j++, r += width) {
                sum += w[wo + j] * rows[r];
            }
            acc[ao + c] = sum;
        }
    }
}
