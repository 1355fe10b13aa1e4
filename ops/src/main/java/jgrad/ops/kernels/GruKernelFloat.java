package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 loops of {@link GruKernel}: a whole GRU sequence forward and backward through time
 * for a block of batch rows, with reset_after (the reset gate scales the recurrent part of the
 * candidate, {@code n = tanh(x_n + r (h W_n + b_n))}) or without ({@code n = tanh(x_n + (r h)
 * W_n)}). Per step y holds h, z, r, n and q: q is {@code h W_n + b_n} with reset_after, {@code r h}
 * without. The float64 twin {@code GruKernelDouble} is generated from the float32 file by
 * {@code ops/src/gen/recurrent/generate.sh}: edit the float32 one.
 */
final class GruKernelFloat {
    private GruKernelFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;

    /**
     * Rows [b0, b1) forward. x [B, T, 3u] (gates z, r, h), w [u, 3u], bias [3u] (the recurrent
     * bias; reset_after only, else null), h0 [B, u]; y [B, T, 5u].
     */
    static void forward(float[] x, float[] w, float[] bias, float[] h0, float[] y, int b0, int b1, int steps, int u,
            boolean resetAfter, boolean vector) {
        int rows = b1 - b0;
        int g3 = 3 * u;
        int y5 = 5 * u;
        int rowStride = steps * y5;
        float[] a = new float[rows * (resetAfter ? g3 : 2 * u)];
        float[] an = resetAfter ? null : new float[rows * u];
        for (int t = 0; t < steps; t++) {
            float[] hs = t == 0 ? h0 : y;
            int hRs = t == 0 ? u : rowStride;
            int hOff0 = t == 0 ? b0 * u : b0 * rowStride + (t - 1) * y5;
            int gates = resetAfter ? g3 : 2 * u;
            GemmFloat.run(new GemmFloat.Problem(hs, new int[] {hOff0}, hRs, 1, w, new int[] {0}, g3, 1, a, rows, gates,
                    u, null), vector);
            for (int b = b0; b < b1; b++) {
                int xo = (b * steps + t) * g3;
                int ao = (b - b0) * gates;
                int yo = b * rowStride + t * y5;
                int ho = t == 0 ? b * u : yo - y5;
                int j = 0;
                if (vector && resetAfter) {
                    j = forwardAfterVector(x, xo, a, ao, bias, hs, ho, y, yo, u);
                }
                for (; j < u; j++) {
                    float z = LstmKernelFloat.sigmoid(x[xo + j] + a[ao + j] + (resetAfter ? bias[j] : 0));
                    float r = LstmKernelFloat.sigmoid(x[xo + u + j] + a[ao + u + j] + (resetAfter ? bias[u + j] : 0));
                    y[yo + u + j] = z;
                    y[yo + 2 * u + j] = r;
                    if (resetAfter) {
                        float q = a[ao + 2 * u + j] + bias[2 * u + j];
                        float n = (float) Math.tanh(x[xo + 2 * u + j] + r * q);
                        y[yo + 3 * u + j] = n;
                        y[yo + 4 * u + j] = q;
                        y[yo + j] = n + z * (hs[ho + j] - n);
                    } else {
                        y[yo + 4 * u + j] = r * hs[ho + j];
                    }
                }
            }
            if (!resetAfter) {
                // The candidate's GEMM needs r h of every row first: (r h) @ W_n, W_n read in place.
                GemmFloat.run(new GemmFloat.Problem(y, new int[] {b0 * rowStride + t * y5 + 4 * u}, rowStride, 1, w,
                        new int[] {2 * u}, g3, 1, an, rows, u, u, null), vector);
                for (int b = b0; b < b1; b++) {
                    int xo = (b * steps + t) * g3;
                    int ao = (b - b0) * u;
                    int yo = b * rowStride + t * y5;
                    int ho = t == 0 ? b * u : yo - y5;
                    for (int j = 0; j < u; j++) {
                        float z = y[yo + u + j];
                        float n = (float) Math.tanh(x[xo + 2 * u + j] + an[ao + j]);
                        y[yo + 3 * u + j] = n;
                        y[yo + j] = n + z * (hs[ho + j] - n);
                    }
                }
            }
        }
    }

