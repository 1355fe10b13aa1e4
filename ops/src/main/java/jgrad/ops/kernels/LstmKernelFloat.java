package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 loops of {@link LstmKernel}: a whole LSTM sequence forward (recurrent GEMM, then
 * the gate math of the step in one pass) and its backward through time, for a block of batch
 * rows. Rows of a batch never interact in an LSTM, so each thread runs the whole sequence for its
 * own rows: one hand-over to the pool per call instead of several per time step. The float64
 * twin {@code LstmKernelDouble} is generated from the float32 file by
 * {@code ops/src/gen/recurrent/generate.sh}: edit the float32 one.
 */
final class LstmKernelFloat {
    private LstmKernelFloat() {}

    private static final VectorSpecies<Float> S = KernelConfig.FLOAT_SPECIES;

    /**
     * Rows [b0, b1) of the forward pass. x: [B, T, 4u] contiguous (gates i, f, c, o); w: the
     * recurrent kernel [u, 4u] contiguous; h0, c0: [B, u]; y: [B, T, 6u], per step h, c, i, f, g, o.
     */
    static void forward(float[] x, float[] w, float[] h0, float[] c0, float[] y, int b0, int b1, int steps, int u,
            boolean vector) {
        int rows = b1 - b0;
        int g4 = 4 * u;
        int y6 = 6 * u;
        int rowStride = steps * y6;
        float[] r = new float[rows * g4];
        for (int t = 0; t < steps; t++) {
            // r = h_{t-1} @ w for these rows; h_{t-1} is h0 or the h part of the previous step in y.
            float[] a = t == 0 ? h0 : y;
            int aOff = t == 0 ? b0 * u : b0 * rowStride + (t - 1) * y6;
            int aRs = t == 0 ? u : rowStride;
            GemmFloat.run(new GemmFloat.Problem(a, new int[] {aOff}, aRs, 1, w, new int[] {0}, g4, 1, r, rows, g4, u,
                    null), vector);
            for (int b = b0; b < b1; b++) {
                int xo = (b * steps + t) * g4;
                int ro = (b - b0) * g4;
                int yo = b * rowStride + t * y6;
                float[] cs = t == 0 ? c0 : y;
                int co = t == 0 ? b * u : yo - y6 + u;
                int j = vector ? forwardVector(x, xo, r, ro, cs, co, y, yo, u) : 0;
                for (; j < u; j++) {
                    float i = sigmoid(x[xo + j] + r[ro + j]);
                    float f = sigmoid(x[xo + u + j] + r[ro + u + j]);
                    float g = (float) Math.tanh(x[xo + 2 * u + j] + r[ro + 2 * u + j]);
                    float o = sigmoid(x[xo + 3 * u + j] + r[ro + 3 * u + j]);
                    float c = f * cs[co + j] + i * g;
                    y[yo + j] = o * (float) Math.tanh(c);
                    y[yo + u + j] = c;
                    y[yo + 2 * u + j] = i;
                    y[yo + 3 * u + j] = f;
                    y[yo + 4 * u + j] = g;
                    y[yo + 5 * u + j] = o;
                }
            }
        }
    }

