package jgrad.ops.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 direct convolution on channels-last arrays, the kernels behind {@link DirectConv}: the
 * forward, the input gradient and the kernel gradient as implicit GEMMs that read the input where
 * it lies (a zero-padded copy when the windows reach into padding) instead of copying every
 * window's taps out first (im2col). Generated from {@code ops/src/gen/conv/DirectConvFloat.java.template}
 * by {@code generate.py}, which also writes the float64 twin, {@code DirectConvDouble}.
 *
 * <p>The three products, for output positions p (row-major over batch and output axes), flat
 * kernel index k = (tap, channel) in Keras's order and filters f:
 * <ul>
 *   <li>forward {@code y[p][f] = sum_k x[base(p) + off(k)] * K[k][f]}: a tile of R positions by
 *       one or two vectors of filters, K packed into vector-wide column blocks;</li>
 *   <li>kernel gradient {@code dK[k][f] = sum_p x[base(p) + off(k)] * dz[p][f]}: a tile of R
 *       kernel rows by filter vectors, summed over the positions in chunks that stay in cache;</li>
 *   <li>input gradient {@code dx[base(p) + off(k)] += sum_f dz[p][f] * K[k][f]}: a tile of R
 *       positions by vectors along a run of k, added back into dx image by image (col2im on a
 *       tile that never leaves the caches).</li>
 * </ul>
 * Every sum runs in a fixed order whatever the number of threads, so results never depend on it.
 */
final class DirectConvFloat {
    private DirectConvFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;
    private static final int L = S.length();
    /** 512-bit vectors come with 32 registers: tiles of 12 rows x 2 vectors; narrower ones with 16: 6 x 2. */
    static final boolean WIDE = S.vectorBitSize() >= 512;
    /** Rows of every tile (positions, or kernel rows for the kernel gradient). */
    static final int R = WIDE ? 12 : 6;
    /**
     * Rows of the forward's tiles of four vectors of filters ({@link #quad}). A 12 x 2 tile needs
     * twelve row addresses of x in its inner loop besides its own indices, more than x86's general
     * registers hold, and an address sum for each broadcast; 6 x 4 holds the same 24 accumulators
     * with half the broadcasts and row addresses per product (measured about 1.5-2x on 5x5 windows
     * of 256 channels with 128 filters, 512-bit vectors).
     */
    static final int QUAD_ROWS = 6;
    /** Tiles of the forward that share each slice of K while it is in L1 (see {@link #forwardBatch}). */
    static final int BATCH = 8;
    /** Floats of K per block and slice of the forward's depth: 32 KB of float32, in L1 with the tiles' rows of x. */
    static final int SLICE = 8192;

    /** Whether the forward takes 6 x 4-vector tiles: 512-bit vectors (32 registers) and at least four vectors of filters. */
    static boolean quad(int f) {
        return WIDE && f >= 4 * L;
    }
    /** Positions per chunk of the kernel gradient: its slice of x and dz stays in L2 across all tiles. */
    static final int CHUNK = 512;
    /** Positions per chunk of the kernel gradient whose windows reach into the padding (copied out first). */
    static final int BORDER_CHUNK = 64;
    /** Blocks of chunks of the kernel gradient, each with partial sums of its own (a fixed number: see there). */
    static final int BLOCKS = 16;

    // ------------------------------------------------------------------ padding