    private static int forwardAfterVector(float[] x, int xo, float[] a, int ao, float[] bias, float[] hs, int ho,
            float[] y, int yo, int u) {
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            FloatVector z = LstmKernelFloat.sigmoid(load(x, xo + j).add(load(a, ao + j)).add(load(bias, j)));
            FloatVector r = LstmKernelFloat.sigmoid(load(x, xo + u + j).add(load(a, ao + u + j)).add(load(bias, u + j)));
            FloatVector q = load(a, ao + 2 * u + j).add(load(bias, 2 * u + j));
            FloatVector n = r.fma(q, load(x, xo + 2 * u + j)).lanewise(VectorOperators.TANH);
            z.intoArray(y, yo + u + j);
            r.intoArray(y, yo + 2 * u + j);
            n.intoArray(y, yo + 3 * u + j);
            q.intoArray(y, yo + 4 * u + j);
            z.fma(load(hs, ho + j).sub(n), n).intoArray(y, yo + j);
        }
        return j;
    }

    private static FloatVector load(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    /**
     * Rows [b0, b1) backward. gy and y [B, T, 5u], wt the recurrent kernel transposed [3u, u]
     * (row-major, so the GEMMs read it in place), h0 [B, u]; d [B, T, 7u] with
     * reset_after (per step dx = (dz_z, dz_r, dz_n) for the input part, da = (dz_z, dz_r, dq) for
     * the recurrent part h W + b, then dh_prev) or [B, T, 4u] without (dx, then dh_prev).
     */
    static void backward(float[] gy, float[] y, float[] wt, float[] h0, float[] d, int b0, int b1, int steps, int u,
            boolean resetAfter, boolean vector) {
        int rows = b1 - b0;
        int g3 = 3 * u;
        int y5 = 5 * u;
        int dw = resetAfter ? 7 * u : 4 * u;
        int dhAt = resetAfter ? 6 * u : g3;
        int yStride = steps * y5;
        int dStride = steps * dw;
        float[] dh = new float[rows * u];
        float[] dq = resetAfter ? null : new float[rows * u];
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            for (int b = b0; b < b1; b++) {
                int yo = b * yStride + t * y5;
                int dd = b * dStride + t * dw;
                float[] hs = t == 0 ? h0 : y;
                int ho = t == 0 ? b * u : yo - y5;
                int j = 0;
                if (vector && resetAfter) {
                    j = backwardAfterVector(gy, y, yo, hs, ho, d, dd, last ? -1 : dd + dw + dhAt, u);
                }
                for (; j < u; j++) {
                    float gh = gy[yo + j] + (last ? 0 : d[dd + dw + dhAt + j]);
                    float z = y[yo + u + j];
                    float r = y[yo + 2 * u + j];
                    float n = y[yo + 3 * u + j];
                    float q = y[yo + 4 * u + j];
                    float dzz = (gh * (hs[ho + j] - n) + gy[yo + u + j]) * z * (1 - z);
                    float dnp = (gh * (1 - z) + gy[yo + 3 * u + j]) * (1 - n * n);
                    d[dd + j] = dzz;
                    d[dd + 2 * u + j] = dnp;
                    if (resetAfter) {
                        float dzr = (dnp * q + gy[yo + 2 * u + j]) * r * (1 - r);
                        d[dd + u + j] = dzr;
                        d[dd + g3 + j] = dzz;
                        d[dd + g3 + u + j] = dzr;
                        d[dd + g3 + 2 * u + j] = dnp * r + gy[yo + 4 * u + j];
                    }
                }
            }
            if (resetAfter) {
                // dh_prev = da @ w^T + gh z
                GemmFloat.run(new GemmFloat.Problem(d, new int[] {b0 * dStride + t * dw + g3}, dStride, 1, wt,
                        new int[] {0}, u, 1, dh, rows, u, g3, null), vector);
            } else {
                // d(r h) = dz_n @ W_n^T + gy_q; dz_r = (d(r h) h_prev + gy_r) r (1 - r)
                GemmFloat.run(new GemmFloat.Problem(d, new int[] {b0 * dStride + t * dw + 2 * u}, dStride, 1, wt,
                        new int[] {2 * u * u}, u, 1, dq, rows, u, u, null), vector);
                for (int b = b0; b < b1; b++) {
                    int yo = b * yStride + t * y5;
                    int dd = b * dStride + t * dw;
                    float[] hs = t == 0 ? h0 : y;
                    int ho = t == 0 ? b * u : yo - y5;
                    int qo = (b - b0) * u;
                    for (int j = 0; j < u; j++) {
                        float r = y[yo + 2 * u + j];
                        float dqj = dq[qo + j] + gy[yo + 4 * u + j];
                        dq[qo + j] = dqj;
                        d[dd + u + j] = (dqj * hs[ho + j] + gy[yo + 2 * u + j]) * r * (1 - r);
                    }
                }
                // dh_prev = (dz_z, dz_r) @ W_zr^T + d(r h) r + gh z
                GemmFloat.run(new GemmFloat.Problem(d, new int[] {b0 * dStride + t * dw}, dStride, 1, wt,
                        new int[] {0}, u, 1, dh, rows, u, 2 * u, null), vector);
            }
            for (int b = b0; b < b1; b++) {
                int yo = b * yStride + t * y5;
                int dd = b * dStride + t * dw;
                int ro = (b - b0) * u;
                for (int j = 0; j < u; j++) {
                    float gh = gy[yo + j] + (last ? 0 : d[dd + dw + dhAt + j]);
                    float v = dh[ro + j] + gh * y[yo + u + j];
                    if (!resetAfter) {
                        v += dq[ro + j] * y[yo + 2 * u + j];
                    }
                    d[dd + dhAt + j] = v;
                }
            }
        }
    }

    private static int backwardAfterVector(float[] gy, float[] y, int yo, float[] hs, int ho, float[] d, int dd,
            int next, int u) {
        int g3 = 3 * u;
        FloatVector one = FloatVector.broadcast(S, 1);
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            FloatVector gh = load(gy, yo + j);
            if (next >= 0) {
                gh = gh.add(load(d, next + j));
            }
            FloatVector z = load(y, yo + u + j);
            FloatVector r = load(y, yo + 2 * u + j);
            FloatVector n = load(y, yo + 3 * u + j);
            FloatVector q = load(y, yo + 4 * u + j);
            FloatVector dzz = gh.fma(load(hs, ho + j).sub(n), load(gy, yo + u + j)).mul(z).mul(one.sub(z));
            FloatVector dnp = gh.fma(one.sub(z), load(gy, yo + 3 * u + j)).mul(one.sub(n.mul(n)));
            FloatVector dzr = dnp.fma(q, load(gy, yo + 2 * u + j)).mul(r).mul(one.sub(r));
            dzz.intoArray(d, dd + j);
            dzr.intoArray(d, dd + u + j);
            dnp.intoArray(d, dd + 2 * u + j);
            dzz.intoArray(d, dd + g3 + j);
            dzr.intoArray(d, dd + g3 + u + j);
            dnp.fma(r, load(gy, yo + 4 * u + j)).intoArray(d, dd + g3 + 2 * u + j);
        }
        return j;
    }
}