    private static int forwardVector(float[] x, int xo, float[] r, int ro, float[] cs, int co, float[] y, int yo,
            int u) {
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            FloatVector i = sigmoid(gate(x, xo, r, ro, j));
            FloatVector f = sigmoid(gate(x, xo + u, r, ro + u, j));
            FloatVector g = gate(x, xo + 2 * u, r, ro + 2 * u, j).lanewise(VectorOperators.TANH);
            FloatVector o = sigmoid(gate(x, xo + 3 * u, r, ro + 3 * u, j));
            FloatVector c = f.fma(FloatVector.fromArray(S, cs, co + j), i.mul(g));
            o.mul(c.lanewise(VectorOperators.TANH)).intoArray(y, yo + j);
            c.intoArray(y, yo + u + j);
            i.intoArray(y, yo + 2 * u + j);
            f.intoArray(y, yo + 3 * u + j);
            g.intoArray(y, yo + 4 * u + j);
            o.intoArray(y, yo + 5 * u + j);
        }
        return j;
    }

    private static FloatVector gate(float[] x, int xo, float[] r, int ro, int j) {
        return FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, r, ro + j));
    }

    /**
     * Rows [b0, b1) of the backward pass. gy: the gradient of y [B, T, 6u] contiguous; y and c0 as
     * in {@link #forward}, wt the recurrent kernel transposed [4u, u]; d: [B, T, 6u], per step dz (4u, the gradient of the gates'
     * pre-activations), dh_prev = dz @ w^T and dc_prev (the gradients of h_{t-1} and c_{t-1} through
     * this step). The gradient reaching h_t and c_t is gy's plus step t+1's dh_prev and dc_prev.
     */
    static void backward(float[] gy, float[] y, float[] wt, float[] c0, float[] d, int b0, int b1, int steps, int u,
            boolean vector) {
        int rows = b1 - b0;
        int g4 = 4 * u;
        int y6 = 6 * u;
        int rowStride = steps * y6;
        float[] dh = new float[rows * u];
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            for (int b = b0; b < b1; b++) {
                int yo = b * rowStride + t * y6;
                float[] cs = t == 0 ? c0 : y;
                int co = t == 0 ? b * u : yo - y6 + u;
                int j = vector ? backwardVector(gy, y, yo, cs, co, d, last, u) : 0;
                for (; j < u; j++) {
                    float gh = gy[yo + j] + (last ? 0 : d[yo + y6 + g4 + j]);
                    float gc = gy[yo + u + j] + (last ? 0 : d[yo + y6 + 5 * u + j]);
                    float c = y[yo + u + j];
                    float i = y[yo + 2 * u + j];
                    float f = y[yo + 3 * u + j];
                    float g = y[yo + 4 * u + j];
                    float o = y[yo + 5 * u + j];
                    float tc = (float) Math.tanh(c);
                    float dc = gc + gh * o * (1 - tc * tc);
                    d[yo + j] = (dc * g + gy[yo + 2 * u + j]) * i * (1 - i);
                    d[yo + u + j] = (dc * cs[co + j] + gy[yo + 3 * u + j]) * f * (1 - f);
                    d[yo + 2 * u + j] = (dc * i + gy[yo + 4 * u + j]) * (1 - g * g);
                    d[yo + 3 * u + j] = (gh * tc + gy[yo + 5 * u + j]) * o * (1 - o);
                    d[yo + 5 * u + j] = dc * f;
                }
            }
            // dh_prev = dz @ w^T for these rows (wt = w^T, row-major [4u, u]), then into d.
            GemmFloat.run(new GemmFloat.Problem(d, new int[] {b0 * rowStride + t * y6}, rowStride, 1, wt, new int[] {0},
                    u, 1, dh, rows, u, g4, null), vector);
            for (int b = b0; b < b1; b++) {
                System.arraycopy(dh, (b - b0) * u, d, b * rowStride + t * y6 + g4, u);
            }
        }
    }

    private static int backwardVector(float[] gy, float[] y, int yo, float[] cs, int co, float[] d, boolean last,
            int u) {
        int g4 = 4 * u;
        int y6 = 6 * u;
        FloatVector one = FloatVector.broadcast(S, 1);
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            FloatVector gh = FloatVector.fromArray(S, gy, yo + j);
            FloatVector gc = FloatVector.fromArray(S, gy, yo + u + j);
            if (!last) {
                gh = gh.add(FloatVector.fromArray(S, d, yo + y6 + g4 + j));
                gc = gc.add(FloatVector.fromArray(S, d, yo + y6 + 5 * u + j));
            }
            FloatVector c = FloatVector.fromArray(S, y, yo + u + j);
            FloatVector i = FloatVector.fromArray(S, y, yo + 2 * u + j);
            FloatVector f = FloatVector.fromArray(S, y, yo + 3 * u + j);
            FloatVector g = FloatVector.fromArray(S, y, yo + 4 * u + j);
            FloatVector o = FloatVector.fromArray(S, y, yo + 5 * u + j);
            FloatVector tc = c.lanewise(VectorOperators.TANH);
            FloatVector dc = gh.mul(o).mul(one.sub(tc.mul(tc))).add(gc);
            dc.fma(g, FloatVector.fromArray(S, gy, yo + 2 * u + j)).mul(i).mul(one.sub(i)).intoArray(d, yo + j);
            dc.fma(FloatVector.fromArray(S, cs, co + j), FloatVector.fromArray(S, gy, yo + 3 * u + j)).mul(f)
                    .mul(one.sub(f)).intoArray(d, yo + u + j);
            dc.fma(i, FloatVector.fromArray(S, gy, yo + 4 * u + j)).mul(one.sub(g.mul(g))).intoArray(d, yo + 2 * u + j);
            gh.fma(tc, FloatVector.fromArray(S, gy, yo + 5 * u + j)).mul(o).mul(one.sub(o)).intoArray(d, yo + 3 * u + j);
            dc.mul(f).intoArray(d, yo + 5 * u + j);
        }
        return j;
    }

    /** Stable for any |x|: exp of a non-positive number never overflows. */
    static float sigmoid(float v) {
        float e = (float) Math.exp(-Math.abs(v));
        float r = 1 / (1 + e);
        return v >= 0 ? r : e * r;
    }

    static FloatVector sigmoid(FloatVector v) {
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector r = one.div(one.add(e));
        return r.blend(e.mul(r), v.compare(VectorOperators.LT, 0));
    }
}