    /**
     * x as the padded array the layout's windows index ({@code l.ext} per axis, zeros outside the
     * input), or x itself when no window reaches outside it. Every element is written.
     */
    static float[] pad(float[] x, DirectConv.Layout l) {
        if (!l.padded) {
            return x;
        }
        int c = l.c;
        int[] in = l.g.in();
        int[] pb = l.g.padBefore();
        int[] ext = l.ext;
        int rowLen = ext[2] * c;
        float[] xp = FreshArrays.floats(l.g.batch() * ext[0] * ext[1] * rowLen);
        int lo = Math.min(Math.max(pb[2], 0), ext[2]);
        int hi = Math.min(pb[2] + in[2], ext[2]);
        int rows = l.g.batch() * ext[0] * ext[1];
        DirectConv.parallel(rows, (long) rows * rowLen, (s, e) -> {
            for (int row = s; row < e; row++) {
                int u1 = row % ext[1];
                int u0 = row / ext[1] % ext[0];
                int n = row / (ext[1] * ext[0]);
                int i0 = u0 - pb[0];
                int i1 = u1 - pb[1];
                int o = row * rowLen;
                if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] || hi <= lo) {
                    Arrays.fill(xp, o, o + rowLen, 0f);
                    continue;
                }
                Arrays.fill(xp, o, o + lo * c, 0f);
                int from = (((n * in[0] + i0) * in[1] + i1) * in[2] + (lo - pb[2])) * c;
                System.arraycopy(x, from, xp, o + lo * c, (hi - lo) * c);
                Arrays.fill(xp, o + hi * c, o + rowLen, 0f);
            }
        });
        return xp;
    }

    // ------------------------------------------------------------------ forward

    /**
     * {@code act(x (*) kernel + bias)} as {@code [positions, filters]}: x dense channels-last,
     * kernel dense {@code [taps * channels, filters]}, bias null or {@code filters} entries.
     */
    static float[] forward(float[] x, float[] kernel, float[] bias, Epilogue.Activation act, DirectConv.Layout l,
            boolean vector) {
        int p = l.p;
        int f = l.f;
        if (!vector || p == 0 || f == 0 || l.ktot == 0) {
            return forwardScalar(x, kernel, bias, act, l);
        }
        if (rowVectors(l.g, f)) {
            return forwardRows(x, kernel, bias, act, new DirectConv.Layout(l.g, f, rowWidth(l.g)));
        }
        if (winograd(l.g, f)) {
            return forwardWinograd(x, kernel, bias, act, l);
        }
        float[] y = FreshArrays.floats(p * f);
        forwardTiles(x, kernel, bias, act, l, y, null);
        return y;
    }

    /**
     * The strided input gradient's phases ({@link DirectConv#phaseInputGrad}): the forward stored
     * into rows {@code map[p]} of {@code y} (rows of f) instead of rows p, so that each phase lands
     * in its places of dx without a copy. False, with nothing written, where the forward would not
     * take its tiles (the caller then copies).
     */
    static boolean forwardInto(float[] x, float[] kernel, DirectConv.Layout l, float[] y, int[] map) {
        if (l.p == 0 || l.f == 0 || l.ktot == 0 || rowVectors(l.g, l.f) || winograd(l.g, l.f)) {
            return false;
        }
        forwardTiles(x, kernel, null, Epilogue.Activation.LINEAR, l, y, map);
        return true;
    }

    private static void forwardTiles(float[] x, float[] kernel, float[] bias, Epilogue.Activation act,
            DirectConv.Layout l, float[] y, int[] map) {
        int p = l.p;
        int f = l.f;
        boolean quad = quad(f);
        int rt = quad ? QUAD_ROWS : R;
        int[] f0 = quad ? quadStarts(f) : blockStarts(f);
        int nb = f0.length - 1;
        // K in column blocks of one, two or four vectors, zero-padded: block b is [ktot][w_b] from off[b].
        int[] off = new int[nb + 1];
        for (int b = 0; b < nb; b++) {
            off[b + 1] = off[b] + l.ktot * width(f0, b);
        }
        float[] kp = new float[off[nb]];
        float[] bp = new float[f0[nb] + 2 * L];
        for (int b = 0; b < nb; b++) {
            int w = width(f0, b);
            int cols = Math.min(w, f - f0[b]);
            for (int k = 0; k < l.ktot; k++) {
                System.arraycopy(kernel, k * f + f0[b], kp, off[b] + k * w, cols);
            }
            if (bias != null) {
                System.arraycopy(bias, f0[b], bp, f0[b], cols);
            }
        }
        float[] bv = bias == null ? null : bp;
        // Windows inside x are read where they lie. Those reaching into the padding are read where
        // they lie too, a group of positions with the same taps inside x at a time, only those taps
        // (Layout.borderGroups); with a dilated width they are copied out with their zeros instead,
        // a tile's worth at a time, so that x is never copied whole.
        int[] inner = l.inner();
        int[] innerBase = l.innerBase();
        int[] border = l.border();
        DirectConv.BorderGroup[] groups = l.borderGroups();
        int ti = (inner.length + rt - 1) / rt;
        int tb = 0;
        int[] groupTile = null;
        if (groups != null) {
            groupTile = new int[groups.length + 1];
            for (int gi = 0; gi < groups.length; gi++) {
                groupTile[gi + 1] = groupTile[gi] + (groups[gi].positions().length + rt - 1) / rt;
            }
            tb = groupTile[groups.length];
        } else {
            tb = (border.length + rt - 1) / rt;
        }
        int[] innerK = new int[l.runs];
        for (int t = 0; t < l.runs; t++) {
            innerK[t] = t * l.runLen;
        }
        int[] oneRun = {0};
        int[] firstTile = groupTile;
        DirectConv.parallel(ti + tb, (long) p * l.ktot * f, (s, e) -> {
            int[] rows = new int[BATCH * rt];
            int[] ps = new int[BATCH * rt];
            int[] valid = new int[BATCH];
            float[] tile = new float[BATCH * rt * 4 * L];
            float[] patch = null;
            int gi = 0;
            int t = s;
            while (t < e) {
                if (t < ti || groups != null) {
                    // A batch of up to BATCH tiles with the same runs: the inner positions', or one group's.
                    int[] list = inner;
                    int[] bases = innerBase;
                    DirectConv.BorderGroup grp = null;
                    int first = 0;
                    int end = ti;
                    if (t >= ti) {
                        while (firstTile[gi + 1] <= t - ti) {
                            gi++;
                        }
                        grp = groups[gi];
                        list = grp.positions();
                        bases = grp.bases();
                        first = ti + firstTile[gi];
                        end = ti + firstTile[gi + 1];
                    }
                    int m = 0;
                    for (; m < BATCH && t < Math.min(e, end); m++, t++) {
                        int i0 = (t - first) * rt;
                        int v = Math.min(rt, list.length - i0);
                        valid[m] = v;
                        for (int r = 0; r < rt; r++) {
                            int i = i0 + Math.min(r, v - 1);
                            ps[m * rt + r] = map == null ? list[i] : map[list[i]];
                            rows[m * rt + r] = bases[i];
                        }
                    }
                    if (grp == null) {
                        forwardBatch(x, rows, m, l.runOffIn, innerK, l.runs, l.runLen, kp, off, f0, bv, act, y, f, ps,
                                valid, tile, rt);
                    } else {
                        forwardBatch(x, rows, m, grp.runOff(), grp.runK(), grp.runOff().length, grp.runLen(), kp, off,
                                f0, bv, act, y, f, ps, valid, tile, rt);
                    }
                } else {
                    int i0 = (t - ti) * rt;
                    int v = Math.min(rt, border.length - i0);
                    valid[0] = v;
                    for (int r = 0; r < rt; r++) {
                        ps[r] = border[i0 + Math.min(r, v - 1)];
                        rows[r] = Math.min(r, v - 1) * l.ktot;
                    }
                    if (patch == null) {
                        patch = new float[rt * l.ktot];
                    }
                    for (int r = 0; r < v; r++) {
                        patch(x, l, ps[r], patch, r * l.ktot);
                        ps[r] = map == null ? ps[r] : map[ps[r]];
                    }
                    forwardBatch(patch, rows, 1, oneRun, oneRun, 1, l.ktot, kp, off, f0, bv, act, y, f, ps, valid,
                            tile, rt);
                    t++;
                }
            }
        });
    }

    /**
     * The window of output position p as one row of {@code ktot} values at {@code dst[o..]}, in
     * the kernel's order, zeros where it reaches into the padding (im2col of one row).
     */
    static void patch(float[] x, DirectConv.Layout l, int p, float[] dst, int o) {
        int[] in = l.g.in();
        int[] out = l.g.out();
        int[] st = l.g.strides();
        int[] dl = l.g.dilations();
        int[] pb = l.g.padBefore();
        int c = l.c;
        int kw = l.g.kernel()[2];
        int runLen = l.runLen;
        int ow = p % out[2];
        int oh = p / out[2] % out[1];
        int od = p / (out[2] * out[1]) % out[0];
        int n = p / l.op;
        for (int t = 0; t < l.runs; t++) {
            int to = o + t * runLen;
            int id = od * st[0] + l.runKd[t] * dl[0] - pb[0];
            int ih = oh * st[1] + l.runKh[t] * dl[1] - pb[1];
            int iw0 = ow * st[2] + l.runKw[t] * dl[2] - pb[2];
            int jlo = runLen;
            int jhi = runLen;
            if (id >= 0 && id < in[0] && ih >= 0 && ih < in[1]) {
                if (l.runCoversWidth) {
                    jlo = Math.min(runLen, Math.max(0, -iw0) * c);
                    jhi = Math.max(jlo, Math.min(kw, in[2] - iw0) * c);
                } else if (iw0 >= 0 && iw0 < in[2]) {
                    jlo = 0;
                }
            }
            Arrays.fill(dst, to, to + jlo, 0f);
            if (jhi > jlo) {
                System.arraycopy(x, (((n * in[0] + id) * in[1] + ih) * in[2] + iw0) * c + jlo, dst, to + jlo, jhi - jlo);
            }
            Arrays.fill(dst, to + jhi, to + runLen, 0f);
        }
    }

    /**
     * Tiles of rt positions each ({@code m} of them; tile i's positions are {@code ps[i*rt..]}, its
     * windows at {@code src[rows[i*rt + r] + runOff[t] + j]}; a tile's missing last rows repeat its
     * last position and are not stored): the product with every column block of K, bias and
     * activation applied in registers, into y. The depth is taken a slice of a run at a time (at
     * most {@link #SLICE} floats of K per block, so the slice of K stays in L1 across the batch's
     * tiles), each tile's partial sums kept in {@code tile}.
     */
    private static void forwardBatch(float[] src, int[] rows, int m, int[] runOff, int[] runK, int runs, int runLen,
            float[] kp, int[] off, int[] f0, float[] bias, Epilogue.Activation act, float[] y, int f, int[] ps,
            int[] valid, float[] tile, int rt) {
        for (int b = 0; b < f0.length - 1; b++) {
            int w = width(f0, b);
            int kc = Math.max(1, SLICE / w);
            boolean first = true;
            for (int t = 0; t < runs; t++) {
                for (int j0 = 0; j0 < runLen; j0 += kc) {
                    int jn = Math.min(kc, runLen - j0);
                    int o = runOff[t] + j0;
                    int kb = off[b] + (runK[t] + j0) * w;
                    for (int mm = 0; mm < m; mm++) {
                        fwdSlice(src, rows, mm * rt, o, jn, kp, kb, tile, mm * rt * w, first, w, rt);
                    }
                    first = false;
                }
            }
            if (first) {
                Arrays.fill(tile, 0, m * rt * w, 0f);
            }
            for (int mm = 0; mm < m; mm++) {
                int tb = mm * rt * w;
                int cols = Math.min(w, f - f0[b]);
                for (int v = 0; v < w; v += L) {
                    int n = Math.min(L, cols - v);
                    if (n <= 0) {
                        break;
                    }
                    FloatVector bv = bias == null ? null : FloatVector.fromArray(S, bias, f0[b] + v);
                    for (int r = 0; r < valid[mm]; r++) {
                        FloatVector a = FloatVector.fromArray(S, tile, tb + r * w + v);
                        if (bv != null) {
                            a = a.add(bv);
                        }
                        // The GEMM epilogue's formulas, written here: a vector returned from a call that
                        // C2 does not inline is boxed.
                        switch (act) {
                            case LINEAR -> { }
                            case RELU -> a = a.max(0f);
                            case SIGMOID -> {
                                FloatVector one = FloatVector.broadcast(S, 1f);
                                FloatVector ex = a.abs().neg().lanewise(VectorOperators.EXP);
                                FloatVector q = one.div(one.add(ex));
                                a = q.blend(ex.mul(q), a.compare(VectorOperators.LT, 0f));
                            }
                            case TANH -> a = a.lanewise(VectorOperators.TANH);
                        }
                        int o = ps[mm * rt + r] * f + f0[b] + v;
                        if (n == L) {
                            a.intoArray(y, o);
                        } else {
                            // Element by element: a masked store with a variable mask is not compiled
                            // to one instruction here (JDK 25 checks the mask against the array in Java).
                            a.intoArray(tile, tb + r * w + v);
                            System.arraycopy(tile, tb + r * w + v, y, o, n);
                        }
                    }
                }
            }
        }
    }

    private static void fwdSlice(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti,
            boolean first, int w, int rt) {
        if (rt == 12) {
            if (w == L) {
                fwdb12x1(x, rows, ri, o, jn, bp, b, tile, ti, first);
            } else {
                fwdb12x2(x, rows, ri, o, jn, bp, b, tile, ti, first);
            }
        } else if (w == L) {
            fwdb6x1(x, rows, ri, o, jn, bp, b, tile, ti, first);
        } else if (w == 2 * L) {
            fwdb6x2(x, rows, ri, o, jn, bp, b, tile, ti, first);
        } else {
            fwdb6x4(x, rows, ri, o, jn, bp, b, tile, ti, first);
        }
    }

    private static void fwdNarrow(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp,
            int bi, float[] tile) {
        if (WIDE) {
            fwd12x1(x, rows, runOff, runK, runs, runLen, bp, bi, tile);
        } else {
            fwd6x1(x, rows, runOff, runK, runs, runLen, bp, bi, tile);
        }
    }

    private static void fwdWide(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp,
            int bi, float[] tile) {
        if (WIDE) {
            fwd12x2(x, rows, runOff, runK, runs, runLen, bp, bi, tile);
        } else {
            fwd6x2(x, rows, runOff, runK, runs, runLen, bp, bi, tile);
        }
    }

    /**
     * Column blocks of the filters: {@code starts[b]..starts[b+1]}, two vectors wide, the last one
     * vector wide when at most a vector's worth of filters is left. The last entry is the padded end.
     */
    private static int[] blockStarts(int f) {
        int n = 0;
        int[] s = new int[(f + L - 1) / L + 1];
        int at = 0;
        while (at < f) {
            s[n++] = at;
            at += f - at <= L ? L : 2 * L;
        }
        s[n] = at;
        return Arrays.copyOf(s, n + 1);
    }

    /** {@link #blockStarts} for {@link #quad} layouts: four vectors wide while that many filters are left. */
    private static int[] quadStarts(int f) {
        int full = f / (4 * L);
        int[] rest = blockStarts(f - full * 4 * L);
        int[] s = new int[full + rest.length];
        for (int b = 0; b < full; b++) {
            s[b] = b * 4 * L;
        }
        for (int b = 0; b < rest.length; b++) {
            s[full + b] = full * 4 * L + rest[b];
        }
        return s;
    }

    private static int width(int[] starts, int b) {
        return starts[b + 1] - starts[b];
    }

    // ------------------------------------------------------------------ Winograd F(2x2, 3x3)

    /**
     * 3x3 windows, stride and dilation 1, 2-D, channels a multiple of the vector length and at
     * least a vector of filters (VGG's layers): Winograd's F(2x2, 3x3) computes each 2x2 block of
     * outputs from a 4x4 block of inputs with 16 products per channel and filter instead of 36.
     */
    static boolean winograd(ConvKernels.Geometry g, int f) {
        int[] k = g.kernel();
        return k[0] == 1 && k[1] == 3 && k[2] == 3 && g.strides()[1] == 1 && g.strides()[2] == 1
                && g.dilations()[1] == 1 && g.dilations()[2] == 1 && g.in()[0] == 1 && g.channels() % L == 0
                && f >= L && g.out()[1] >= 2 && g.out()[2] >= 2;
    }

    /**
     * {@link #forward} by Winograd's F(2x2, 3x3) (see {@link #winograd}): the kernel transformed
     * once ({@code U = G g G^T}, 16 matrices of channels x filters); then for each tile of R
     * blocks of 2x2 outputs, the inputs transformed ({@code V = B^T d B}, zeros for padding), 16
     * products {@code V[xi] @ U[xi]} in the forward's register tiles, and the outputs transformed
     * back ({@code A^T M A}) with bias and activation as they are stored.
     */
    static float[] forwardWinograd(float[] x, float[] kernel, float[] bias, Epilogue.Activation act,
            DirectConv.Layout l) {
        ConvKernels.Geometry g = l.g;
        int c = l.c;
        int f = l.f;
        int[] f0 = blockStarts(f);
        int nb = f0.length - 1;
        // U[xi][block] as [c][w_b], zero-padded columns, from uo(xi, b).
        int[] off = new int[nb + 1];
        for (int b = 0; b < nb; b++) {
            off[b + 1] = off[b] + c * width(f0, b);
        }
        int uSize = off[nb];
        float[] u = new float[16 * uSize];
        for (int ch = 0; ch < c; ch++) {
            for (int q = 0; q < f; q++) {
                float[] gk = new float[9];
                for (int t = 0; t < 9; t++) {
                    gk[t] = kernel[(t * c + ch) * f + q];
                }
                float[] ut = transformKernel(gk);
                int b = 0;
                while (f0[b + 1] <= q) {
                    b++;
                }
                int w = width(f0, b);
                for (int xi = 0; xi < 16; xi++) {
                    u[xi * uSize + off[b] + ch * w + q - f0[b]] = ut[xi];
                }
            }
        }
        // The bias padded to whole vectors (zeros without one).
        float[] bp = new float[f0[nb] + 2 * L];
        if (bias != null) {
            System.arraycopy(bias, 0, bp, 0, f);
        }
        int[] out = g.out();
        int th = (out[1] + 1) / 2;
        int tw = (out[2] + 1) / 2;
        int tilesTotal = g.batch() * th * tw;
        int blocks = (tilesTotal + R - 1) / R;
        float[] y = FreshArrays.floats(l.p * f);
        int[] oneRun = {0};
        DirectConv.parallel(blocks, (long) l.p * l.ktot * f, (s, e) -> {
            float[] v = new float[16 * R * c];
            float[][] m = new float[16][R * 2 * L];
            int[] rows = new int[R];
            int[] tn = new int[R];
            int[] ti = new int[R];
            int[] tj = new int[R];
            float[] tmp = new float[L];
            for (int blk = s; blk < e; blk++) {
                int t0 = blk * R;
                int valid = Math.min(R, tilesTotal - t0);
                for (int r = 0; r < R; r++) {
                    int t = t0 + Math.min(r, valid - 1);
                    tj[r] = t % tw;
                    ti[r] = t / tw % th;
                    tn[r] = t / (tw * th);
                    inputTransform(x, g, tn[r], 2 * ti[r], 2 * tj[r], v, r, R);
                }
                for (int b = 0; b < nb; b++) {
                    int w = width(f0, b);
                    for (int xi = 0; xi < 16; xi++) {
                        for (int r = 0; r < R; r++) {
                            rows[r] = (xi * R + r) * c;
                        }
                        if (w == L) {
                            fwdNarrow(v, rows, oneRun, oneRun, 1, c, u, xi * uSize + off[b], m[xi]);
                        } else {
                            fwdWide(v, rows, oneRun, oneRun, 1, c, u, xi * uSize + off[b], m[xi]);
                        }
                    }
                    outputTransform(m, w, f0[b], Math.min(w, f - f0[b]), bp, act, y, f, out, tn, ti, tj, valid, tmp);
                }
            }
        });
        return y;
    }

    /** {@code G g G^T} for one 3x3 kernel g (row-major), G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]]. */
    private static float[] transformKernel(float[] g) {
        float[] t = new float[12]; // G g: 4 x 3
        for (int j = 0; j < 3; j++) {
            float a = g[j];
            float b = g[3 + j];
            float cc = g[6 + j];
            t[j] = a;
            t[3 + j] = (a + b + cc) / 2;
            t[6 + j] = (a - b + cc) / 2;
            t[9 + j] = cc;
        }
        float[] u = new float[16]; // (G g) G^T: 4 x 4
        for (int i = 0; i < 4; i++) {
            float a = t[3 * i];
            float b = t[3 * i + 1];
            float cc = t[3 * i + 2];
            u[4 * i] = a;
            u[4 * i + 1] = (a + b + cc) / 2;
            u[4 * i + 2] = (a - b + cc) / 2;
            u[4 * i + 3] = cc;
        }
        return u;
    }

    /**
     * {@code B^T d B} of the 4x4 input block at rows {@code i0 - pt..}, columns {@code j0 - pl..}
     * of image n, every channel, into {@code v[(xi * rowsPerXi + r) * c + channel]}; positions outside x
     * read as zeros. B^T = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]].
     */
    private static void inputTransform(float[] x, ConvKernels.Geometry g, int n, int i0, int j0, float[] v, int r,
            int rowsPerXi) {
        int c = g.channels();
        int h = g.in()[1];
        int wd = g.in()[2];
        int top = i0 - g.padBefore()[1];
        int left = j0 - g.padBefore()[2];
        int rowLen = wd * c;
        int base = ((n * h + top) * wd + left) * c;
        if (top >= 0 && top + 4 <= h && left >= 0 && left + 4 <= wd) {
            for (int cv = 0; cv < c; cv += L) {
                winogradIn(x, base + cv, rowLen, c, v, r * c + cv, rowsPerXi * c);
            }
            return;
        }
        // A block that reaches into the padding: the positions outside x read as zeros (bit 4i+j of
        // inside says whether position (i, j) lies in x).
        int inside = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int row = top + i;
                int col = left + j;
                if (row >= 0 && row < h && col >= 0 && col < wd) {
                    inside |= 1 << (4 * i + j);
                }
            }
        }
        for (int cv = 0; cv < c; cv += L) {
            winogradInEdge(x, base + cv, rowLen, c, inside, v, r * c + cv, rowsPerXi * c);
        }
    }

    /**
     * {@code A^T M A} for each tile's 16 products (one column block of filters, {@code m[xi][r][w]}),
     * A^T = [[1,1,1,0],[0,1,-1,-1]], plus the bias and the activation, into the tile's 2x2 outputs
     * that lie inside y.
     */
    private static void outputTransform(float[][] m, int w, int fb, int cols, float[] bias, Epilogue.Activation act,
            float[] y, int f, int[] out, int[] tn, int[] ti, int[] tj, int valid, float[] tmp) {
        for (int vo = 0; vo < cols; vo += L) {
            int n = Math.min(L, cols - vo);
            for (int r = 0; r < valid; r++) {
                int ow = 2 * tj[r];
                int oh = 2 * ti[r];
                int yo = ((tn[r] * out[1] + oh) * out[2] + ow) * f + fb + vo;
                winogradOut(m, r * w + vo, bias, fb + vo, act, y, yo, f, out[2] * f, oh + 1 < out[1],
                        ow + 1 < out[2], n, tmp);
            }
        }
    }

    /** Tiles (2x2 blocks of outputs) per chunk of the Winograd kernel gradient. */
    static final int W_CHUNK = 64;

    /**
     * {@link #filterGrad} by Winograd's F(2x2, 3x3) (see {@link #winograd}): for every tile the
     * inputs transformed as in the forward ({@code V = B^T d B}) and the output gradient
     * transformed by the adjoint of the output transform ({@code A dY A^T}, zeros past the edges);
     * then for each of the 16 positions xi the sum over tiles {@code V[xi]^T . M[xi]} (channels x
     * filters, the kernel gradient's register tiles), and at the end the adjoint of the kernel
     * transform, {@code G^T W G}. The tiles go in a fixed number of blocks with partial sums of
     * their own, added in order (the same bits whatever the number of threads).
     */
    static float[] filterGradWinograd(float[] x, float[] dz, DirectConv.Layout l) {
        ConvKernels.Geometry g = l.g;
        int c = l.c;
        int f = l.f;
        int[] f0 = blockStarts(f);
        int nfb = f0.length - 1;
        int ldm = f0[nfb];
        int cBlocks = (c + R - 1) / R;
        int tasks = 16 * cBlocks * nfb;
        int accSize = R * 2 * L;
        int[] out = g.out();
        int th = (out[1] + 1) / 2;
        int tw = (out[2] + 1) / 2;
        int tilesTotal = g.batch() * th * tw;
        int chunks = (tilesTotal + W_CHUNK - 1) / W_CHUNK;
        int blocks = Math.min(BLOCKS, chunks);
        float[] acc = new float[blocks * tasks * accSize];
        DirectConv.parallel(blocks, (long) l.p * l.ktot * f, (s, e) -> {
            // V and M of a chunk: [xi][tile][channels] and [xi][tile][filters, padded to the blocks].
            float[] v = new float[16 * W_CHUNK * c + R];
            float[] m = new float[16 * W_CHUNK * ldm];
            int[] pos = new int[W_CHUNK];
            int[] dzo = new int[W_CHUNK];
            for (int blk = s; blk < e; blk++) {
                int ch0 = (int) ((long) chunks * blk / blocks);
                int ch1 = (int) ((long) chunks * (blk + 1) / blocks);
                for (int ch = ch0; ch < ch1; ch++) {
                    int t0 = ch * W_CHUNK;
                    int nt = Math.min(W_CHUNK, tilesTotal - t0);
                    for (int i = 0; i < nt; i++) {
                        int t = t0 + i;
                        int tj = t % tw;
                        int ti = t / tw % th;
                        int tn = t / (tw * th);
                        inputTransform(x, g, tn, 2 * ti, 2 * tj, v, i, W_CHUNK);
                        gradTransform(dz, out, f, ldm, tn, 2 * ti, 2 * tj, m, i);
                    }
                    boolean first = ch == ch0;
                    for (int xi = 0; xi < 16; xi++) {
                        for (int i = 0; i < nt; i++) {
                            pos[i] = (xi * W_CHUNK + i) * c;
                            dzo[i] = (xi * W_CHUNK + i) * ldm;
                        }
                        for (int cb = 0; cb < cBlocks; cb++) {
                            for (int b = 0; b < nfb; b++) {
                                int ai = (blk * tasks + (xi * cBlocks + cb) * nfb + b) * accSize;
                                if (width(f0, b) == L) {
                                    dkNarrowC(v, pos, nt, cb * R, m, dzo, f0[b], acc, ai, first);
                                } else {
                                    dkWideC(v, pos, nt, cb * R, m, dzo, f0[b], acc, ai, first);
                                }
                            }
                        }
                    }
                }
            }
        });
        int all = tasks * accSize;
        for (int blk = 1; blk < blocks; blk++) {
            int o = blk * all;
            int i = 0;
            for (; i + L <= all; i += L) {
                FloatVector.fromArray(S, acc, i).add(FloatVector.fromArray(S, acc, o + i)).intoArray(acc, i);
            }
            for (; i < all; i++) {
                acc[i] += acc[o + i];
            }
        }
        // G^T W G per channel and filter: W[xi] from the tiles, a 4x4 -> the 3x3 kernel gradient.
        float[] dk = new float[l.ktot * f];
        float[] w16 = new float[16];
        for (int ch = 0; ch < c; ch++) {
            int cb = ch / R;
            int r = ch % R;
            for (int b = 0; b < nfb; b++) {
                int w = width(f0, b);
                for (int q = f0[b]; q < Math.min(f, f0[b] + w); q++) {
                    for (int xi = 0; xi < 16; xi++) {
                        w16[xi] = acc[((xi * cBlocks + cb) * nfb + b) * accSize + r * w + q - f0[b]];
                    }
                    float[] g9 = transformKernelGrad(w16);
                    for (int t = 0; t < 9; t++) {
                        dk[(t * c + ch) * f + q] = g9[t];
                    }
                }
            }
        }
        return dk;
    }

    /**
     * The adjoint of {@link #transformKernel}: {@code G^T W G} for one 4x4 W, the 3x3 gradient of
     * the kernel (row-major). G^T = [[1,1/2,1/2,0],[0,1/2,-1/2,0],[0,1/2,1/2,1]].
     */
    private static float[] transformKernelGrad(float[] w) {
        float[] t = new float[12]; // G^T W: 3 x 4
        for (int j = 0; j < 4; j++) {
            float a = w[j];
            float b = w[4 + j];
            float cc = w[8 + j];
            float dd = w[12 + j];
            t[j] = a + (b + cc) / 2;
            t[4 + j] = (b - cc) / 2;
            t[8 + j] = (b + cc) / 2 + dd;
        }
        float[] g = new float[9]; // (G^T W) G: 3 x 3
        for (int i = 0; i < 3; i++) {
            float a = t[4 * i];
            float b = t[4 * i + 1];
            float cc = t[4 * i + 2];
            float dd = t[4 * i + 3];
            g[3 * i] = a + (b + cc) / 2;
            g[3 * i + 1] = (b - cc) / 2;
            g[3 * i + 2] = (b + cc) / 2 + dd;
        }
        return g;
    }

    /**
     * {@code A dY A^T} of one tile's 2x2 block of the output gradient (rows oh.., columns ow.. of
     * image n; zeros past the edges), every filter, into {@code m[(xi * W_CHUNK + i) * ldm + filter]}
     * (filters past f zero).
     */
    private static void gradTransform(float[] dz, int[] out, int f, int ldm, int n, int oh, int ow, float[] m, int i) {
        boolean down = oh + 1 < out[1];
        boolean right = ow + 1 < out[2];
        int rowLen = out[2] * f;
        int base = ((n * out[1] + oh) * out[2] + ow) * f;
        int mo = i * ldm;
        int ms = W_CHUNK * ldm;
        int q = 0;
        if (down && right) {
            for (; q + L <= f; q += L) {
                winogradGradIn(dz, base + q, rowLen, f, m, mo + q, ms);
            }
        }
        for (; q < f; q++) {
            float y00 = dz[base + q];
            float y01 = right ? dz[base + f + q] : 0f;
            float y10 = down ? dz[base + rowLen + q] : 0f;
            float y11 = down && right ? dz[base + rowLen + f + q] : 0f;
            float[] p = {y00, y01, y00 + y10, y01 + y11, y00 - y10, y01 - y11, -y10, -y11};
            for (int r = 0; r < 4; r++) {
                float a = p[2 * r];
                float b = p[2 * r + 1];
                m[mo + (4 * r) * ms + q] = a;
                m[mo + (4 * r + 1) * ms + q] = a + b;
                m[mo + (4 * r + 2) * ms + q] = a - b;
                m[mo + (4 * r + 3) * ms + q] = -b;
            }
        }
        for (q = f; q < ldm; q++) {
            for (int xi = 0; xi < 16; xi++) {
                m[mo + xi * ms + q] = 0f;
            }
        }
    }

    // ------------------------------------------------------------------ kernel gradient

    /** {@code dK[k][f] = sum_p x[base(p) + off(k)] * dz[p][f]} as {@code [taps * channels, filters]}. */
    static float[] filterGrad(float[] x, float[] dz, DirectConv.Layout l, boolean vector) {
        int f = l.f;
        int kt = l.ktot;
        if (!vector || l.p == 0 || f == 0 || kt == 0) {
            return filterGradScalar(x, dz, l);
        }
        if (rowVectors(l.g, f)) {
            return filterGradRows(x, dz, new DirectConv.Layout(l.g, f, rowWidth(l.g)));
        }
        if (winograd(l.g, f)) {
            return filterGradWinograd(x, dz, l);
        }
        int[] f0 = blockStarts(f);
        int nfb = f0.length - 1;
        // The tiles read whole vectors of dz: rows padded to the block width (lanes past f are
        // summed and dropped) so that the last position's vector stays inside the array.
        int ldz = f0[nfb];
        float[] dzp = ldz == f ? dz : padRows(dz, l.p, f, ldz);
        int kBlocks = (kt + R - 1) / R;
        int tasks = kBlocks * nfb;
        int accSize = R * 2 * L;
        // Windows inside x are read where they lie. Those reaching into the padding are read where
        // they lie too, a group of positions with the same taps inside x at a time, only those
        // kernel rows (Layout.borderGroups); with a dilated width they are copied out with their
        // zeros instead, a chunk at a time. The chunks (inside ones, then the others) are cut into
        // at most BLOCKS blocks, as many whatever the number of threads: each block sums its
        // chunks into partial sums of its own, every tile in turn on a chunk while it is in cache,
        // and the blocks' sums are added in order at the end.
        int[] inner = l.inner();
        int[] innerBase = l.innerBase();
        int[] border = l.border();
        DirectConv.BorderGroup[] groups = l.borderGroups();
        int innerChunks = (inner.length + CHUNK - 1) / CHUNK;
        int[] groupChunk = null;
        int borderChunks;
        if (groups != null) {
            groupChunk = new int[groups.length + 1];
            for (int gi = 0; gi < groups.length; gi++) {
                groupChunk[gi + 1] = groupChunk[gi] + (groups[gi].positions().length + CHUNK - 1) / CHUNK;
            }
            borderChunks = groupChunk[groups.length];
        } else {
            borderChunks = (border.length + BORDER_CHUNK - 1) / BORDER_CHUNK;
        }
        int chunks = innerChunks + borderChunks;
        // Each block's partial sums are as large as dk: at most about 8 MB of them in all (a 5x5
        // kernel over 256 channels and 128 filters is 3.3 MB), but at least 4 blocks for the threads.
        int blocks = Math.min(BLOCKS, Math.min(chunks, Math.max(4, (2 << 20) / (tasks * accSize))));
        float[] acc = new float[blocks * tasks * accSize];
        int[] firstChunk = groupChunk;
        DirectConv.parallel(blocks, (long) l.p * kt * f, (s, e) -> {
            int[] pos = new int[CHUNK];
            int[] dzo = new int[CHUNK];
            int[] kOff = new int[R];
            float[] patch = null;
            float[] tmp = groups == null ? null : new float[accSize];
            for (int blk = s; blk < e; blk++) {
                int ch0 = (int) ((long) chunks * blk / blocks);
                int ch1 = (int) ((long) chunks * (blk + 1) / blocks);
                int gi = 0;
                for (int ch = ch0; ch < ch1; ch++) {
                    boolean inside = ch < innerChunks;
                    boolean first = ch == ch0;
                    int np;
                    float[] src;
                    if (inside) {
                        int c0 = ch * CHUNK;
                        np = Math.min(CHUNK, inner.length - c0);
                        for (int i = 0; i < np; i++) {
                            pos[i] = innerBase[c0 + i];
                            dzo[i] = inner[c0 + i] * ldz;
                        }
                        src = x;
                    } else if (groups != null) {
                        while (firstChunk[gi + 1] <= ch - innerChunks) {
                            gi++;
                        }
                        DirectConv.BorderGroup grp = groups[gi];
                        int c0 = (ch - innerChunks - firstChunk[gi]) * CHUNK;
                        np = Math.min(CHUNK, grp.positions().length - c0);
                        for (int i = 0; i < np; i++) {
                            pos[i] = grp.bases()[c0 + i];
                            dzo[i] = grp.positions()[c0 + i] * ldz;
                        }
                        groupFilterGrad(x, grp, pos, np, dzp, dzo, f0, kOff, tmp, acc, blk * tasks, accSize);
                        continue;
                    } else {
                        int c0 = (ch - innerChunks) * BORDER_CHUNK;
                        np = Math.min(BORDER_CHUNK, border.length - c0);
                        if (patch == null) {
                            patch = new float[BORDER_CHUNK * kt + R];
                        }
                        for (int i = 0; i < np; i++) {
                            patch(x, l, border[c0 + i], patch, i * kt);
                            pos[i] = i * kt;
                            dzo[i] = border[c0 + i] * ldz;
                        }
                        src = patch;
                    }
                    for (int task = 0; task < tasks; task++) {
                        int kb = task / nfb;
                        int b = task % nfb;
                        int ai = (blk * tasks + task) * accSize;
                        int k0 = kb * R;
                        boolean narrow = width(f0, b) == L;
                        if (!inside || k0 % l.runLen + R <= l.runLen) {
                            // The tile's rows lie back to back (in x, or in the copied windows): one
                            // base per position.
                            int ko = inside ? l.offsetIn(k0) : k0;
                            if (narrow) {
                                dkNarrowC(src, pos, np, ko, dzp, dzo, f0[b], acc, ai, first);
                            } else {
                                dkWideC(src, pos, np, ko, dzp, dzo, f0[b], acc, ai, first);
                            }
                            continue;
                        }
                        for (int r = 0; r < R; r++) {
                            kOff[r] = l.offsetIn(Math.min(k0 + r, kt - 1));
                        }
                        if (narrow) {
                            dkNarrow(src, pos, np, kOff, dzp, dzo, f0[b], acc, ai, first);
                        } else {
                            dkWide(src, pos, np, kOff, dzp, dzo, f0[b], acc, ai, first);
                        }
                    }
                }
            }
        });
        // The blocks' partial sums, added in block order.
        int all = tasks * accSize;
        for (int blk = 1; blk < blocks; blk++) {
            int o = blk * all;
            int i = 0;
            for (; i + L <= all; i += L) {
                FloatVector.fromArray(S, acc, i).add(FloatVector.fromArray(S, acc, o + i)).intoArray(acc, i);
            }
            for (; i < all; i++) {
                acc[i] += acc[o + i];
            }
        }
        float[] dk = new float[kt * f];
        for (int task = 0; task < tasks; task++) {
            int kb = task / nfb;
            int b = task % nfb;
            int w = width(f0, b);
            int cols = Math.min(w, f - f0[b]);
            for (int r = 0; r < R && kb * R + r < kt; r++) {
                System.arraycopy(acc, task * accSize + r * w, dk, (kb * R + r) * f + f0[b], cols);
            }
        }
        return dk;
    }

    /**
     * One chunk of a border group's positions (window bases {@code pos}, dz rows {@code dzo}) into
     * a block's partial sums {@code acc} (tiles from {@code (tile0 + task) * accSize}): only the
     * kernel rows of the group's runs, a tile of R rows within a run at a time into {@code tmp},
     * then added to where those rows lie in the tiles.
     */
    private static void groupFilterGrad(float[] x, DirectConv.BorderGroup grp, int[] pos, int np, float[] dz,
            int[] dzo, int[] f0, int[] kOff, float[] tmp, float[] acc, int tile0, int accSize) {
        int nfb = f0.length - 1;
        int runLen = grp.runLen();
        for (int t = 0; t < grp.runOff().length; t++) {
            for (int j0 = 0; j0 < runLen; j0 += R) {
                int rows = Math.min(R, runLen - j0);
                int x0 = grp.runOff()[t] + j0;
                if (rows < R) {
                    for (int r = 0; r < R; r++) {
                        kOff[r] = x0 + Math.min(r, rows - 1);
                    }
                }
                for (int b = 0; b < nfb; b++) {
                    int w = width(f0, b);
                    boolean narrow = w == L;
                    if (rows == R) {
                        if (narrow) {
                            dkNarrowC(x, pos, np, x0, dz, dzo, f0[b], tmp, 0, true);
                        } else {
                            dkWideC(x, pos, np, x0, dz, dzo, f0[b], tmp, 0, true);
                        }
                    } else if (narrow) {
                        dkNarrow(x, pos, np, kOff, dz, dzo, f0[b], tmp, 0, true);
                    } else {
                        dkWide(x, pos, np, kOff, dz, dzo, f0[b], tmp, 0, true);
                    }
                    for (int r = 0; r < rows; r++) {
                        int k = grp.runK()[t] + j0 + r;
                        int o = ((tile0 + k / R * nfb + b) * accSize) + k % R * w;
                        for (int v = 0; v < w; v += L) {
                            FloatVector.fromArray(S, acc, o + v).add(FloatVector.fromArray(S, tmp, r * w + v))
                                    .intoArray(acc, o + v);
                        }
                    }
                }
            }
        }
    }

    /** rows x cols as rows x ld, zeros after each row's cols. */
    private static float[] padRows(float[] a, int rows, int cols, int ld) {
        float[] out = new float[rows * ld];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * cols, out, r * ld, cols);
        }
        return out;
    }

    private static void dkNarrow(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc,
            int ai, boolean first) {
        if (WIDE) {
            dk12x1(x, pos, np, kOff, dz, dzo, df, acc, ai, first);
        } else {
            dk6x1(x, pos, np, kOff, dz, dzo, df, acc, ai, first);
        }
    }

    private static void dkWide(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc,
            int ai, boolean first) {
        if (WIDE) {
            dk12x2(x, pos, np, kOff, dz, dzo, df, acc, ai, first);
        } else {
            dk6x2(x, pos, np, kOff, dz, dzo, df, acc, ai, first);
        }
    }

    private static void dkNarrowC(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc,
            int ai, boolean first) {
        if (WIDE) {
            dk12x1c(x, pos, np, k0, dz, dzo, df, acc, ai, first);
        } else {
            dk6x1c(x, pos, np, k0, dz, dzo, df, acc, ai, first);
        }
    }

    private static void dkWideC(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc,
            int ai, boolean first) {
        if (WIDE) {
            dk12x2c(x, pos, np, k0, dz, dzo, df, acc, ai, first);
        } else {
            dk6x2c(x, pos, np, k0, dz, dzo, df, acc, ai, first);
        }
    }

    // ------------------------------------------------------------------ input gradient

    /** {@code dx = sum_p sum_k [x index base(p) + off(k)] dz[p] . K[k]}, a fresh x-shaped array. */
    static float[] inputGrad(float[] dz, float[] kernel, DirectConv.Layout l, boolean vector) {
        int f = l.f;
        if (!vector || l.p == 0 || f == 0 || l.ktot == 0) {
            return inputGradScalar(dz, kernel, l);
        }
        if (rowVectorsInputGrad(l.g)) {
            return inputGradRows(dz, kernel, l);
        }
        int batch = l.g.batch();
        float[] dx = new float[batch * l.g.inPositions() * l.c];
        int runLen = l.runLen;
        int w = runLen <= L ? L : 2 * L;
        int ldk = (runLen + w - 1) / w * w;
        // K per run transposed, [run][f][ldk] (zero-padded): a vector along the run for each filter.
        float[] kt = new float[l.runs * f * ldk];
        for (int t = 0; t < l.runs; t++) {
            for (int j = 0; j < runLen; j++) {
                int k = t * runLen + j;
                for (int q = 0; q < f; q++) {
                    kt[(t * f + q) * ldk + j] = kernel[k * f + q];
                }
            }
        }
        DirectConv.parallel(batch, (long) l.p * l.ktot * f, (s, e) -> {
            int[] rows = new int[R];
            int[] tgts = new int[R];
            int[] od = new int[R];
            int[] oh = new int[R];
            int[] ow = new int[R];
            float[] tile = new float[R * 2 * L];
            for (int n = s; n < e; n++) {
                for (int q0 = 0; q0 < l.op; q0 += R) {
                    inputGradTile(dz, kt, ldk, w, dx, l, n, q0, rows, tgts, od, oh, ow, tile);
                }
            }
        });
        return dx;
    }

    /**
     * Positions q0..q0+R-1 of image n, counted down the columns (height fastest): their products
     * with K^T, added into dx run by run, a whole vector even where the run ends inside it (its
     * lanes past the run are zeros). Neighbouring positions along the width overlap in dx; taking
     * a tile down a column puts each row of the tile in its own row of dx, so that no load waits
     * for an overlapping store of the row before it to reach the cache.
     */
    private static void inputGradTile(float[] dz, float[] kt, int ldk, int w, float[] dx, DirectConv.Layout l,
            int n, int q0, int[] rows, int[] tgts, int[] od, int[] oh, int[] ow, float[] tile) {
        int[] out = l.g.out();
        int[] in = l.g.in();
        int[] st = l.g.strides();
        int[] dl = l.g.dilations();
        int[] pb = l.g.padBefore();
        int c = l.c;
        int f = l.f;
        int valid = Math.min(R, l.op - q0);
        int[] k = l.g.kernel();
        boolean interior = true;
        for (int r = 0; r < R; r++) {
            int i = q0 + Math.min(r, valid - 1);
            oh[r] = i % out[1];
            ow[r] = i / out[1] % out[2];
            od[r] = i / (out[1] * out[2]);
            rows[r] = (n * l.op + (od[r] * out[1] + oh[r]) * out[2] + ow[r]) * f;
            int id = od[r] * st[0] - pb[0];
            int ih = oh[r] * st[1] - pb[1];
            int iw = ow[r] * st[2] - pb[2];
            tgts[r] = (((n * in[0] + id) * in[1] + ih) * in[2] + iw) * c;
            interior &= id >= 0 && id + (k[0] - 1) * dl[0] < in[0] && ih >= 0 && ih + (k[1] - 1) * dl[1] < in[1]
                    && iw >= 0 && iw + (k[2] - 1) * dl[2] < in[2];
        }
        int runLen = l.runLen;
        int imageEnd = (n + 1) * l.g.inPositions() * c;
        for (int t = 0; t < l.runs; t++) {
            for (int jb = 0; jb < runLen; jb += w) {
                int ki = t * f * ldk + jb;
                if (w == L) {
                    dxNarrow(dz, rows, f, kt, ki, ldk, tile);
                } else {
                    dxWide(dz, rows, f, kt, ki, ldk, tile);
                }
                if (interior) {
                    // Every window inside the input: whole vectors, unless one would leave the image.
                    // The lanes past the run's end are zeroed with a mask made once per vector slot.
                    int ro = l.runOffIn[t] + jb;
                    int left = runLen - jb;
                    FloatVector zero = FloatVector.zero(S);
                    VectorMask<Float> keep0 = S.indexInRange(0, left);
                    VectorMask<Float> keep1 = S.indexInRange(L, left);
                    for (int r = 0; r < valid; r++) {
                        int o = tgts[r] + ro;
                        for (int v = 0; v < w && jb + v < runLen; v += L) {
                            if (o + v + L <= imageEnd) {
                                FloatVector a = FloatVector.fromArray(S, tile, r * w + v);
                                if (left - v < L) {
                                    a = zero.blend(a, v == 0 ? keep0 : keep1);
                                }
                                a.add(FloatVector.fromArray(S, dx, o + v)).intoArray(dx, o + v);
                            } else {
                                addTail(tile, r * w + v, dx, o + v, Math.min(L, runLen - jb - v));
                            }
                        }
                    }
                } else {
                    scatterBorder(tile, w, dx, l, n, t, jb, valid, od, oh, ow, imageEnd);
                }
            }
        }
    }

    /**
     * a with its lanes from {@code left} on set to zero when the run ends inside the vector: those
     * lanes are sums of dz times the zeros that pad K^T, which are NaN where dz is infinite.
     */
    private static FloatVector runEnd(FloatVector a, int left) {
        return left >= L ? a : FloatVector.zero(S).blend(a, S.indexInRange(0, left));
    }

    /** {@code dx[o + i] += tile[from + i]} for i < len, element by element. */
    private static void addTail(float[] tile, int from, float[] dx, int o, int len) {
        for (int e = 0; e < len; e++) {
            dx[o + e] += tile[from + e];
        }
    }

    /** The rows of a tile of which some windows reach into the padding: only their taps inside x are added. */
    private static void scatterBorder(float[] tile, int w, float[] dx, DirectConv.Layout l, int n, int t, int jb,
            int valid, int[] od, int[] oh, int[] ow, int imageEnd) {
        int[] in = l.g.in();
        int[] st = l.g.strides();
        int[] dl = l.g.dilations();
        int[] pb = l.g.padBefore();
        int c = l.c;
        int runLen = l.runLen;
        int kw = l.g.kernel()[2];
        for (int r = 0; r < valid; r++) {
            int id = od[r] * st[0] + l.runKd[t] * dl[0] - pb[0];
            int ih = oh[r] * st[1] + l.runKh[t] * dl[1] - pb[1];
            if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1]) {
                continue;
            }
            int iw0 = ow[r] * st[2] + l.runKw[t] * dl[2] - pb[2];
            int jlo;
            int jhi;
            if (l.runCoversWidth) {
                jlo = Math.max(0, -iw0) * c;
                jhi = Math.min(kw, in[2] - iw0) * c;
            } else {
                jlo = iw0 >= 0 && iw0 < in[2] ? 0 : runLen;
                jhi = runLen;
            }
            int tgt = (((n * in[0] + id) * in[1] + ih) * in[2] + iw0) * c;
            for (int v = 0; v < w; v += L) {
                int st0 = jb + v;
                int lo = Math.max(jlo, st0);
                int hi = Math.min(jhi, st0 + L);
                if (lo >= hi) {
                    continue;
                }
                int o = tgt + st0;
                // A whole vector when nothing of it is cut by the padding and it stays in this image
                // (other threads write the others): lanes past the run add zeros. Else element by
                // element: a masked load and store with a variable mask are not compiled to single
                // instructions (JDK 25 checks the mask against the array in Java).
                if (lo == st0 && (hi == st0 + L || jhi >= runLen) && o + L <= imageEnd) {
                    FloatVector a = runEnd(FloatVector.fromArray(S, tile, r * w + v), runLen - st0);
                    a.add(FloatVector.fromArray(S, dx, o)).intoArray(dx, o);
                } else {
                    addTail(tile, r * w + lo - jb, dx, tgt + lo, hi - lo);
                }
            }
        }
    }

    private static void dxNarrow(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        if (WIDE) {
            dx12x1(dz, rows, nf, kt, ki, ldk, tile);
        } else {
            dx6x1(dz, rows, nf, kt, ki, ldk, tile);
        }
    }

    private static void dxWide(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        if (WIDE) {
            dx12x2(dz, rows, nf, kt, ki, ldk, tile);
        } else {
            dx6x2(dz, rows, nf, kt, ki, ldk, tile);
        }
    }

    // ------------------------------------------------------------------ one input channel: vectors along the width

    /** Filters per tile of the width-vectorised kernels. */
    static final int ROW_F = 6;
    /** Taps per tile of the width-vectorised kernel gradient (its tile is taps x ROW_F vectors). */
    static final int ROW_TAPS = WIDE ? 3 : 2;
    /** Output rows per chunk of the width-vectorised kernel gradient: its rows of x and dz stay in cache. */
    static final int ROW_CHUNK = 32;

    /**
     * One input channel, stride 1 along the width and at most {@link #ROW_F} filters (a grayscale
     * image's first layer): a vector of filters would be mostly empty, so these kernels take
     * vectors of output positions along the width instead, which one channel makes contiguous in x.
     */
    static boolean rowVectors(ConvKernels.Geometry g, int f) {
        return g.channels() == 1 && g.strides()[2] == 1 && f >= 1 && f <= ROW_F && g.out()[2] >= L / 2;
    }

    /** Output positions per tile along the width: one vector, or two when the rows are longer. */
    static int rowWidth(ConvKernels.Geometry g) {
        return g.out()[2] <= L ? L : 2 * L;
    }

    /** {@link #forward} with vectors along the output width (see {@link #rowVectors}). */
    static float[] forwardRows(float[] x, float[] kernel, float[] bias, Epilogue.Activation act,
            DirectConv.Layout l) {
        int f = l.f;
        int ow = l.g.out()[2];
        int w = rowWidth(l.g);
        int kt = l.ktot;
        float[] y = FreshArrays.floats(l.p * f);
        float[] xp = pad(x, l);
        int[] offs = new int[kt];
        float[] kf = new float[kt * ROW_F];
        for (int k = 0; k < kt; k++) {
            offs[k] = l.offset(k);
            System.arraycopy(kernel, k * f, kf, k * ROW_F, f);
        }
        float[] b = new float[ROW_F];
        if (bias != null) {
            System.arraycopy(bias, 0, b, 0, f);
        }
        int rows = l.p / ow;
        int[] gather = rowsGather(w, f);
        float[] biasRow = new float[w * f];
        for (int i = 0; i < biasRow.length; i++) {
            biasRow[i] = b[i % f];
        }
        GemmFloat.Epi epi = act == Epilogue.Activation.LINEAR ? null : new GemmFloat.Epi(null, 0, act, null, 0);
        DirectConv.parallel(rows, (long) l.p * kt * f, (s, e) -> {
            // Two tiles in turn: a tile's lanes are copied out one by one while the next tile is
            // computed, by then its vector stores have reached the cache (a load of one lane of a
            // vector store still in flight waits for it).
            float[][] tiles = {new float[ROW_F * 2 * L], new float[ROW_F * 2 * L]};
            int pending = -1;
            int pendingN = 0;
            int t = 0;
            for (int row = s; row < e; row++) {
                int base = l.rowBase(row);
                for (int ow0 = 0; ow0 < ow; ow0 += w, t ^= 1) {
                    if (w == L) {
                        rows6x1(xp, base + ow0, offs, kt, kf, tiles[t]);
                    } else {
                        rows6x2(xp, base + ow0, offs, kt, kf, tiles[t]);
                    }
                    if (pending >= 0) {
                        rowsOut(tiles[t ^ 1], w, pendingN, y, pending, f, gather, biasRow);
                    }
                    pending = (row * ow + ow0) * f;
                    pendingN = Math.min(w, ow - ow0);
                }
            }
            if (pending >= 0) {
                rowsOut(tiles[t ^ 1], w, pendingN, y, pending, f, gather, biasRow);
            }
            if (epi != null) {
                GemmFloat.finishRow(epi, y, s * ow * f, (e - s) * ow * f, 0);
            }
        });
        return y;
    }

    /**
     * A width-vectorised tile {@code [ROW_F][w]} into y: n positions of f filters each, from yo,
     * plus the bias. y's vector m takes its lanes from the tile at {@code gather[m*L ..]} and adds
     * {@code bias[m*L ..]} (the bias repeated per position); the vectors past n positions, element
     * by element.
     */
    private static void rowsOut(float[] tile, int w, int n, float[] y, int yo, int f, int[] gather,
            float[] bias) {
        int len = n * f;
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, tile, 0, gather, i).add(FloatVector.fromArray(S, bias, i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = tile[gather[i]] + bias[i];
        }
    }

    /** For {@link #rowsOut}: flat index i of a tile's output (position i / f, filter i % f) to its place in the tile. */
    private static int[] rowsGather(int w, int f) {
        int[] g = new int[w * f];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % f) * w + i / f;
        }
        return g;
    }

    /** Row blocks of the width-vectorised kernel gradient, each with partial sums of its own. */
    static final int ROW_BLOCKS = 16;

    /**
     * {@link #filterGrad} with vectors along the output width (see {@link #rowVectors}). The output
     * rows are cut into at most {@link #ROW_BLOCKS} blocks, as many whatever the number of threads;
     * a thread takes whole blocks and sums each into its own partial result, chunk by chunk of
     * {@link #ROW_CHUNK} rows whose dz it first lays out along the width (in cache). The blocks'
     * partial sums are added in order at the end.
     */
    static float[] filterGradRows(float[] x, float[] dz, DirectConv.Layout l) {
        int f = l.f;
        int ow = l.g.out()[2];
        int w = rowWidth(l.g);
        int owp = (ow + w - 1) / w * w;
        int kt = l.ktot;
        int rows = l.p / ow;
        float[] xp = pad(x, l);
        int[] bases = new int[rows];
        for (int row = 0; row < rows; row++) {
            bases[row] = l.rowBase(row);
        }
        int[] offs = new int[kt];
        for (int k = 0; k < kt; k++) {
            offs[k] = l.offset(k);
        }
        int tasks = (kt + ROW_TAPS - 1) / ROW_TAPS;
        int accSize = ROW_TAPS * ROW_F * L;
        int blocks = Math.min(ROW_BLOCKS, rows);
        float[] acc = new float[blocks * tasks * accSize];
        // Lanes of the last vector of a row past its end: their dz is zero, and x is kept out of
        // the sum too (an infinite x times zero would be NaN).
        int tail = ow % L;
        int[] strideF = new int[L];
        for (int i = 0; i < L; i++) {
            strideF[i] = i * f;
        }
        DirectConv.parallel(blocks, (long) l.p * kt * f, (s, e) -> {
            int[] ko = new int[ROW_TAPS];
            float[] dzt = new float[ROW_CHUNK * ROW_F * owp];
            for (int blk = s; blk < e; blk++) {
                int b0 = (int) ((long) rows * blk / blocks);
                int b1 = (int) ((long) rows * (blk + 1) / blocks);
                for (int r0 = b0; r0 < b1; r0 += ROW_CHUNK) {
                    int r1 = Math.min(b1, r0 + ROW_CHUNK);
                    transposeRows(dz, r0, r1, ow, f, owp, strideF, dzt);
                    for (int task = 0; task < tasks; task++) {
                        for (int i = 0; i < ROW_TAPS; i++) {
                            ko[i] = offs[Math.min(task * ROW_TAPS + i, kt - 1)];
                        }
                        int ai = (blk * tasks + task) * accSize;
                        if (WIDE) {
                            dkRows3x6(xp, bases, r0, r1, ko, dzt, owp, tail, acc, ai, r0 == b0);
                        } else {
                            dkRows2x6(xp, bases, r0, r1, ko, dzt, owp, tail, acc, ai, r0 == b0);
                        }
                    }
                }
            }
        });
        float[] dk = new float[kt * f];
        for (int task = 0; task < tasks; task++) {
            for (int i = 0; i < ROW_TAPS && task * ROW_TAPS + i < kt; i++) {
                for (int q = 0; q < f; q++) {
                    int a = task * accSize + (i * ROW_F + q) * L;
                    FloatVector v = FloatVector.fromArray(S, acc, a);
                    for (int blk = 1; blk < blocks; blk++) {
                        v = v.add(FloatVector.fromArray(S, acc, blk * tasks * accSize + a));
                    }
                    float sum = 0f;
                    for (int lane = 0; lane < L; lane++) {
                        sum += v.lane(lane);
                    }
                    dk[(task * ROW_TAPS + i) * f + q] = sum;
                }
            }
        }
        return dk;
    }

    /**
     * dz's rows r0..r1 ({@code [position][f]}) laid out by filter along the width:
     * {@code dzt[(row - r0)][q][0..owp)}, zeros past each row's end (the first {@code ow} lanes
     * gathered a vector at a time).
     */
    private static void transposeRows(float[] dz, int r0, int r1, int ow, int f, int owp, int[] strideF, float[] dzt) {
        for (int row = r0; row < r1; row++) {
            int to = (row - r0) * ROW_F * owp;
            for (int q = 0; q < f; q++) {
                int from = row * ow * f + q;
                int o = 0;
                for (; o + L <= ow; o += L) {
                    FloatVector.fromArray(S, dz, from + o * f, strideF, 0).intoArray(dzt, to + q * owp + o);
                }
                for (; o < owp; o++) {
                    dzt[to + q * owp + o] = o < ow ? dz[from + o * f] : 0f;
                }
            }
        }
    }

    /** Rows of dx per tile of the width-vectorised input gradient. */
    static final int T_ROWS = 4;

    /**
     * One input channel, stride 1 on every axis and padding at most the window's extent minus one:
     * dx is then the convolution of dz (padded) with the flipped kernel, with one output channel,
     * computed with vectors along dx's width (see {@link #inputGradRows}).
     */
    static boolean rowVectorsInputGrad(ConvKernels.Geometry g) {
        if (g.channels() != 1 || g.in()[2] < L / 2) {
            return false;
        }
        for (int a = 0; a < 3; a++) {
            if (g.strides()[a] != 1 || g.padBefore()[a] > (g.kernel()[a] - 1) * g.dilations()[a]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #inputGrad} for one input channel (see {@link #rowVectorsInputGrad}): dz laid out by
     * filter (planar), padded so that every flipped window lies inside it, then each tile of
     * {@link #T_ROWS} rows of dx by one or two vectors along the width sums its taps and filters.
     */
    static float[] inputGradRows(float[] dz, float[] kernel, DirectConv.Layout l) {
        ConvKernels.Geometry g = l.g;
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] dl = g.dilations();
        int f = l.f;
        int batch = g.batch();
        int w = in[2] <= L ? L : 2 * L;
        int wp = (in[2] + w - 1) / w * w;
        int[] pbt = new int[3];
        int[] ext = new int[3];
        for (int a = 0; a < 3; a++) {
            pbt[a] = (k[a] - 1) * dl[a] - g.padBefore()[a];
            ext[a] = (a == 2 ? wp : in[a]) + (k[a] - 1) * dl[a];
        }
        int plane = ext[0] * ext[1] * ext[2];
        int taps = g.taps();
        int nk = taps * f;
        int[] offs = new int[nk];
        float[] kw = new float[nk];
        for (int q = 0; q < f; q++) {
            for (int t = 0; t < taps; t++) {
                int kd = t / (k[1] * k[2]);
                int kh = t / k[2] % k[1];
                int kx = t % k[2];
                offs[q * taps + t] = q * plane + ((kd * dl[0]) * ext[1] + kh * dl[1]) * ext[2] + kx * dl[2];
                kw[q * taps + t] = kernel[(taps - 1 - t) * f + q];
            }
        }
        float[] dx = FreshArrays.floats(batch * g.inPositions());
        // Image by image: dz laid out by filter, [f][ext...] with zeros around it (a buffer per
        // thread), then the image's tiles.
        DirectConv.parallel(batch, (long) l.p * nk, (s, e) -> {
            float[] tile = new float[T_ROWS * 2 * L];
            float[] dzp = new float[f * plane];
            for (int n = s; n < e; n++) {
                if (n > s) {
                    Arrays.fill(dzp, 0f);
                }
                for (int od = 0; od < out[0] && od + pbt[0] < ext[0]; od++) {
                    for (int oh = 0; oh < out[1] && oh + pbt[1] < ext[1]; oh++) {
                        int from = ((n * out[0] + od) * out[1] + oh) * out[2] * f;
                        int to = ((od + pbt[0]) * ext[1] + oh + pbt[1]) * ext[2] + pbt[2];
                        int cols = Math.min(out[2], ext[2] - pbt[2]);
                        for (int ow = 0; ow < cols; ow++) {
                            for (int q = 0; q < f; q++) {
                                dzp[to + q * plane + ow] = dz[from + ow * f + q];
                            }
                        }
                    }
                }
                for (int id = 0; id < in[0]; id++) {
                    for (int ih0 = 0; ih0 < in[1]; ih0 += T_ROWS) {
                        // A ragged last tile goes row by row.
                        int rows = Math.min(T_ROWS, in[1] - ih0);
                        for (int iw0 = 0; iw0 < in[2]; iw0 += w) {
                            int xo = (id * ext[1] + ih0) * ext[2] + iw0;
                            if (rows < T_ROWS) {
                                for (int r = 0; r < rows; r++) {
                                    tRowsOne(dzp, xo + r * ext[2], offs, nk, kw, w, tile, r);
                                }
                            } else if (w == L) {
                                tRows4x1(dzp, xo, ext[2], offs, nk, kw, tile);
                            } else {
                                tRows4x2(dzp, xo, ext[2], offs, nk, kw, tile);
                            }
                            int len = Math.min(w, in[2] - iw0);
                            for (int r = 0; r < rows; r++) {
                                System.arraycopy(tile, r * w, dx, ((n * in[0] + id) * in[1] + ih0 + r) * in[2] + iw0,
                                        len);
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }

    /** One row of a width-vectorised input-gradient tile (the ragged last rows of a slab), into {@code tile[r]}. */
    private static void tRowsOne(float[] x, int xo, int[] offs, int nk, float[] kw, int w, float[] tile, int r) {
        for (int v = 0; v < w; v += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int k = 0; k < nk; k++) {
                acc = FloatVector.fromArray(S, x, xo + offs[k] + v).fma(FloatVector.broadcast(S, kw[k]), acc);
            }
            acc.intoArray(tile, r * w + v);
        }
    }

    // ------------------------------------------------------------------ scalar reference

    /** The forward with plain loops over every output, tap and channel (bias and activation after the sum). */
    static float[] forwardScalar(float[] x, float[] kernel, float[] bias, Epilogue.Activation act,
            DirectConv.Layout l) {
        int f = l.f;
        float[] y = new float[l.p * f];
        float[] sum = new float[f];
        GemmFloat.Epi epi = new GemmFloat.Epi(bias, 0, act, null, 0);
        for (int p = 0; p < l.p; p++) {
            Arrays.fill(sum, 0f);
            int pp = p;
            l.forEachTap(p, (k, xi) -> {
                float v = x[xi];
                for (int q = 0; q < f; q++) {
                    sum[q] += v * kernel[k * f + q];
                }
            });
            System.arraycopy(sum, 0, y, pp * f, f);
            GemmFloat.finishRowScalar(epi, y, pp * f, f, 0);
        }
        return y;
    }

    static float[] filterGradScalar(float[] x, float[] dz, DirectConv.Layout l) {
        int f = l.f;
        float[] dk = new float[l.ktot * f];
        for (int p = 0; p < l.p; p++) {
            int pp = p;
            l.forEachTap(p, (k, xi) -> {
                float v = x[xi];
                for (int q = 0; q < f; q++) {
                    dk[k * f + q] += v * dz[pp * f + q];
                }
            });
        }
        return dk;
    }

    static float[] inputGradScalar(float[] dz, float[] kernel, DirectConv.Layout l) {
        int f = l.f;
        float[] dx = new float[l.g.batch() * l.g.inPositions() * l.c];
        for (int p = 0; p < l.p; p++) {
            int pp = p;
            l.forEachTap(p, (k, xi) -> {
                float s = 0f;
                for (int q = 0; q < f; q++) {
                    s += dz[pp * f + q] * kernel[k * f + q];
                }
                dx[xi] += s;
            });
        }
        return dx;
    }

    // ------------------------------------------------------------------ micro-kernels (generated)

    /** Forward tile, 12 positions x 1 vector of filters: {@code tile[r][v] = sum_t sum_j x[rows[r] + runOff[t] + j] * bp[bi + (runK[t] + j)*w + v]}. */
    private static void fwd12x1(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        FloatVector c6a = z;
        FloatVector c7a = z;
        FloatVector c8a = z;
        FloatVector c9a = z;
        FloatVector c10a = z;
        FloatVector c11a = z;
        int r0 = rows[0];
        int r1 = rows[1];
        int r2 = rows[2];
        int r3 = rows[3];
        int r4 = rows[4];
        int r5 = rows[5];
        int r6 = rows[6];
        int r7 = rows[7];
        int r8 = rows[8];
        int r9 = rows[9];
        int r10 = rows[10];
        int r11 = rows[11];
        for (int t = 0; t < runs; t++) {
            int o = runOff[t];
            int b = bi + runK[t] * L;
            int a0 = r0 + o;
            int a1 = r1 + o;
            int a2 = r2 + o;
            int a3 = r3 + o;
            int a4 = r4 + o;
            int a5 = r5 + o;
            int a6 = r6 + o;
            int a7 = r7 + o;
            int a8 = r8 + o;
            int a9 = r9 + o;
            int a10 = r10 + o;
            int a11 = r11 + o;
            for (int j = 0; j < runLen; j++, b += L) {
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector v;
                v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a);
                v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a);
                v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a);
                v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a);
                v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a);
                v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a);
                v = FloatVector.broadcast(S, x[a6 + j]); c6a = v.fma(b0, c6a);
                v = FloatVector.broadcast(S, x[a7 + j]); c7a = v.fma(b0, c7a);
                v = FloatVector.broadcast(S, x[a8 + j]); c8a = v.fma(b0, c8a);
                v = FloatVector.broadcast(S, x[a9 + j]); c9a = v.fma(b0, c9a);
                v = FloatVector.broadcast(S, x[a10 + j]); c10a = v.fma(b0, c10a);
                v = FloatVector.broadcast(S, x[a11 + j]); c11a = v.fma(b0, c11a);
            }
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
        c4a.intoArray(tile, 4 * L);
        c5a.intoArray(tile, 5 * L);
        c6a.intoArray(tile, 6 * L);
        c7a.intoArray(tile, 7 * L);
        c8a.intoArray(tile, 8 * L);
        c9a.intoArray(tile, 9 * L);
        c10a.intoArray(tile, 10 * L);
        c11a.intoArray(tile, 11 * L);
    }

    /** Kernel-gradient tile, 12 kernel rows x 1 vector of filters, over np positions: {@code acc[r][v] (+)= sum_i x[pos[i] + kOff[r]] * dz[dzo[i] + df + v]}. */
    private static void dk12x1(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        FloatVector c6a = z;
        FloatVector c7a = z;
        FloatVector c8a = z;
        FloatVector c9a = z;
        FloatVector c10a = z;
        FloatVector c11a = z;
        int k0 = kOff[0];
        int k1 = kOff[1];
        int k2 = kOff[2];
        int k3 = kOff[3];
        int k4 = kOff[4];
        int k5 = kOff[5];
        int k6 = kOff[6];
        int k7 = kOff[7];
        int k8 = kOff[8];
        int k9 = kOff[9];
        int k10 = kOff[10];
        int k11 = kOff[11];
        for (int i = 0; i < np; i++) {
            int xb = pos[i];
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb + k0]); c0a = v.fma(d0, c0a);
            v = FloatVector.broadcast(S, x[xb + k1]); c1a = v.fma(d0, c1a);
            v = FloatVector.broadcast(S, x[xb + k2]); c2a = v.fma(d0, c2a);
            v = FloatVector.broadcast(S, x[xb + k3]); c3a = v.fma(d0, c3a);
            v = FloatVector.broadcast(S, x[xb + k4]); c4a = v.fma(d0, c4a);
            v = FloatVector.broadcast(S, x[xb + k5]); c5a = v.fma(d0, c5a);
            v = FloatVector.broadcast(S, x[xb + k6]); c6a = v.fma(d0, c6a);
            v = FloatVector.broadcast(S, x[xb + k7]); c7a = v.fma(d0, c7a);
            v = FloatVector.broadcast(S, x[xb + k8]); c8a = v.fma(d0, c8a);
            v = FloatVector.broadcast(S, x[xb + k9]); c9a = v.fma(d0, c9a);
            v = FloatVector.broadcast(S, x[xb + k10]); c10a = v.fma(d0, c10a);
            v = FloatVector.broadcast(S, x[xb + k11]); c11a = v.fma(d0, c11a);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0);
            c1a.intoArray(acc, ai + L);
            c2a.intoArray(acc, ai + 2 * L);
            c3a.intoArray(acc, ai + 3 * L);
            c4a.intoArray(acc, ai + 4 * L);
            c5a.intoArray(acc, ai + 5 * L);
            c6a.intoArray(acc, ai + 6 * L);
            c7a.intoArray(acc, ai + 7 * L);
            c8a.intoArray(acc, ai + 8 * L);
            c9a.intoArray(acc, ai + 9 * L);
            c10a.intoArray(acc, ai + 10 * L);
            c11a.intoArray(acc, ai + 11 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0);
            c1a.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c6a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L);
            c7a.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c8a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L);
            c9a.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c10a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L);
            c11a.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
        }
    }

    /** {@link #dk12x1} for 12 consecutive kernel rows of one run: {@code acc[r][v] (+)= sum_i x[pos[i] + k0 + r] * dz[dzo[i] + df + v]}, one base per position (fewer registers). */
    private static void dk12x1c(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        FloatVector c6a = z;
        FloatVector c7a = z;
        FloatVector c8a = z;
        FloatVector c9a = z;
        FloatVector c10a = z;
        FloatVector c11a = z;
        for (int i = 0; i < np; i++) {
            int xb = pos[i] + k0;
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb]); c0a = v.fma(d0, c0a);
            v = FloatVector.broadcast(S, x[xb + 1]); c1a = v.fma(d0, c1a);
            v = FloatVector.broadcast(S, x[xb + 2]); c2a = v.fma(d0, c2a);
            v = FloatVector.broadcast(S, x[xb + 3]); c3a = v.fma(d0, c3a);
            v = FloatVector.broadcast(S, x[xb + 4]); c4a = v.fma(d0, c4a);
            v = FloatVector.broadcast(S, x[xb + 5]); c5a = v.fma(d0, c5a);
            v = FloatVector.broadcast(S, x[xb + 6]); c6a = v.fma(d0, c6a);
            v = FloatVector.broadcast(S, x[xb + 7]); c7a = v.fma(d0, c7a);
            v = FloatVector.broadcast(S, x[xb + 8]); c8a = v.fma(d0, c8a);
            v = FloatVector.broadcast(S, x[xb + 9]); c9a = v.fma(d0, c9a);
            v = FloatVector.broadcast(S, x[xb + 10]); c10a = v.fma(d0, c10a);
            v = FloatVector.broadcast(S, x[xb + 11]); c11a = v.fma(d0, c11a);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0);
            c1a.intoArray(acc, ai + L);
            c2a.intoArray(acc, ai + 2 * L);
            c3a.intoArray(acc, ai + 3 * L);
            c4a.intoArray(acc, ai + 4 * L);
            c5a.intoArray(acc, ai + 5 * L);
            c6a.intoArray(acc, ai + 6 * L);
            c7a.intoArray(acc, ai + 7 * L);
            c8a.intoArray(acc, ai + 8 * L);
            c9a.intoArray(acc, ai + 9 * L);
            c10a.intoArray(acc, ai + 10 * L);
            c11a.intoArray(acc, ai + 11 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0);
            c1a.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c6a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L);
            c7a.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c8a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L);
            c9a.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c10a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L);
            c11a.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
        }
    }

    /** Input-gradient tile, 12 positions x 1 vector along a run of the kernel: {@code tile[r][v] = sum_q dz[rows[r] + q] * kt[ki + q*ldk + v]}. */
    private static void dx12x1(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        FloatVector c6a = z;
        FloatVector c7a = z;
        FloatVector c8a = z;
        FloatVector c9a = z;
        FloatVector c10a = z;
        FloatVector c11a = z;
        int d0 = rows[0];
        int d1 = rows[1];
        int d2 = rows[2];
        int d3 = rows[3];
        int d4 = rows[4];
        int d5 = rows[5];
        int d6 = rows[6];
        int d7 = rows[7];
        int d8 = rows[8];
        int d9 = rows[9];
        int d10 = rows[10];
        int d11 = rows[11];
        for (int q = 0; q < nf; q++) {
            int b = ki + q * ldk;
            FloatVector b0 = FloatVector.fromArray(S, kt, b);
            FloatVector v;
            v = FloatVector.broadcast(S, dz[d0 + q]); c0a = v.fma(b0, c0a);
            v = FloatVector.broadcast(S, dz[d1 + q]); c1a = v.fma(b0, c1a);
            v = FloatVector.broadcast(S, dz[d2 + q]); c2a = v.fma(b0, c2a);
            v = FloatVector.broadcast(S, dz[d3 + q]); c3a = v.fma(b0, c3a);
            v = FloatVector.broadcast(S, dz[d4 + q]); c4a = v.fma(b0, c4a);
            v = FloatVector.broadcast(S, dz[d5 + q]); c5a = v.fma(b0, c5a);
            v = FloatVector.broadcast(S, dz[d6 + q]); c6a = v.fma(b0, c6a);
            v = FloatVector.broadcast(S, dz[d7 + q]); c7a = v.fma(b0, c7a);
            v = FloatVector.broadcast(S, dz[d8 + q]); c8a = v.fma(b0, c8a);
            v = FloatVector.broadcast(S, dz[d9 + q]); c9a = v.fma(b0, c9a);
            v = FloatVector.broadcast(S, dz[d10 + q]); c10a = v.fma(b0, c10a);
            v = FloatVector.broadcast(S, dz[d11 + q]); c11a = v.fma(b0, c11a);
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
        c4a.intoArray(tile, 4 * L);
        c5a.intoArray(tile, 5 * L);
        c6a.intoArray(tile, 6 * L);
        c7a.intoArray(tile, 7 * L);
        c8a.intoArray(tile, 8 * L);
        c9a.intoArray(tile, 9 * L);
        c10a.intoArray(tile, 10 * L);
        c11a.intoArray(tile, 11 * L);
    }

    /** Forward tile, 12 positions x 2 vectors of filters: {@code tile[r][v] = sum_t sum_j x[rows[r] + runOff[t] + j] * bp[bi + (runK[t] + j)*w + v]}. */
    private static void fwd12x2(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        FloatVector c6a = z, c6b = z;
        FloatVector c7a = z, c7b = z;
        FloatVector c8a = z, c8b = z;
        FloatVector c9a = z, c9b = z;
        FloatVector c10a = z, c10b = z;
        FloatVector c11a = z, c11b = z;
        int r0 = rows[0];
        int r1 = rows[1];
        int r2 = rows[2];
        int r3 = rows[3];
        int r4 = rows[4];
        int r5 = rows[5];
        int r6 = rows[6];
        int r7 = rows[7];
        int r8 = rows[8];
        int r9 = rows[9];
        int r10 = rows[10];
        int r11 = rows[11];
        for (int t = 0; t < runs; t++) {
            int o = runOff[t];
            int b = bi + runK[t] * (2 * L);
            int a0 = r0 + o;
            int a1 = r1 + o;
            int a2 = r2 + o;
            int a3 = r3 + o;
            int a4 = r4 + o;
            int a5 = r5 + o;
            int a6 = r6 + o;
            int a7 = r7 + o;
            int a8 = r8 + o;
            int a9 = r9 + o;
            int a10 = r10 + o;
            int a11 = r11 + o;
            for (int j = 0; j < runLen; j++, b += 2 * L) {
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
                FloatVector v;
                v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
                v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
                v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
                v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
                v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
                v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
                v = FloatVector.broadcast(S, x[a6 + j]); c6a = v.fma(b0, c6a); c6b = v.fma(b1, c6b);
                v = FloatVector.broadcast(S, x[a7 + j]); c7a = v.fma(b0, c7a); c7b = v.fma(b1, c7b);
                v = FloatVector.broadcast(S, x[a8 + j]); c8a = v.fma(b0, c8a); c8b = v.fma(b1, c8b);
                v = FloatVector.broadcast(S, x[a9 + j]); c9a = v.fma(b0, c9a); c9b = v.fma(b1, c9b);
                v = FloatVector.broadcast(S, x[a10 + j]); c10a = v.fma(b0, c10a); c10b = v.fma(b1, c10b);
                v = FloatVector.broadcast(S, x[a11 + j]); c11a = v.fma(b0, c11a); c11b = v.fma(b1, c11b);
            }
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
        c4a.intoArray(tile, 8 * L); c4b.intoArray(tile, 9 * L);
        c5a.intoArray(tile, 10 * L); c5b.intoArray(tile, 11 * L);
        c6a.intoArray(tile, 12 * L); c6b.intoArray(tile, 13 * L);
        c7a.intoArray(tile, 14 * L); c7b.intoArray(tile, 15 * L);
        c8a.intoArray(tile, 16 * L); c8b.intoArray(tile, 17 * L);
        c9a.intoArray(tile, 18 * L); c9b.intoArray(tile, 19 * L);
        c10a.intoArray(tile, 20 * L); c10b.intoArray(tile, 21 * L);
        c11a.intoArray(tile, 22 * L); c11b.intoArray(tile, 23 * L);
    }

    /** Kernel-gradient tile, 12 kernel rows x 2 vectors of filters, over np positions: {@code acc[r][v] (+)= sum_i x[pos[i] + kOff[r]] * dz[dzo[i] + df + v]}. */
    private static void dk12x2(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        FloatVector c6a = z, c6b = z;
        FloatVector c7a = z, c7b = z;
        FloatVector c8a = z, c8b = z;
        FloatVector c9a = z, c9b = z;
        FloatVector c10a = z, c10b = z;
        FloatVector c11a = z, c11b = z;
        int k0 = kOff[0];
        int k1 = kOff[1];
        int k2 = kOff[2];
        int k3 = kOff[3];
        int k4 = kOff[4];
        int k5 = kOff[5];
        int k6 = kOff[6];
        int k7 = kOff[7];
        int k8 = kOff[8];
        int k9 = kOff[9];
        int k10 = kOff[10];
        int k11 = kOff[11];
        for (int i = 0; i < np; i++) {
            int xb = pos[i];
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector d1 = FloatVector.fromArray(S, dz, d + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb + k0]); c0a = v.fma(d0, c0a); c0b = v.fma(d1, c0b);
            v = FloatVector.broadcast(S, x[xb + k1]); c1a = v.fma(d0, c1a); c1b = v.fma(d1, c1b);
            v = FloatVector.broadcast(S, x[xb + k2]); c2a = v.fma(d0, c2a); c2b = v.fma(d1, c2b);
            v = FloatVector.broadcast(S, x[xb + k3]); c3a = v.fma(d0, c3a); c3b = v.fma(d1, c3b);
            v = FloatVector.broadcast(S, x[xb + k4]); c4a = v.fma(d0, c4a); c4b = v.fma(d1, c4b);
            v = FloatVector.broadcast(S, x[xb + k5]); c5a = v.fma(d0, c5a); c5b = v.fma(d1, c5b);
            v = FloatVector.broadcast(S, x[xb + k6]); c6a = v.fma(d0, c6a); c6b = v.fma(d1, c6b);
            v = FloatVector.broadcast(S, x[xb + k7]); c7a = v.fma(d0, c7a); c7b = v.fma(d1, c7b);
            v = FloatVector.broadcast(S, x[xb + k8]); c8a = v.fma(d0, c8a); c8b = v.fma(d1, c8b);
            v = FloatVector.broadcast(S, x[xb + k9]); c9a = v.fma(d0, c9a); c9b = v.fma(d1, c9b);
            v = FloatVector.broadcast(S, x[xb + k10]); c10a = v.fma(d0, c10a); c10b = v.fma(d1, c10b);
            v = FloatVector.broadcast(S, x[xb + k11]); c11a = v.fma(d0, c11a); c11b = v.fma(d1, c11b);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0); c0b.intoArray(acc, ai + L);
            c1a.intoArray(acc, ai + 2 * L); c1b.intoArray(acc, ai + 3 * L);
            c2a.intoArray(acc, ai + 4 * L); c2b.intoArray(acc, ai + 5 * L);
            c3a.intoArray(acc, ai + 6 * L); c3b.intoArray(acc, ai + 7 * L);
            c4a.intoArray(acc, ai + 8 * L); c4b.intoArray(acc, ai + 9 * L);
            c5a.intoArray(acc, ai + 10 * L); c5b.intoArray(acc, ai + 11 * L);
            c6a.intoArray(acc, ai + 12 * L); c6b.intoArray(acc, ai + 13 * L);
            c7a.intoArray(acc, ai + 14 * L); c7b.intoArray(acc, ai + 15 * L);
            c8a.intoArray(acc, ai + 16 * L); c8b.intoArray(acc, ai + 17 * L);
            c9a.intoArray(acc, ai + 18 * L); c9b.intoArray(acc, ai + 19 * L);
            c10a.intoArray(acc, ai + 20 * L); c10b.intoArray(acc, ai + 21 * L);
            c11a.intoArray(acc, ai + 22 * L); c11b.intoArray(acc, ai + 23 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0); c0b.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c1a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L); c1b.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L); c2b.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L); c3b.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L); c4b.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L); c5b.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
            c6a.add(FloatVector.fromArray(S, acc, ai + 12 * L)).intoArray(acc, ai + 12 * L); c6b.add(FloatVector.fromArray(S, acc, ai + 13 * L)).intoArray(acc, ai + 13 * L);
            c7a.add(FloatVector.fromArray(S, acc, ai + 14 * L)).intoArray(acc, ai + 14 * L); c7b.add(FloatVector.fromArray(S, acc, ai + 15 * L)).intoArray(acc, ai + 15 * L);
            c8a.add(FloatVector.fromArray(S, acc, ai + 16 * L)).intoArray(acc, ai + 16 * L); c8b.add(FloatVector.fromArray(S, acc, ai + 17 * L)).intoArray(acc, ai + 17 * L);
            c9a.add(FloatVector.fromArray(S, acc, ai + 18 * L)).intoArray(acc, ai + 18 * L); c9b.add(FloatVector.fromArray(S, acc, ai + 19 * L)).intoArray(acc, ai + 19 * L);
            c10a.add(FloatVector.fromArray(S, acc, ai + 20 * L)).intoArray(acc, ai + 20 * L); c10b.add(FloatVector.fromArray(S, acc, ai + 21 * L)).intoArray(acc, ai + 21 * L);
            c11a.add(FloatVector.fromArray(S, acc, ai + 22 * L)).intoArray(acc, ai + 22 * L); c11b.add(FloatVector.fromArray(S, acc, ai + 23 * L)).intoArray(acc, ai + 23 * L);
        }
    }

    /** {@link #dk12x2} for 12 consecutive kernel rows of one run: {@code acc[r][v] (+)= sum_i x[pos[i] + k0 + r] * dz[dzo[i] + df + v]}, one base per position (fewer registers). */
    private static void dk12x2c(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        FloatVector c6a = z, c6b = z;
        FloatVector c7a = z, c7b = z;
        FloatVector c8a = z, c8b = z;
        FloatVector c9a = z, c9b = z;
        FloatVector c10a = z, c10b = z;
        FloatVector c11a = z, c11b = z;
        for (int i = 0; i < np; i++) {
            int xb = pos[i] + k0;
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector d1 = FloatVector.fromArray(S, dz, d + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb]); c0a = v.fma(d0, c0a); c0b = v.fma(d1, c0b);
            v = FloatVector.broadcast(S, x[xb + 1]); c1a = v.fma(d0, c1a); c1b = v.fma(d1, c1b);
            v = FloatVector.broadcast(S, x[xb + 2]); c2a = v.fma(d0, c2a); c2b = v.fma(d1, c2b);
            v = FloatVector.broadcast(S, x[xb + 3]); c3a = v.fma(d0, c3a); c3b = v.fma(d1, c3b);
            v = FloatVector.broadcast(S, x[xb + 4]); c4a = v.fma(d0, c4a); c4b = v.fma(d1, c4b);
            v = FloatVector.broadcast(S, x[xb + 5]); c5a = v.fma(d0, c5a); c5b = v.fma(d1, c5b);
            v = FloatVector.broadcast(S, x[xb + 6]); c6a = v.fma(d0, c6a); c6b = v.fma(d1, c6b);
            v = FloatVector.broadcast(S, x[xb + 7]); c7a = v.fma(d0, c7a); c7b = v.fma(d1, c7b);
            v = FloatVector.broadcast(S, x[xb + 8]); c8a = v.fma(d0, c8a); c8b = v.fma(d1, c8b);
            v = FloatVector.broadcast(S, x[xb + 9]); c9a = v.fma(d0, c9a); c9b = v.fma(d1, c9b);
            v = FloatVector.broadcast(S, x[xb + 10]); c10a = v.fma(d0, c10a); c10b = v.fma(d1, c10b);
            v = FloatVector.broadcast(S, x[xb + 11]); c11a = v.fma(d0, c11a); c11b = v.fma(d1, c11b);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0); c0b.intoArray(acc, ai + L);
            c1a.intoArray(acc, ai + 2 * L); c1b.intoArray(acc, ai + 3 * L);
            c2a.intoArray(acc, ai + 4 * L); c2b.intoArray(acc, ai + 5 * L);
            c3a.intoArray(acc, ai + 6 * L); c3b.intoArray(acc, ai + 7 * L);
            c4a.intoArray(acc, ai + 8 * L); c4b.intoArray(acc, ai + 9 * L);
            c5a.intoArray(acc, ai + 10 * L); c5b.intoArray(acc, ai + 11 * L);
            c6a.intoArray(acc, ai + 12 * L); c6b.intoArray(acc, ai + 13 * L);
            c7a.intoArray(acc, ai + 14 * L); c7b.intoArray(acc, ai + 15 * L);
            c8a.intoArray(acc, ai + 16 * L); c8b.intoArray(acc, ai + 17 * L);
            c9a.intoArray(acc, ai + 18 * L); c9b.intoArray(acc, ai + 19 * L);
            c10a.intoArray(acc, ai + 20 * L); c10b.intoArray(acc, ai + 21 * L);
            c11a.intoArray(acc, ai + 22 * L); c11b.intoArray(acc, ai + 23 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0); c0b.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c1a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L); c1b.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L); c2b.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L); c3b.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L); c4b.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L); c5b.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
            c6a.add(FloatVector.fromArray(S, acc, ai + 12 * L)).intoArray(acc, ai + 12 * L); c6b.add(FloatVector.fromArray(S, acc, ai + 13 * L)).intoArray(acc, ai + 13 * L);
            c7a.add(FloatVector.fromArray(S, acc, ai + 14 * L)).intoArray(acc, ai + 14 * L); c7b.add(FloatVector.fromArray(S, acc, ai + 15 * L)).intoArray(acc, ai + 15 * L);
            c8a.add(FloatVector.fromArray(S, acc, ai + 16 * L)).intoArray(acc, ai + 16 * L); c8b.add(FloatVector.fromArray(S, acc, ai + 17 * L)).intoArray(acc, ai + 17 * L);
            c9a.add(FloatVector.fromArray(S, acc, ai + 18 * L)).intoArray(acc, ai + 18 * L); c9b.add(FloatVector.fromArray(S, acc, ai + 19 * L)).intoArray(acc, ai + 19 * L);
            c10a.add(FloatVector.fromArray(S, acc, ai + 20 * L)).intoArray(acc, ai + 20 * L); c10b.add(FloatVector.fromArray(S, acc, ai + 21 * L)).intoArray(acc, ai + 21 * L);
            c11a.add(FloatVector.fromArray(S, acc, ai + 22 * L)).intoArray(acc, ai + 22 * L); c11b.add(FloatVector.fromArray(S, acc, ai + 23 * L)).intoArray(acc, ai + 23 * L);
        }
    }

    /** Input-gradient tile, 12 positions x 2 vectors along a run of the kernel: {@code tile[r][v] = sum_q dz[rows[r] + q] * kt[ki + q*ldk + v]}. */
    private static void dx12x2(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        FloatVector c6a = z, c6b = z;
        FloatVector c7a = z, c7b = z;
        FloatVector c8a = z, c8b = z;
        FloatVector c9a = z, c9b = z;
        FloatVector c10a = z, c10b = z;
        FloatVector c11a = z, c11b = z;
        int d0 = rows[0];
        int d1 = rows[1];
        int d2 = rows[2];
        int d3 = rows[3];
        int d4 = rows[4];
        int d5 = rows[5];
        int d6 = rows[6];
        int d7 = rows[7];
        int d8 = rows[8];
        int d9 = rows[9];
        int d10 = rows[10];
        int d11 = rows[11];
        for (int q = 0; q < nf; q++) {
            int b = ki + q * ldk;
            FloatVector b0 = FloatVector.fromArray(S, kt, b);
            FloatVector b1 = FloatVector.fromArray(S, kt, b + L);
            FloatVector v;
            v = FloatVector.broadcast(S, dz[d0 + q]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
            v = FloatVector.broadcast(S, dz[d1 + q]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
            v = FloatVector.broadcast(S, dz[d2 + q]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
            v = FloatVector.broadcast(S, dz[d3 + q]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
            v = FloatVector.broadcast(S, dz[d4 + q]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
            v = FloatVector.broadcast(S, dz[d5 + q]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
            v = FloatVector.broadcast(S, dz[d6 + q]); c6a = v.fma(b0, c6a); c6b = v.fma(b1, c6b);
            v = FloatVector.broadcast(S, dz[d7 + q]); c7a = v.fma(b0, c7a); c7b = v.fma(b1, c7b);
            v = FloatVector.broadcast(S, dz[d8 + q]); c8a = v.fma(b0, c8a); c8b = v.fma(b1, c8b);
            v = FloatVector.broadcast(S, dz[d9 + q]); c9a = v.fma(b0, c9a); c9b = v.fma(b1, c9b);
            v = FloatVector.broadcast(S, dz[d10 + q]); c10a = v.fma(b0, c10a); c10b = v.fma(b1, c10b);
            v = FloatVector.broadcast(S, dz[d11 + q]); c11a = v.fma(b0, c11a); c11b = v.fma(b1, c11b);
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
        c4a.intoArray(tile, 8 * L); c4b.intoArray(tile, 9 * L);
        c5a.intoArray(tile, 10 * L); c5b.intoArray(tile, 11 * L);
        c6a.intoArray(tile, 12 * L); c6b.intoArray(tile, 13 * L);
        c7a.intoArray(tile, 14 * L); c7b.intoArray(tile, 15 * L);
        c8a.intoArray(tile, 16 * L); c8b.intoArray(tile, 17 * L);
        c9a.intoArray(tile, 18 * L); c9b.intoArray(tile, 19 * L);
        c10a.intoArray(tile, 20 * L); c10b.intoArray(tile, 21 * L);
        c11a.intoArray(tile, 22 * L); c11b.intoArray(tile, 23 * L);
    }

    /** Forward tile, 6 positions x 1 vector of filters: {@code tile[r][v] = sum_t sum_j x[rows[r] + runOff[t] + j] * bp[bi + (runK[t] + j)*w + v]}. */
    private static void fwd6x1(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        int r0 = rows[0];
        int r1 = rows[1];
        int r2 = rows[2];
        int r3 = rows[3];
        int r4 = rows[4];
        int r5 = rows[5];
        for (int t = 0; t < runs; t++) {
            int o = runOff[t];
            int b = bi + runK[t] * L;
            int a0 = r0 + o;
            int a1 = r1 + o;
            int a2 = r2 + o;
            int a3 = r3 + o;
            int a4 = r4 + o;
            int a5 = r5 + o;
            for (int j = 0; j < runLen; j++, b += L) {
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector v;
                v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a);
                v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a);
                v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a);
                v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a);
                v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a);
                v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a);
            }
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
        c4a.intoArray(tile, 4 * L);
        c5a.intoArray(tile, 5 * L);
    }

    /** Kernel-gradient tile, 6 kernel rows x 1 vector of filters, over np positions: {@code acc[r][v] (+)= sum_i x[pos[i] + kOff[r]] * dz[dzo[i] + df + v]}. */
    private static void dk6x1(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        int k0 = kOff[0];
        int k1 = kOff[1];
        int k2 = kOff[2];
        int k3 = kOff[3];
        int k4 = kOff[4];
        int k5 = kOff[5];
        for (int i = 0; i < np; i++) {
            int xb = pos[i];
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb + k0]); c0a = v.fma(d0, c0a);
            v = FloatVector.broadcast(S, x[xb + k1]); c1a = v.fma(d0, c1a);
            v = FloatVector.broadcast(S, x[xb + k2]); c2a = v.fma(d0, c2a);
            v = FloatVector.broadcast(S, x[xb + k3]); c3a = v.fma(d0, c3a);
            v = FloatVector.broadcast(S, x[xb + k4]); c4a = v.fma(d0, c4a);
            v = FloatVector.broadcast(S, x[xb + k5]); c5a = v.fma(d0, c5a);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0);
            c1a.intoArray(acc, ai + L);
            c2a.intoArray(acc, ai + 2 * L);
            c3a.intoArray(acc, ai + 3 * L);
            c4a.intoArray(acc, ai + 4 * L);
            c5a.intoArray(acc, ai + 5 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0);
            c1a.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
        }
    }

    /** {@link #dk6x1} for 6 consecutive kernel rows of one run: {@code acc[r][v] (+)= sum_i x[pos[i] + k0 + r] * dz[dzo[i] + df + v]}, one base per position (fewer registers). */
    private static void dk6x1c(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        for (int i = 0; i < np; i++) {
            int xb = pos[i] + k0;
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb]); c0a = v.fma(d0, c0a);
            v = FloatVector.broadcast(S, x[xb + 1]); c1a = v.fma(d0, c1a);
            v = FloatVector.broadcast(S, x[xb + 2]); c2a = v.fma(d0, c2a);
            v = FloatVector.broadcast(S, x[xb + 3]); c3a = v.fma(d0, c3a);
            v = FloatVector.broadcast(S, x[xb + 4]); c4a = v.fma(d0, c4a);
            v = FloatVector.broadcast(S, x[xb + 5]); c5a = v.fma(d0, c5a);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0);
            c1a.intoArray(acc, ai + L);
            c2a.intoArray(acc, ai + 2 * L);
            c3a.intoArray(acc, ai + 3 * L);
            c4a.intoArray(acc, ai + 4 * L);
            c5a.intoArray(acc, ai + 5 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0);
            c1a.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
        }
    }

    /** Input-gradient tile, 6 positions x 1 vector along a run of the kernel: {@code tile[r][v] = sum_q dz[rows[r] + q] * kt[ki + q*ldk + v]}. */
    private static void dx6x1(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        int d0 = rows[0];
        int d1 = rows[1];
        int d2 = rows[2];
        int d3 = rows[3];
        int d4 = rows[4];
        int d5 = rows[5];
        for (int q = 0; q < nf; q++) {
            int b = ki + q * ldk;
            FloatVector b0 = FloatVector.fromArray(S, kt, b);
            FloatVector v;
            v = FloatVector.broadcast(S, dz[d0 + q]); c0a = v.fma(b0, c0a);
            v = FloatVector.broadcast(S, dz[d1 + q]); c1a = v.fma(b0, c1a);
            v = FloatVector.broadcast(S, dz[d2 + q]); c2a = v.fma(b0, c2a);
            v = FloatVector.broadcast(S, dz[d3 + q]); c3a = v.fma(b0, c3a);
            v = FloatVector.broadcast(S, dz[d4 + q]); c4a = v.fma(b0, c4a);
            v = FloatVector.broadcast(S, dz[d5 + q]); c5a = v.fma(b0, c5a);
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
        c4a.intoArray(tile, 4 * L);
        c5a.intoArray(tile, 5 * L);
    }

    /** Forward tile, 6 positions x 2 vectors of filters: {@code tile[r][v] = sum_t sum_j x[rows[r] + runOff[t] + j] * bp[bi + (runK[t] + j)*w + v]}. */
    private static void fwd6x2(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen, float[] bp, int bi, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        int r0 = rows[0];
        int r1 = rows[1];
        int r2 = rows[2];
        int r3 = rows[3];
        int r4 = rows[4];
        int r5 = rows[5];
        for (int t = 0; t < runs; t++) {
            int o = runOff[t];
            int b = bi + runK[t] * (2 * L);
            int a0 = r0 + o;
            int a1 = r1 + o;
            int a2 = r2 + o;
            int a3 = r3 + o;
            int a4 = r4 + o;
            int a5 = r5 + o;
            for (int j = 0; j < runLen; j++, b += 2 * L) {
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
                FloatVector v;
                v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
                v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
                v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
                v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
                v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
                v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
            }
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
        c4a.intoArray(tile, 8 * L); c4b.intoArray(tile, 9 * L);
        c5a.intoArray(tile, 10 * L); c5b.intoArray(tile, 11 * L);
    }

    /** Kernel-gradient tile, 6 kernel rows x 2 vectors of filters, over np positions: {@code acc[r][v] (+)= sum_i x[pos[i] + kOff[r]] * dz[dzo[i] + df + v]}. */
    private static void dk6x2(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        int k0 = kOff[0];
        int k1 = kOff[1];
        int k2 = kOff[2];
        int k3 = kOff[3];
        int k4 = kOff[4];
        int k5 = kOff[5];
        for (int i = 0; i < np; i++) {
            int xb = pos[i];
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector d1 = FloatVector.fromArray(S, dz, d + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb + k0]); c0a = v.fma(d0, c0a); c0b = v.fma(d1, c0b);
            v = FloatVector.broadcast(S, x[xb + k1]); c1a = v.fma(d0, c1a); c1b = v.fma(d1, c1b);
            v = FloatVector.broadcast(S, x[xb + k2]); c2a = v.fma(d0, c2a); c2b = v.fma(d1, c2b);
            v = FloatVector.broadcast(S, x[xb + k3]); c3a = v.fma(d0, c3a); c3b = v.fma(d1, c3b);
            v = FloatVector.broadcast(S, x[xb + k4]); c4a = v.fma(d0, c4a); c4b = v.fma(d1, c4b);
            v = FloatVector.broadcast(S, x[xb + k5]); c5a = v.fma(d0, c5a); c5b = v.fma(d1, c5b);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0); c0b.intoArray(acc, ai + L);
            c1a.intoArray(acc, ai + 2 * L); c1b.intoArray(acc, ai + 3 * L);
            c2a.intoArray(acc, ai + 4 * L); c2b.intoArray(acc, ai + 5 * L);
            c3a.intoArray(acc, ai + 6 * L); c3b.intoArray(acc, ai + 7 * L);
            c4a.intoArray(acc, ai + 8 * L); c4b.intoArray(acc, ai + 9 * L);
            c5a.intoArray(acc, ai + 10 * L); c5b.intoArray(acc, ai + 11 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0); c0b.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c1a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L); c1b.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L); c2b.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L); c3b.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L); c4b.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L); c5b.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
        }
    }

    /** {@link #dk6x2} for 6 consecutive kernel rows of one run: {@code acc[r][v] (+)= sum_i x[pos[i] + k0 + r] * dz[dzo[i] + df + v]}, one base per position (fewer registers). */
    private static void dk6x2c(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        for (int i = 0; i < np; i++) {
            int xb = pos[i] + k0;
            int d = dzo[i] + df;
            FloatVector d0 = FloatVector.fromArray(S, dz, d);
            FloatVector d1 = FloatVector.fromArray(S, dz, d + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[xb]); c0a = v.fma(d0, c0a); c0b = v.fma(d1, c0b);
            v = FloatVector.broadcast(S, x[xb + 1]); c1a = v.fma(d0, c1a); c1b = v.fma(d1, c1b);
            v = FloatVector.broadcast(S, x[xb + 2]); c2a = v.fma(d0, c2a); c2b = v.fma(d1, c2b);
            v = FloatVector.broadcast(S, x[xb + 3]); c3a = v.fma(d0, c3a); c3b = v.fma(d1, c3b);
            v = FloatVector.broadcast(S, x[xb + 4]); c4a = v.fma(d0, c4a); c4b = v.fma(d1, c4b);
            v = FloatVector.broadcast(S, x[xb + 5]); c5a = v.fma(d0, c5a); c5b = v.fma(d1, c5b);
        }
        if (first) {
            c0a.intoArray(acc, ai + 0); c0b.intoArray(acc, ai + L);
            c1a.intoArray(acc, ai + 2 * L); c1b.intoArray(acc, ai + 3 * L);
            c2a.intoArray(acc, ai + 4 * L); c2b.intoArray(acc, ai + 5 * L);
            c3a.intoArray(acc, ai + 6 * L); c3b.intoArray(acc, ai + 7 * L);
            c4a.intoArray(acc, ai + 8 * L); c4b.intoArray(acc, ai + 9 * L);
            c5a.intoArray(acc, ai + 10 * L); c5b.intoArray(acc, ai + 11 * L);
        } else {
            c0a.add(FloatVector.fromArray(S, acc, ai + 0)).intoArray(acc, ai + 0); c0b.add(FloatVector.fromArray(S, acc, ai + L)).intoArray(acc, ai + L);
            c1a.add(FloatVector.fromArray(S, acc, ai + 2 * L)).intoArray(acc, ai + 2 * L); c1b.add(FloatVector.fromArray(S, acc, ai + 3 * L)).intoArray(acc, ai + 3 * L);
            c2a.add(FloatVector.fromArray(S, acc, ai + 4 * L)).intoArray(acc, ai + 4 * L); c2b.add(FloatVector.fromArray(S, acc, ai + 5 * L)).intoArray(acc, ai + 5 * L);
            c3a.add(FloatVector.fromArray(S, acc, ai + 6 * L)).intoArray(acc, ai + 6 * L); c3b.add(FloatVector.fromArray(S, acc, ai + 7 * L)).intoArray(acc, ai + 7 * L);
            c4a.add(FloatVector.fromArray(S, acc, ai + 8 * L)).intoArray(acc, ai + 8 * L); c4b.add(FloatVector.fromArray(S, acc, ai + 9 * L)).intoArray(acc, ai + 9 * L);
            c5a.add(FloatVector.fromArray(S, acc, ai + 10 * L)).intoArray(acc, ai + 10 * L); c5b.add(FloatVector.fromArray(S, acc, ai + 11 * L)).intoArray(acc, ai + 11 * L);
        }
    }

    /** Input-gradient tile, 6 positions x 2 vectors along a run of the kernel: {@code tile[r][v] = sum_q dz[rows[r] + q] * kt[ki + q*ldk + v]}. */
    private static void dx6x2(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        int d0 = rows[0];
        int d1 = rows[1];
        int d2 = rows[2];
        int d3 = rows[3];
        int d4 = rows[4];
        int d5 = rows[5];
        for (int q = 0; q < nf; q++) {
            int b = ki + q * ldk;
            FloatVector b0 = FloatVector.fromArray(S, kt, b);
            FloatVector b1 = FloatVector.fromArray(S, kt, b + L);
            FloatVector v;
            v = FloatVector.broadcast(S, dz[d0 + q]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
            v = FloatVector.broadcast(S, dz[d1 + q]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
            v = FloatVector.broadcast(S, dz[d2 + q]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
            v = FloatVector.broadcast(S, dz[d3 + q]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
            v = FloatVector.broadcast(S, dz[d4 + q]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
            v = FloatVector.broadcast(S, dz[d5 + q]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
        c4a.intoArray(tile, 8 * L); c4b.intoArray(tile, 9 * L);
        c5a.intoArray(tile, 10 * L); c5b.intoArray(tile, 11 * L);
    }

    /** Forward tile, 12 positions x 1 vector of filters, over one slice of a run: {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */
    private static void fwdb12x1(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = first ? z : FloatVector.fromArray(S, tile, ti + 0);
        FloatVector c1a = first ? z : FloatVector.fromArray(S, tile, ti + L);
        FloatVector c2a = first ? z : FloatVector.fromArray(S, tile, ti + 2 * L);
        FloatVector c3a = first ? z : FloatVector.fromArray(S, tile, ti + 3 * L);
        FloatVector c4a = first ? z : FloatVector.fromArray(S, tile, ti + 4 * L);
        FloatVector c5a = first ? z : FloatVector.fromArray(S, tile, ti + 5 * L);
        FloatVector c6a = first ? z : FloatVector.fromArray(S, tile, ti + 6 * L);
        FloatVector c7a = first ? z : FloatVector.fromArray(S, tile, ti + 7 * L);
        FloatVector c8a = first ? z : FloatVector.fromArray(S, tile, ti + 8 * L);
        FloatVector c9a = first ? z : FloatVector.fromArray(S, tile, ti + 9 * L);
        FloatVector c10a = first ? z : FloatVector.fromArray(S, tile, ti + 10 * L);
        FloatVector c11a = first ? z : FloatVector.fromArray(S, tile, ti + 11 * L);
        int a0 = rows[ri] + o;
        int a1 = rows[ri + 1] + o;
        int a2 = rows[ri + 2] + o;
        int a3 = rows[ri + 3] + o;
        int a4 = rows[ri + 4] + o;
        int a5 = rows[ri + 5] + o;
        int a6 = rows[ri + 6] + o;
        int a7 = rows[ri + 7] + o;
        int a8 = rows[ri + 8] + o;
        int a9 = rows[ri + 9] + o;
        int a10 = rows[ri + 10] + o;
        int a11 = rows[ri + 11] + o;
        for (int j = 0; j < jn; j++, b += L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector v;
            v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a);
            v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a);
            v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a);
            v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a);
            v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a);
            v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a);
            v = FloatVector.broadcast(S, x[a6 + j]); c6a = v.fma(b0, c6a);
            v = FloatVector.broadcast(S, x[a7 + j]); c7a = v.fma(b0, c7a);
            v = FloatVector.broadcast(S, x[a8 + j]); c8a = v.fma(b0, c8a);
            v = FloatVector.broadcast(S, x[a9 + j]); c9a = v.fma(b0, c9a);
            v = FloatVector.broadcast(S, x[a10 + j]); c10a = v.fma(b0, c10a);
            v = FloatVector.broadcast(S, x[a11 + j]); c11a = v.fma(b0, c11a);
        }
        c0a.intoArray(tile, ti + 0);
        c1a.intoArray(tile, ti + L);
        c2a.intoArray(tile, ti + 2 * L);
        c3a.intoArray(tile, ti + 3 * L);
        c4a.intoArray(tile, ti + 4 * L);
        c5a.intoArray(tile, ti + 5 * L);
        c6a.intoArray(tile, ti + 6 * L);
        c7a.intoArray(tile, ti + 7 * L);
        c8a.intoArray(tile, ti + 8 * L);
        c9a.intoArray(tile, ti + 9 * L);
        c10a.intoArray(tile, ti + 10 * L);
        c11a.intoArray(tile, ti + 11 * L);
    }

    /** Forward tile, 12 positions x 2 vectors of filters, over one slice of a run: {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */
    private static void fwdb12x2(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = first ? z : FloatVector.fromArray(S, tile, ti + 0), c0b = first ? z : FloatVector.fromArray(S, tile, ti + L);
        FloatVector c1a = first ? z : FloatVector.fromArray(S, tile, ti + 2 * L), c1b = first ? z : FloatVector.fromArray(S, tile, ti + 3 * L);
        FloatVector c2a = first ? z : FloatVector.fromArray(S, tile, ti + 4 * L), c2b = first ? z : FloatVector.fromArray(S, tile, ti + 5 * L);
        FloatVector c3a = first ? z : FloatVector.fromArray(S, tile, ti + 6 * L), c3b = first ? z : FloatVector.fromArray(S, tile, ti + 7 * L);
        FloatVector c4a = first ? z : FloatVector.fromArray(S, tile, ti + 8 * L), c4b = first ? z : FloatVector.fromArray(S, tile, ti + 9 * L);
        FloatVector c5a = first ? z : FloatVector.fromArray(S, tile, ti + 10 * L), c5b = first ? z : FloatVector.fromArray(S, tile, ti + 11 * L);
        FloatVector c6a = first ? z : FloatVector.fromArray(S, tile, ti + 12 * L), c6b = first ? z : FloatVector.fromArray(S, tile, ti + 13 * L);
        FloatVector c7a = first ? z : FloatVector.fromArray(S, tile, ti + 14 * L), c7b = first ? z : FloatVector.fromArray(S, tile, ti + 15 * L);
        FloatVector c8a = first ? z : FloatVector.fromArray(S, tile, ti + 16 * L), c8b = first ? z : FloatVector.fromArray(S, tile, ti + 17 * L);
        FloatVector c9a = first ? z : FloatVector.fromArray(S, tile, ti + 18 * L), c9b = first ? z : FloatVector.fromArray(S, tile, ti + 19 * L);
        FloatVector c10a = first ? z : FloatVector.fromArray(S, tile, ti + 20 * L), c10b = first ? z : FloatVector.fromArray(S, tile, ti + 21 * L);
        FloatVector c11a = first ? z : FloatVector.fromArray(S, tile, ti + 22 * L), c11b = first ? z : FloatVector.fromArray(S, tile, ti + 23 * L);
        int a0 = rows[ri] + o;
        int a1 = rows[ri + 1] + o;
        int a2 = rows[ri + 2] + o;
        int a3 = rows[ri + 3] + o;
        int a4 = rows[ri + 4] + o;
        int a5 = rows[ri + 5] + o;
        int a6 = rows[ri + 6] + o;
        int a7 = rows[ri + 7] + o;
        int a8 = rows[ri + 8] + o;
        int a9 = rows[ri + 9] + o;
        int a10 = rows[ri + 10] + o;
        int a11 = rows[ri + 11] + o;
        for (int j = 0; j < jn; j++, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
            v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
            v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
            v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
            v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
            v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
            v = FloatVector.broadcast(S, x[a6 + j]); c6a = v.fma(b0, c6a); c6b = v.fma(b1, c6b);
            v = FloatVector.broadcast(S, x[a7 + j]); c7a = v.fma(b0, c7a); c7b = v.fma(b1, c7b);
            v = FloatVector.broadcast(S, x[a8 + j]); c8a = v.fma(b0, c8a); c8b = v.fma(b1, c8b);
            v = FloatVector.broadcast(S, x[a9 + j]); c9a = v.fma(b0, c9a); c9b = v.fma(b1, c9b);
            v = FloatVector.broadcast(S, x[a10 + j]); c10a = v.fma(b0, c10a); c10b = v.fma(b1, c10b);
            v = FloatVector.broadcast(S, x[a11 + j]); c11a = v.fma(b0, c11a); c11b = v.fma(b1, c11b);
        }
        c0a.intoArray(tile, ti + 0); c0b.intoArray(tile, ti + L);
        c1a.intoArray(tile, ti + 2 * L); c1b.intoArray(tile, ti + 3 * L);
        c2a.intoArray(tile, ti + 4 * L); c2b.intoArray(tile, ti + 5 * L);
        c3a.intoArray(tile, ti + 6 * L); c3b.intoArray(tile, ti + 7 * L);
        c4a.intoArray(tile, ti + 8 * L); c4b.intoArray(tile, ti + 9 * L);
        c5a.intoArray(tile, ti + 10 * L); c5b.intoArray(tile, ti + 11 * L);
        c6a.intoArray(tile, ti + 12 * L); c6b.intoArray(tile, ti + 13 * L);
        c7a.intoArray(tile, ti + 14 * L); c7b.intoArray(tile, ti + 15 * L);
        c8a.intoArray(tile, ti + 16 * L); c8b.intoArray(tile, ti + 17 * L);
        c9a.intoArray(tile, ti + 18 * L); c9b.intoArray(tile, ti + 19 * L);
        c10a.intoArray(tile, ti + 20 * L); c10b.intoArray(tile, ti + 21 * L);
        c11a.intoArray(tile, ti + 22 * L); c11b.intoArray(tile, ti + 23 * L);
    }

    /** Forward tile, 6 positions x 1 vector of filters, over one slice of a run: {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */
    private static void fwdb6x1(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = first ? z : FloatVector.fromArray(S, tile, ti + 0);
        FloatVector c1a = first ? z : FloatVector.fromArray(S, tile, ti + L);
        FloatVector c2a = first ? z : FloatVector.fromArray(S, tile, ti + 2 * L);
        FloatVector c3a = first ? z : FloatVector.fromArray(S, tile, ti + 3 * L);
        FloatVector c4a = first ? z : FloatVector.fromArray(S, tile, ti + 4 * L);
        FloatVector c5a = first ? z : FloatVector.fromArray(S, tile, ti + 5 * L);
        int a0 = rows[ri] + o;
        int a1 = rows[ri + 1] + o;
        int a2 = rows[ri + 2] + o;
        int a3 = rows[ri + 3] + o;
        int a4 = rows[ri + 4] + o;
        int a5 = rows[ri + 5] + o;
        for (int j = 0; j < jn; j++, b += L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector v;
            v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a);
            v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a);
            v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a);
            v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a);
            v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a);
            v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a);
        }
        c0a.intoArray(tile, ti + 0);
        c1a.intoArray(tile, ti + L);
        c2a.intoArray(tile, ti + 2 * L);
        c3a.intoArray(tile, ti + 3 * L);
        c4a.intoArray(tile, ti + 4 * L);
        c5a.intoArray(tile, ti + 5 * L);
    }

    /** Forward tile, 6 positions x 2 vectors of filters, over one slice of a run: {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */
    private static void fwdb6x2(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = first ? z : FloatVector.fromArray(S, tile, ti + 0), c0b = first ? z : FloatVector.fromArray(S, tile, ti + L);
        FloatVector c1a = first ? z : FloatVector.fromArray(S, tile, ti + 2 * L), c1b = first ? z : FloatVector.fromArray(S, tile, ti + 3 * L);
        FloatVector c2a = first ? z : FloatVector.fromArray(S, tile, ti + 4 * L), c2b = first ? z : FloatVector.fromArray(S, tile, ti + 5 * L);
        FloatVector c3a = first ? z : FloatVector.fromArray(S, tile, ti + 6 * L), c3b = first ? z : FloatVector.fromArray(S, tile, ti + 7 * L);
        FloatVector c4a = first ? z : FloatVector.fromArray(S, tile, ti + 8 * L), c4b = first ? z : FloatVector.fromArray(S, tile, ti + 9 * L);
        FloatVector c5a = first ? z : FloatVector.fromArray(S, tile, ti + 10 * L), c5b = first ? z : FloatVector.fromArray(S, tile, ti + 11 * L);
        int a0 = rows[ri] + o;
        int a1 = rows[ri + 1] + o;
        int a2 = rows[ri + 2] + o;
        int a3 = rows[ri + 3] + o;
        int a4 = rows[ri + 4] + o;
        int a5 = rows[ri + 5] + o;
        for (int j = 0; j < jn; j++, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b);
            v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b);
            v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b);
            v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b);
            v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b);
            v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b);
        }
        c0a.intoArray(tile, ti + 0); c0b.intoArray(tile, ti + L);
        c1a.intoArray(tile, ti + 2 * L); c1b.intoArray(tile, ti + 3 * L);
        c2a.intoArray(tile, ti + 4 * L); c2b.intoArray(tile, ti + 5 * L);
        c3a.intoArray(tile, ti + 6 * L); c3b.intoArray(tile, ti + 7 * L);
        c4a.intoArray(tile, ti + 8 * L); c4b.intoArray(tile, ti + 9 * L);
        c5a.intoArray(tile, ti + 10 * L); c5b.intoArray(tile, ti + 11 * L);
    }

    /** Forward tile, 6 positions x 4 vectors of filters, over one slice of a run: {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */
    private static void fwdb6x4(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b, float[] tile, int ti, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = first ? z : FloatVector.fromArray(S, tile, ti + 0), c0b = first ? z : FloatVector.fromArray(S, tile, ti + L), c0c = first ? z : FloatVector.fromArray(S, tile, ti + 2 * L), c0d = first ? z : FloatVector.fromArray(S, tile, ti + 3 * L);
        FloatVector c1a = first ? z : FloatVector.fromArray(S, tile, ti + 4 * L), c1b = first ? z : FloatVector.fromArray(S, tile, ti + 5 * L), c1c = first ? z : FloatVector.fromArray(S, tile, ti + 6 * L), c1d = first ? z : FloatVector.fromArray(S, tile, ti + 7 * L);
        FloatVector c2a = first ? z : FloatVector.fromArray(S, tile, ti + 8 * L), c2b = first ? z : FloatVector.fromArray(S, tile, ti + 9 * L), c2c = first ? z : FloatVector.fromArray(S, tile, ti + 10 * L), c2d = first ? z : FloatVector.fromArray(S, tile, ti + 11 * L);
        FloatVector c3a = first ? z : FloatVector.fromArray(S, tile, ti + 12 * L), c3b = first ? z : FloatVector.fromArray(S, tile, ti + 13 * L), c3c = first ? z : FloatVector.fromArray(S, tile, ti + 14 * L), c3d = first ? z : FloatVector.fromArray(S, tile, ti + 15 * L);
        FloatVector c4a = first ? z : FloatVector.fromArray(S, tile, ti + 16 * L), c4b = first ? z : FloatVector.fromArray(S, tile, ti + 17 * L), c4c = first ? z : FloatVector.fromArray(S, tile, ti + 18 * L), c4d = first ? z : FloatVector.fromArray(S, tile, ti + 19 * L);
        FloatVector c5a = first ? z : FloatVector.fromArray(S, tile, ti + 20 * L), c5b = first ? z : FloatVector.fromArray(S, tile, ti + 21 * L), c5c = first ? z : FloatVector.fromArray(S, tile, ti + 22 * L), c5d = first ? z : FloatVector.fromArray(S, tile, ti + 23 * L);
        int a0 = rows[ri] + o;
        int a1 = rows[ri + 1] + o;
        int a2 = rows[ri + 2] + o;
        int a3 = rows[ri + 3] + o;
        int a4 = rows[ri + 4] + o;
        int a5 = rows[ri + 5] + o;
        for (int j = 0; j < jn; j++, b += 4 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            FloatVector v;
            v = FloatVector.broadcast(S, x[a0 + j]); c0a = v.fma(b0, c0a); c0b = v.fma(b1, c0b); c0c = v.fma(b2, c0c); c0d = v.fma(b3, c0d);
            v = FloatVector.broadcast(S, x[a1 + j]); c1a = v.fma(b0, c1a); c1b = v.fma(b1, c1b); c1c = v.fma(b2, c1c); c1d = v.fma(b3, c1d);
            v = FloatVector.broadcast(S, x[a2 + j]); c2a = v.fma(b0, c2a); c2b = v.fma(b1, c2b); c2c = v.fma(b2, c2c); c2d = v.fma(b3, c2d);
            v = FloatVector.broadcast(S, x[a3 + j]); c3a = v.fma(b0, c3a); c3b = v.fma(b1, c3b); c3c = v.fma(b2, c3c); c3d = v.fma(b3, c3d);
            v = FloatVector.broadcast(S, x[a4 + j]); c4a = v.fma(b0, c4a); c4b = v.fma(b1, c4b); c4c = v.fma(b2, c4c); c4d = v.fma(b3, c4d);
            v = FloatVector.broadcast(S, x[a5 + j]); c5a = v.fma(b0, c5a); c5b = v.fma(b1, c5b); c5c = v.fma(b2, c5c); c5d = v.fma(b3, c5d);
        }
        c0a.intoArray(tile, ti + 0); c0b.intoArray(tile, ti + L); c0c.intoArray(tile, ti + 2 * L); c0d.intoArray(tile, ti + 3 * L);
        c1a.intoArray(tile, ti + 4 * L); c1b.intoArray(tile, ti + 5 * L); c1c.intoArray(tile, ti + 6 * L); c1d.intoArray(tile, ti + 7 * L);
        c2a.intoArray(tile, ti + 8 * L); c2b.intoArray(tile, ti + 9 * L); c2c.intoArray(tile, ti + 10 * L); c2d.intoArray(tile, ti + 11 * L);
        c3a.intoArray(tile, ti + 12 * L); c3b.intoArray(tile, ti + 13 * L); c3c.intoArray(tile, ti + 14 * L); c3d.intoArray(tile, ti + 15 * L);
        c4a.intoArray(tile, ti + 16 * L); c4b.intoArray(tile, ti + 17 * L); c4c.intoArray(tile, ti + 18 * L); c4d.intoArray(tile, ti + 19 * L);
        c5a.intoArray(tile, ti + 20 * L); c5b.intoArray(tile, ti + 21 * L); c5c.intoArray(tile, ti + 22 * L); c5d.intoArray(tile, ti + 23 * L);
    }

    /** Width-vectorised forward tile, 6 filters x 1 vector of positions: {@code tile[q][v] = sum_k x[xo + offs[k] + v] * kf[k*6 + q]}. */
    private static void rows6x1(float[] x, int xo, int[] offs, int nk, float[] kf, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        FloatVector c4a = z;
        FloatVector c5a = z;
        for (int k = 0; k < nk; k++) {
            int o = xo + offs[k];
            FloatVector x0 = FloatVector.fromArray(S, x, o);
            int b = k * 6;
            FloatVector v;
            v = FloatVector.broadcast(S, kf[b]); c0a = x0.fma(v, c0a);
            v = FloatVector.broadcast(S, kf[b + 1]); c1a = x0.fma(v, c1a);
            v = FloatVector.broadcast(S, kf[b + 2]); c2a = x0.fma(v, c2a);
            v = FloatVector.broadcast(S, kf[b + 3]); c3a = x0.fma(v, c3a);
            v = FloatVector.broadcast(S, kf[b + 4]); c4a = x0.fma(v, c4a);
            v = FloatVector.broadcast(S, kf[b + 5]); c5a = x0.fma(v, c5a);
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
        c4a.intoArray(tile, 4 * L);
        c5a.intoArray(tile, 5 * L);
    }

    /** Width-vectorised forward tile, 6 filters x 2 vectors of positions: {@code tile[q][v] = sum_k x[xo + offs[k] + v] * kf[k*6 + q]}. */
    private static void rows6x2(float[] x, int xo, int[] offs, int nk, float[] kf, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        FloatVector c4a = z, c4b = z;
        FloatVector c5a = z, c5b = z;
        for (int k = 0; k < nk; k++) {
            int o = xo + offs[k];
            FloatVector x0 = FloatVector.fromArray(S, x, o);
            FloatVector x1 = FloatVector.fromArray(S, x, o + L);
            int b = k * 6;
            FloatVector v;
            v = FloatVector.broadcast(S, kf[b]); c0a = x0.fma(v, c0a); c0b = x1.fma(v, c0b);
            v = FloatVector.broadcast(S, kf[b + 1]); c1a = x0.fma(v, c1a); c1b = x1.fma(v, c1b);
            v = FloatVector.broadcast(S, kf[b + 2]); c2a = x0.fma(v, c2a); c2b = x1.fma(v, c2b);
            v = FloatVector.broadcast(S, kf[b + 3]); c3a = x0.fma(v, c3a); c3b = x1.fma(v, c3b);
            v = FloatVector.broadcast(S, kf[b + 4]); c4a = x0.fma(v, c4a); c4b = x1.fma(v, c4b);
            v = FloatVector.broadcast(S, kf[b + 5]); c5a = x0.fma(v, c5a); c5b = x1.fma(v, c5b);
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
        c4a.intoArray(tile, 8 * L); c4b.intoArray(tile, 9 * L);
        c5a.intoArray(tile, 10 * L); c5b.intoArray(tile, 11 * L);
    }

    /** Width-vectorised kernel-gradient tile, 3 taps x 6 filters, over rows r0..r1: {@code acc[i][q] (+)= sum x[bases[row] + o + ko[i]] * dzt[((row - r0)*6 + q)*owp + o]} lane by lane (x's lanes past the row's end kept out of the last vector). */
    private static void dkRows3x6(float[] x, int[] bases, int r0, int r1, int[] ko, float[] dzt, int owp, int tail, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z, c0_3 = z, c0_4 = z, c0_5 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z, c1_3 = z, c1_4 = z, c1_5 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z, c2_3 = z, c2_4 = z, c2_5 = z;
        int k0 = ko[0];
        int k1 = ko[1];
        int k2 = ko[2];
        int full = tail == 0 ? owp : owp - L;
        VectorMask<Float> keep = S.indexInRange(0, tail);
        for (int row = r0; row < r1; row++) {
            int xb = bases[row];
            int db = (row - r0) * 6 * owp;
            for (int o = 0; o < owp; o += L) {
                FloatVector x0 = FloatVector.fromArray(S, x, xb + o + k0);
                FloatVector x1 = FloatVector.fromArray(S, x, xb + o + k1);
                FloatVector x2 = FloatVector.fromArray(S, x, xb + o + k2);
                if (o >= full) {
                    x0 = z.blend(x0, keep);
                    x1 = z.blend(x1, keep);
                    x2 = z.blend(x2, keep);
                }
                FloatVector d;
                d = FloatVector.fromArray(S, dzt, db + 0 * owp + o); c0_0 = x0.fma(d, c0_0); c1_0 = x1.fma(d, c1_0); c2_0 = x2.fma(d, c2_0);
                d = FloatVector.fromArray(S, dzt, db + 1 * owp + o); c0_1 = x0.fma(d, c0_1); c1_1 = x1.fma(d, c1_1); c2_1 = x2.fma(d, c2_1);
                d = FloatVector.fromArray(S, dzt, db + 2 * owp + o); c0_2 = x0.fma(d, c0_2); c1_2 = x1.fma(d, c1_2); c2_2 = x2.fma(d, c2_2);
                d = FloatVector.fromArray(S, dzt, db + 3 * owp + o); c0_3 = x0.fma(d, c0_3); c1_3 = x1.fma(d, c1_3); c2_3 = x2.fma(d, c2_3);
                d = FloatVector.fromArray(S, dzt, db + 4 * owp + o); c0_4 = x0.fma(d, c0_4); c1_4 = x1.fma(d, c1_4); c2_4 = x2.fma(d, c2_4);
                d = FloatVector.fromArray(S, dzt, db + 5 * owp + o); c0_5 = x0.fma(d, c0_5); c1_5 = x1.fma(d, c1_5); c2_5 = x2.fma(d, c2_5);
            }
        }
        (first ? c0_0 : c0_0.add(FloatVector.fromArray(S, acc, ai))).intoArray(acc, ai);
        (first ? c0_1 : c0_1.add(FloatVector.fromArray(S, acc, ai + 1 * L))).intoArray(acc, ai + 1 * L);
        (first ? c0_2 : c0_2.add(FloatVector.fromArray(S, acc, ai + 2 * L))).intoArray(acc, ai + 2 * L);
        (first ? c0_3 : c0_3.add(FloatVector.fromArray(S, acc, ai + 3 * L))).intoArray(acc, ai + 3 * L);
        (first ? c0_4 : c0_4.add(FloatVector.fromArray(S, acc, ai + 4 * L))).intoArray(acc, ai + 4 * L);
        (first ? c0_5 : c0_5.add(FloatVector.fromArray(S, acc, ai + 5 * L))).intoArray(acc, ai + 5 * L);
        (first ? c1_0 : c1_0.add(FloatVector.fromArray(S, acc, ai + 6 * L))).intoArray(acc, ai + 6 * L);
        (first ? c1_1 : c1_1.add(FloatVector.fromArray(S, acc, ai + 7 * L))).intoArray(acc, ai + 7 * L);
        (first ? c1_2 : c1_2.add(FloatVector.fromArray(S, acc, ai + 8 * L))).intoArray(acc, ai + 8 * L);
        (first ? c1_3 : c1_3.add(FloatVector.fromArray(S, acc, ai + 9 * L))).intoArray(acc, ai + 9 * L);
        (first ? c1_4 : c1_4.add(FloatVector.fromArray(S, acc, ai + 10 * L))).intoArray(acc, ai + 10 * L);
        (first ? c1_5 : c1_5.add(FloatVector.fromArray(S, acc, ai + 11 * L))).intoArray(acc, ai + 11 * L);
        (first ? c2_0 : c2_0.add(FloatVector.fromArray(S, acc, ai + 12 * L))).intoArray(acc, ai + 12 * L);
        (first ? c2_1 : c2_1.add(FloatVector.fromArray(S, acc, ai + 13 * L))).intoArray(acc, ai + 13 * L);
        (first ? c2_2 : c2_2.add(FloatVector.fromArray(S, acc, ai + 14 * L))).intoArray(acc, ai + 14 * L);
        (first ? c2_3 : c2_3.add(FloatVector.fromArray(S, acc, ai + 15 * L))).intoArray(acc, ai + 15 * L);
        (first ? c2_4 : c2_4.add(FloatVector.fromArray(S, acc, ai + 16 * L))).intoArray(acc, ai + 16 * L);
        (first ? c2_5 : c2_5.add(FloatVector.fromArray(S, acc, ai + 17 * L))).intoArray(acc, ai + 17 * L);
    }

    /** Width-vectorised kernel-gradient tile, 2 taps x 6 filters, over rows r0..r1: {@code acc[i][q] (+)= sum x[bases[row] + o + ko[i]] * dzt[((row - r0)*6 + q)*owp + o]} lane by lane (x's lanes past the row's end kept out of the last vector). */
    private static void dkRows2x6(float[] x, int[] bases, int r0, int r1, int[] ko, float[] dzt, int owp, int tail, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z, c0_3 = z, c0_4 = z, c0_5 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z, c1_3 = z, c1_4 = z, c1_5 = z;
        int k0 = ko[0];
        int k1 = ko[1];
        int full = tail == 0 ? owp : owp - L;
        VectorMask<Float> keep = S.indexInRange(0, tail);
        for (int row = r0; row < r1; row++) {
            int xb = bases[row];
            int db = (row - r0) * 6 * owp;
            for (int o = 0; o < owp; o += L) {
                FloatVector x0 = FloatVector.fromArray(S, x, xb + o + k0);
                FloatVector x1 = FloatVector.fromArray(S, x, xb + o + k1);
                if (o >= full) {
                    x0 = z.blend(x0, keep);
                    x1 = z.blend(x1, keep);
                }
                FloatVector d;
                d = FloatVector.fromArray(S, dzt, db + 0 * owp + o); c0_0 = x0.fma(d, c0_0); c1_0 = x1.fma(d, c1_0);
                d = FloatVector.fromArray(S, dzt, db + 1 * owp + o); c0_1 = x0.fma(d, c0_1); c1_1 = x1.fma(d, c1_1);
                d = FloatVector.fromArray(S, dzt, db + 2 * owp + o); c0_2 = x0.fma(d, c0_2); c1_2 = x1.fma(d, c1_2);
                d = FloatVector.fromArray(S, dzt, db + 3 * owp + o); c0_3 = x0.fma(d, c0_3); c1_3 = x1.fma(d, c1_3);
                d = FloatVector.fromArray(S, dzt, db + 4 * owp + o); c0_4 = x0.fma(d, c0_4); c1_4 = x1.fma(d, c1_4);
                d = FloatVector.fromArray(S, dzt, db + 5 * owp + o); c0_5 = x0.fma(d, c0_5); c1_5 = x1.fma(d, c1_5);
            }
        }
        (first ? c0_0 : c0_0.add(FloatVector.fromArray(S, acc, ai))).intoArray(acc, ai);
        (first ? c0_1 : c0_1.add(FloatVector.fromArray(S, acc, ai + 1 * L))).intoArray(acc, ai + 1 * L);
        (first ? c0_2 : c0_2.add(FloatVector.fromArray(S, acc, ai + 2 * L))).intoArray(acc, ai + 2 * L);
        (first ? c0_3 : c0_3.add(FloatVector.fromArray(S, acc, ai + 3 * L))).intoArray(acc, ai + 3 * L);
        (first ? c0_4 : c0_4.add(FloatVector.fromArray(S, acc, ai + 4 * L))).intoArray(acc, ai + 4 * L);
        (first ? c0_5 : c0_5.add(FloatVector.fromArray(S, acc, ai + 5 * L))).intoArray(acc, ai + 5 * L);
        (first ? c1_0 : c1_0.add(FloatVector.fromArray(S, acc, ai + 6 * L))).intoArray(acc, ai + 6 * L);
        (first ? c1_1 : c1_1.add(FloatVector.fromArray(S, acc, ai + 7 * L))).intoArray(acc, ai + 7 * L);
        (first ? c1_2 : c1_2.add(FloatVector.fromArray(S, acc, ai + 8 * L))).intoArray(acc, ai + 8 * L);
        (first ? c1_3 : c1_3.add(FloatVector.fromArray(S, acc, ai + 9 * L))).intoArray(acc, ai + 9 * L);
        (first ? c1_4 : c1_4.add(FloatVector.fromArray(S, acc, ai + 10 * L))).intoArray(acc, ai + 10 * L);
        (first ? c1_5 : c1_5.add(FloatVector.fromArray(S, acc, ai + 11 * L))).intoArray(acc, ai + 11 * L);
    }

    /** Width-vectorised input-gradient tile, 4 rows x 1 vector of dx: {@code tile[r][v] = sum_k x[xo + r*rs + offs[k] + v] * kw[k]}. */
    private static void tRows4x1(float[] x, int xo, int rs, int[] offs, int nk, float[] kw, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z;
        FloatVector c1a = z;
        FloatVector c2a = z;
        FloatVector c3a = z;
        for (int k = 0; k < nk; k++) {
            int o = xo + offs[k];
            FloatVector w = FloatVector.broadcast(S, kw[k]);
            c0a = FloatVector.fromArray(S, x, o).fma(w, c0a);
            c1a = FloatVector.fromArray(S, x, o + 1 * rs).fma(w, c1a);
            c2a = FloatVector.fromArray(S, x, o + 2 * rs).fma(w, c2a);
            c3a = FloatVector.fromArray(S, x, o + 3 * rs).fma(w, c3a);
        }
        c0a.intoArray(tile, 0);
        c1a.intoArray(tile, L);
        c2a.intoArray(tile, 2 * L);
        c3a.intoArray(tile, 3 * L);
    }

    /** Width-vectorised input-gradient tile, 4 rows x 2 vectors of dx: {@code tile[r][v] = sum_k x[xo + r*rs + offs[k] + v] * kw[k]}. */
    private static void tRows4x2(float[] x, int xo, int rs, int[] offs, int nk, float[] kw, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0a = z, c0b = z;
        FloatVector c1a = z, c1b = z;
        FloatVector c2a = z, c2b = z;
        FloatVector c3a = z, c3b = z;
        for (int k = 0; k < nk; k++) {
            int o = xo + offs[k];
            FloatVector w = FloatVector.broadcast(S, kw[k]);
            c0a = FloatVector.fromArray(S, x, o).fma(w, c0a); c0b = FloatVector.fromArray(S, x, o + L).fma(w, c0b);
            c1a = FloatVector.fromArray(S, x, o + 1 * rs).fma(w, c1a); c1b = FloatVector.fromArray(S, x, o + 1 * rs + L).fma(w, c1b);
            c2a = FloatVector.fromArray(S, x, o + 2 * rs).fma(w, c2a); c2b = FloatVector.fromArray(S, x, o + 2 * rs + L).fma(w, c2b);
            c3a = FloatVector.fromArray(S, x, o + 3 * rs).fma(w, c3a); c3b = FloatVector.fromArray(S, x, o + 3 * rs + L).fma(w, c3b);
        }
        c0a.intoArray(tile, 0); c0b.intoArray(tile, L);
        c1a.intoArray(tile, 2 * L); c1b.intoArray(tile, 3 * L);
        c2a.intoArray(tile, 4 * L); c2b.intoArray(tile, 5 * L);
        c3a.intoArray(tile, 6 * L); c3b.intoArray(tile, 7 * L);
    }

    /** {@code V = B^T d B} for one vector of channels: d[i][j] at {@code src[so + i*rs + j*cs]}, V[xi] into {@code v[vo + xi*vs]}. */
    private static void winogradIn(float[] src, int so, int rs, int cs, float[] v, int vo, int vs) {
        FloatVector d00 = FloatVector.fromArray(S, src, so + 0 * rs + 0 * cs);
        FloatVector d01 = FloatVector.fromArray(S, src, so + 0 * rs + 1 * cs);
        FloatVector d02 = FloatVector.fromArray(S, src, so + 0 * rs + 2 * cs);
        FloatVector d03 = FloatVector.fromArray(S, src, so + 0 * rs + 3 * cs);
        FloatVector d10 = FloatVector.fromArray(S, src, so + 1 * rs + 0 * cs);
        FloatVector d11 = FloatVector.fromArray(S, src, so + 1 * rs + 1 * cs);
        FloatVector d12 = FloatVector.fromArray(S, src, so + 1 * rs + 2 * cs);
        FloatVector d13 = FloatVector.fromArray(S, src, so + 1 * rs + 3 * cs);
        FloatVector d20 = FloatVector.fromArray(S, src, so + 2 * rs + 0 * cs);
        FloatVector d21 = FloatVector.fromArray(S, src, so + 2 * rs + 1 * cs);
        FloatVector d22 = FloatVector.fromArray(S, src, so + 2 * rs + 2 * cs);
        FloatVector d23 = FloatVector.fromArray(S, src, so + 2 * rs + 3 * cs);
        FloatVector d30 = FloatVector.fromArray(S, src, so + 3 * rs + 0 * cs);
        FloatVector d31 = FloatVector.fromArray(S, src, so + 3 * rs + 1 * cs);
        FloatVector d32 = FloatVector.fromArray(S, src, so + 3 * rs + 2 * cs);
        FloatVector d33 = FloatVector.fromArray(S, src, so + 3 * rs + 3 * cs);
        FloatVector s00 = d00.sub(d20);
        FloatVector s10 = d10.add(d20);
        FloatVector s20 = d20.sub(d10);
        FloatVector s30 = d10.sub(d30);
        FloatVector s01 = d01.sub(d21);
        FloatVector s11 = d11.add(d21);
        FloatVector s21 = d21.sub(d11);
        FloatVector s31 = d11.sub(d31);
        FloatVector s02 = d02.sub(d22);
        FloatVector s12 = d12.add(d22);
        FloatVector s22 = d22.sub(d12);
        FloatVector s32 = d12.sub(d32);
        FloatVector s03 = d03.sub(d23);
        FloatVector s13 = d13.add(d23);
        FloatVector s23 = d23.sub(d13);
        FloatVector s33 = d13.sub(d33);
        s00.sub(s02).intoArray(v, vo + 0 * vs);
        s01.add(s02).intoArray(v, vo + 1 * vs);
        s02.sub(s01).intoArray(v, vo + 2 * vs);
        s01.sub(s03).intoArray(v, vo + 3 * vs);
        s10.sub(s12).intoArray(v, vo + 4 * vs);
        s11.add(s12).intoArray(v, vo + 5 * vs);
        s12.sub(s11).intoArray(v, vo + 6 * vs);
        s11.sub(s13).intoArray(v, vo + 7 * vs);
        s20.sub(s22).intoArray(v, vo + 8 * vs);
        s21.add(s22).intoArray(v, vo + 9 * vs);
        s22.sub(s21).intoArray(v, vo + 10 * vs);
        s21.sub(s23).intoArray(v, vo + 11 * vs);
        s30.sub(s32).intoArray(v, vo + 12 * vs);
        s31.add(s32).intoArray(v, vo + 13 * vs);
        s32.sub(s31).intoArray(v, vo + 14 * vs);
        s31.sub(s33).intoArray(v, vo + 15 * vs);
    }

    /** {@link #winogradIn} for a block that reaches into the padding: d[i][j] is zero unless bit 4i+j of inside is set (the other positions are never read). */
    private static void winogradInEdge(float[] src, int so, int rs, int cs, int inside, float[] v, int vo, int vs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector d00 = (inside & 1) != 0 ? FloatVector.fromArray(S, src, so + 0 * rs + 0 * cs) : z;
        FloatVector d01 = (inside & 2) != 0 ? FloatVector.fromArray(S, src, so + 0 * rs + 1 * cs) : z;
        FloatVector d02 = (inside & 4) != 0 ? FloatVector.fromArray(S, src, so + 0 * rs + 2 * cs) : z;
        FloatVector d03 = (inside & 8) != 0 ? FloatVector.fromArray(S, src, so + 0 * rs + 3 * cs) : z;
        FloatVector d10 = (inside & 16) != 0 ? FloatVector.fromArray(S, src, so + 1 * rs + 0 * cs) : z;
        FloatVector d11 = (inside & 32) != 0 ? FloatVector.fromArray(S, src, so + 1 * rs + 1 * cs) : z;
        FloatVector d12 = (inside & 64) != 0 ? FloatVector.fromArray(S, src, so + 1 * rs + 2 * cs) : z;
        FloatVector d13 = (inside & 128) != 0 ? FloatVector.fromArray(S, src, so + 1 * rs + 3 * cs) : z;
        FloatVector d20 = (inside & 256) != 0 ? FloatVector.fromArray(S, src, so + 2 * rs + 0 * cs) : z;
        FloatVector d21 = (inside & 512) != 0 ? FloatVector.fromArray(S, src, so + 2 * rs + 1 * cs) : z;
        FloatVector d22 = (inside & 1024) != 0 ? FloatVector.fromArray(S, src, so + 2 * rs + 2 * cs) : z;
        FloatVector d23 = (inside & 2048) != 0 ? FloatVector.fromArray(S, src, so + 2 * rs + 3 * cs) : z;
        FloatVector d30 = (inside & 4096) != 0 ? FloatVector.fromArray(S, src, so + 3 * rs + 0 * cs) : z;
        FloatVector d31 = (inside & 8192) != 0 ? FloatVector.fromArray(S, src, so + 3 * rs + 1 * cs) : z;
        FloatVector d32 = (inside & 16384) != 0 ? FloatVector.fromArray(S, src, so + 3 * rs + 2 * cs) : z;
        FloatVector d33 = (inside & 32768) != 0 ? FloatVector.fromArray(S, src, so + 3 * rs + 3 * cs) : z;
        FloatVector s00 = d00.sub(d20);
        FloatVector s10 = d10.add(d20);
        FloatVector s20 = d20.sub(d10);
        FloatVector s30 = d10.sub(d30);
        FloatVector s01 = d01.sub(d21);
        FloatVector s11 = d11.add(d21);
        FloatVector s21 = d21.sub(d11);
        FloatVector s31 = d11.sub(d31);
        FloatVector s02 = d02.sub(d22);
        FloatVector s12 = d12.add(d22);
        FloatVector s22 = d22.sub(d12);
        FloatVector s32 = d12.sub(d32);
        FloatVector s03 = d03.sub(d23);
        FloatVector s13 = d13.add(d23);
        FloatVector s23 = d23.sub(d13);
        FloatVector s33 = d13.sub(d33);
        s00.sub(s02).intoArray(v, vo + 0 * vs);
        s01.add(s02).intoArray(v, vo + 1 * vs);
        s02.sub(s01).intoArray(v, vo + 2 * vs);
        s01.sub(s03).intoArray(v, vo + 3 * vs);
        s10.sub(s12).intoArray(v, vo + 4 * vs);
        s11.add(s12).intoArray(v, vo + 5 * vs);
        s12.sub(s11).intoArray(v, vo + 6 * vs);
        s11.sub(s13).intoArray(v, vo + 7 * vs);
        s20.sub(s22).intoArray(v, vo + 8 * vs);
        s21.add(s22).intoArray(v, vo + 9 * vs);
        s22.sub(s21).intoArray(v, vo + 10 * vs);
        s21.sub(s23).intoArray(v, vo + 11 * vs);
        s30.sub(s32).intoArray(v, vo + 12 * vs);
        s31.add(s32).intoArray(v, vo + 13 * vs);
        s32.sub(s31).intoArray(v, vo + 14 * vs);
        s31.sub(s33).intoArray(v, vo + 15 * vs);
    }

    /**
     * {@code A^T M A} for one vector of filters, M[xi] at {@code m[xi][o]}, plus the bias {@code bias[bo..]}
     * and the activation, into the 2x2 outputs at {@code y[yo]}, {@code y[yo + f]} (if right),
     * {@code y[yo + rowLen]} and {@code y[yo + rowLen + f]} (if down), n lanes each. Vectors never cross
     * a call here (one that C2 does not inline would box them).
     */
    private static void winogradOut(float[][] m, int o, float[] bias, int bo, Epilogue.Activation act, float[] y, int yo, int f, int rowLen, boolean down, boolean right, int n, float[] tmp) {
        FloatVector m0 = FloatVector.fromArray(S, m[0], o);
        FloatVector m1 = FloatVector.fromArray(S, m[1], o);
        FloatVector m2 = FloatVector.fromArray(S, m[2], o);
        FloatVector m3 = FloatVector.fromArray(S, m[3], o);
        FloatVector m4 = FloatVector.fromArray(S, m[4], o);
        FloatVector m5 = FloatVector.fromArray(S, m[5], o);
        FloatVector m6 = FloatVector.fromArray(S, m[6], o);
        FloatVector m7 = FloatVector.fromArray(S, m[7], o);
        FloatVector m8 = FloatVector.fromArray(S, m[8], o);
        FloatVector m9 = FloatVector.fromArray(S, m[9], o);
        FloatVector m10 = FloatVector.fromArray(S, m[10], o);
        FloatVector m11 = FloatVector.fromArray(S, m[11], o);
        FloatVector m12 = FloatVector.fromArray(S, m[12], o);
        FloatVector m13 = FloatVector.fromArray(S, m[13], o);
        FloatVector m14 = FloatVector.fromArray(S, m[14], o);
        FloatVector m15 = FloatVector.fromArray(S, m[15], o);
        FloatVector t00 = m0.add(m4).add(m8);
        FloatVector t10 = m4.sub(m8).sub(m12);
        FloatVector t01 = m1.add(m5).add(m9);
        FloatVector t11 = m5.sub(m9).sub(m13);
        FloatVector t02 = m2.add(m6).add(m10);
        FloatVector t12 = m6.sub(m10).sub(m14);
        FloatVector t03 = m3.add(m7).add(m11);
        FloatVector t13 = m7.sub(m11).sub(m15);
        FloatVector b = FloatVector.fromArray(S, bias, bo);
        FloatVector y00 = t00.add(t01).add(t02).add(b);
        FloatVector y01 = t01.sub(t02).sub(t03).add(b);
        FloatVector y10 = t10.add(t11).add(t12).add(b);
        FloatVector y11 = t11.sub(t12).sub(t13).add(b);
        switch (act) {
            case LINEAR -> { }
            case RELU -> {
                y00 = y00.max(0f);
                y01 = y01.max(0f);
                y10 = y10.max(0f);
                y11 = y11.max(0f);
            }
            case SIGMOID -> {
                // The GEMM epilogue's formula: exp of a non-positive number only.
                FloatVector one = FloatVector.broadcast(S, 1f);
                FloatVector ey00 = y00.abs().neg().lanewise(VectorOperators.EXP);
                FloatVector ry00 = one.div(one.add(ey00));
                y00 = ry00.blend(ey00.mul(ry00), y00.compare(VectorOperators.LT, 0f));
                FloatVector ey01 = y01.abs().neg().lanewise(VectorOperators.EXP);
                FloatVector ry01 = one.div(one.add(ey01));
                y01 = ry01.blend(ey01.mul(ry01), y01.compare(VectorOperators.LT, 0f));
                FloatVector ey10 = y10.abs().neg().lanewise(VectorOperators.EXP);
                FloatVector ry10 = one.div(one.add(ey10));
                y10 = ry10.blend(ey10.mul(ry10), y10.compare(VectorOperators.LT, 0f));
                FloatVector ey11 = y11.abs().neg().lanewise(VectorOperators.EXP);
                FloatVector ry11 = one.div(one.add(ey11));
                y11 = ry11.blend(ey11.mul(ry11), y11.compare(VectorOperators.LT, 0f));
            }
            case TANH -> {
                y00 = y00.lanewise(VectorOperators.TANH);
                y01 = y01.lanewise(VectorOperators.TANH);
                y10 = y10.lanewise(VectorOperators.TANH);
                y11 = y11.lanewise(VectorOperators.TANH);
            }
        }
        if (n == L) {
            y00.intoArray(y, yo);
            if (right) {
                y01.intoArray(y, yo + f);
            }
            if (down) {
                y10.intoArray(y, yo + rowLen);
                if (right) {
                    y11.intoArray(y, yo + rowLen + f);
                }
            }
            return;
        }
        // A partial vector of filters: through tmp, n lanes each (no masked store, see forwardTile).
        y00.intoArray(tmp, 0);
        System.arraycopy(tmp, 0, y, yo, n);
        if (right) {
            y01.intoArray(tmp, 0);
            System.arraycopy(tmp, 0, y, yo + f, n);
        }
        if (down) {
            y10.intoArray(tmp, 0);
            System.arraycopy(tmp, 0, y, yo + rowLen, n);
            if (right) {
                y11.intoArray(tmp, 0);
                System.arraycopy(tmp, 0, y, yo + rowLen + f, n);
            }
        }
    }

    /** {@code M = A dY A^T} for one vector of filters of a whole 2x2 block: dY[a][b] at {@code src[so + a*rs + b*cs]}, M[xi] into {@code m[mo + xi*ms]}. A^T = [[1,1,1,0],[0,1,-1,-1]]. */
    private static void winogradGradIn(float[] src, int so, int rs, int cs, float[] m, int mo, int ms) {
        FloatVector y00 = FloatVector.fromArray(S, src, so);
        FloatVector y01 = FloatVector.fromArray(S, src, so + cs);
        FloatVector y10 = FloatVector.fromArray(S, src, so + rs);
        FloatVector y11 = FloatVector.fromArray(S, src, so + rs + cs);
        FloatVector p00 = y00;
        FloatVector p01 = y01;
        FloatVector p10 = y00.add(y10);
        FloatVector p11 = y01.add(y11);
        FloatVector p20 = y00.sub(y10);
        FloatVector p21 = y01.sub(y11);
        FloatVector p30 = y10.neg();
        FloatVector p31 = y11.neg();
        p00.intoArray(m, mo + 0 * ms);
        p00.add(p01).intoArray(m, mo + 1 * ms);
        p00.sub(p01).intoArray(m, mo + 2 * ms);
        p01.neg().intoArray(m, mo + 3 * ms);
        p10.intoArray(m, mo + 4 * ms);
        p10.add(p11).intoArray(m, mo + 5 * ms);
        p10.sub(p11).intoArray(m, mo + 6 * ms);
        p11.neg().intoArray(m, mo + 7 * ms);
        p20.intoArray(m, mo + 8 * ms);
        p20.add(p21).intoArray(m, mo + 9 * ms);
        p20.sub(p21).intoArray(m, mo + 10 * ms);
        p21.neg().intoArray(m, mo + 11 * ms);
        p30.intoArray(m, mo + 12 * ms);
        p30.add(p31).intoArray(m, mo + 13 * ms);
        p30.sub(p31).intoArray(m, mo + 14 * ms);
        p31.neg().intoArray(m, mo + 15 * ms);
    }
}
