package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 loops of {@link LstmKernel}: a whole LSTM sequence forward (recurrent GEMM, then
 * the gate math of the step in one pass) and its backward through time, for a block of batch
 * rows. Rows of a batch never interact in an LSTM, so each thread runs the whole sequence for its
 * own rows: one hand-over to the pool per call instead of several per time step. The float64
 * twin {@code LstmKernelDouble} is generated from the float32 file by
 * {@code ops/src/gen/recurrent/generate.sh}: edit the float32 one.
 */
final class LstmKernelDouble {
    private LstmKernelDouble() {}

    private static final VectorSpecies<Double> S = KernelConfig.DOUBLE_SPECIES;

    /**
     * Rows [b0, b1) of the forward pass. x: [B, T, 4u] contiguous (gates i, f, c, o); w: the
     * recurrent kernel [u, 4u] contiguous; h0, c0: [B, u]; y: [B, T, 6u], per step h, c, i, f, g, o.
     */
    static void forward(double[] x, double[] w, double[] h0, double[] c0, double[] y, int b0, int b1, int steps, int u,
            boolean vector) {
        int rows = b1 - b0;
        int g4 = 4 * u;
        int y6 = 6 * u;
        int rowStride = steps * y6;
        double[] r = new double[rows * g4];
        for (int t = 0; t < steps; t++) {
            // r = h_{t-1} @ w for these rows; h_{t-1} is h0 or the h part of the previous step in y.
            double[] a = t == 0 ? h0 : y;
            int aOff = t == 0 ? b0 * u : b0 * rowStride + (t - 1) * y6;
            int aRs = t == 0 ? u : rowStride;
            GemmDouble.run(new GemmDouble.Problem(a, new int[] {aOff}, aRs, 1, w, new int[] {0}, g4, 1, r, rows, g4, u,
                    null), vector);
            for (int b = b0; b < b1; b++) {
                int xo = (b * steps + t) * g4;
                int ro = (b - b0) * g4;
                int yo = b * rowStride + t * y6;
                double[] cs = t == 0 ? c0 : y;
                int co = t == 0 ? b * u : yo - y6 + u;
                int j = vector ? forwardVector(x, xo, r, ro, cs, co, y, yo, u) : 0;
                for (; j < u; j++) {
                    double i = sigmoid(x[xo + j] + r[ro + j]);
                    double f = sigmoid(x[xo + u + j] + r[ro + u + j]);
                    double g = (double) Math.tanh(x[xo + 2 * u + j] + r[ro + 2 * u + j]);
                    double o = sigmoid(x[xo + 3 * u + j] + r[ro + 3 * u + j]);
                    double c = f * cs[co + j] + i * g;
                    y[yo + j] = o * (double) Math.tanh(c);
                    y[yo + u + j] = c;
                    y[yo + 2 * u + j] = i;
                    y[yo + 3 * u + j] = f;
                    y[yo + 4 * u + j] = g;
                    y[yo + 5 * u + j] = o;
                }
            }
        }
    }

    private static int forwardVector(double[] x, int xo, double[] r, int ro, double[] cs, int co, double[] y, int yo,
            int u) {
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            DoubleVector i = sigmoid(gate(x, xo, r, ro, j));
            DoubleVector f = sigmoid(gate(x, xo + u, r, ro + u, j));
            DoubleVector g = gate(x, xo + 2 * u, r, ro + 2 * u, j).lanewise(VectorOperators.TANH);
            DoubleVector o = sigmoid(gate(x, xo + 3 * u, r, ro + 3 * u, j));
            DoubleVector c = f.fma(DoubleVector.fromArray(S, cs, co + j), i.mul(g));
            o.mul(c.lanewise(VectorOperators.TANH)).intoArray(y, yo + j);
            c.intoArray(y, yo + u + j);
            i.intoArray(y, yo + 2 * u + j);
            f.intoArray(y, yo + 3 * u + j);
            g.intoArray(y, yo + 4 * u + j);
            o.intoArray(y, yo + 5 * u + j);
        }
        return j;
    }

    private static DoubleVector gate(double[] x, int xo, double[] r, int ro, int j) {
        return DoubleVector.fromArray(S, x, xo + j).add(DoubleVector.fromArray(S, r, ro + j));
    }

    /**
     * Rows [b0, b1) of the backward pass. gy: the gradient of y [B, T, 6u] contiguous; y and c0 as
     * in {@link #forward}, wt the recurrent kernel transposed [4u, u]; d: [B, T, 6u], per step dz (4u, the gradient of the gates'
     * pre-activations), dh_prev = dz @ w^T and dc_prev (the gradients of h_{t-1} and c_{t-1} through
     * this step). The gradient reaching h_t and c_t is gy's plus step t+1's dh_prev and dc_prev.
     */
    static void backward(double[] gy, double[] y, double[] wt, double[] c0, double[] d, int b0, int b1, int steps, int u,
            boolean vector) {
        int rows = b1 - b0;
        int g4 = 4 * u;
        int y6 = 6 * u;
        int rowStride = steps * y6;
        double[] dh = new double[rows * u];
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            for (int b = b0; b < b1; b++) {
                int yo = b * rowStride + t * y6;
                double[] cs = t == 0 ? c0 : y;
                int co = t == 0 ? b * u : yo - y6 + u;
                int j = vector ? backwardVector(gy, y, yo, cs, co, d, last, u) : 0;
                for (; j < u; j++) {
                    double gh = gy[yo + j] + (last ? 0 : d[yo + y6 + g4 + j]);
                    double gc = gy[yo + u + j] + (last ? 0 : d[yo + y6 + 5 * u + j]);
                    double c = y[yo + u + j];
                    double i = y[yo + 2 * u + j];
                    double f = y[yo + 3 * u + j];
                    double g = y[yo + 4 * u + j];
                    double o = y[yo + 5 * u + j];
                    double tc = (double) Math.tanh(c);
                    double dc = gc + gh * o * (1 - tc * tc);
                    d[yo + j] = (dc * g + gy[yo + 2 * u + j]) * i * (1 - i);
                    d[yo + u + j] = (dc * cs[co + j] + gy[yo + 3 * u + j]) * f * (1 - f);
                    d[yo + 2 * u + j] = (dc * i + gy[yo + 4 * u + j]) * (1 - g * g);
                    d[yo + 3 * u + j] = (gh * tc + gy[yo + 5 * u + j]) * o * (1 - o);
                    d[yo + 5 * u + j] = dc * f;
                }
            }
            // dh_prev = dz @ w^T for these rows (wt = w^T, row-major [4u, u]), then into d.
            GemmDouble.run(new GemmDouble.Problem(d, new int[] {b0 * rowStride + t * y6}, rowStride, 1, wt, new int[] {0},
                    u, 1, dh, rows, u, g4, null), vector);
            for (int b = b0; b < b1; b++) {
                System.arraycopy(dh, (b - b0) * u, d, b * rowStride + t * y6 + g4, u);
            }
        }
    }

    private static int backwardVector(double[] gy, double[] y, int yo, double[] cs, int co, double[] d, boolean last,
            int u) {
        int g4 = 4 * u;
        int y6 = 6 * u;
        DoubleVector one = DoubleVector.broadcast(S, 1);
        int j = 0;
        for (int ub = S.loopBound(u); j < ub; j += S.length()) {
            DoubleVector gh = DoubleVector.fromArray(S, gy, yo + j);
            DoubleVector gc = DoubleVector.fromArray(S, gy, yo + u + j);
            if (!last) {
                gh = gh.add(DoubleVector.fromArray(S, d, yo + y6 + g4 + j));
                gc = gc.add(DoubleVector.fromArray(S, d, yo + y6 + 5 * u + j));
            }
            DoubleVector c = DoubleVector.fromArray(S, y, yo + u + j);
            DoubleVector i = DoubleVector.fromArray(S, y, yo + 2 * u + j);
            DoubleVector f = DoubleVector.fromArray(S, y, yo + 3 * u + j);
            DoubleVector g = DoubleVector.fromArray(S, y, yo + 4 * u + j);
            DoubleVector o = DoubleVector.fromArray(S, y, yo + 5 * u + j);
            DoubleVector tc = c.lanewise(VectorOperators.TANH);
            DoubleVector dc = gh.mul(o).mul(one.sub(tc.mul(tc))).add(gc);
            dc.fma(g, DoubleVector.fromArray(S, gy, yo + 2 * u + j)).mul(i).mul(one.sub(i)).intoArray(d, yo + j);
            dc.fma(DoubleVector.fromArray(S, cs, co + j), DoubleVector.fromArray(S, gy, yo + 3 * u + j)).mul(f)
                    .mul(one.sub(f)).intoArray(d, yo + u + j);
            dc.fma(i, DoubleVector.fromArray(S, gy, yo + 4 * u + j)).mul(one.sub(g.mul(g))).intoArray(d, yo + 2 * u + j);
            gh.fma(tc, DoubleVector.fromArray(S, gy, yo + 5 * u + j)).mul(o).mul(one.sub(o)).intoArray(d, yo + 3 * u + j);
            dc.mul(f).intoArray(d, yo + 5 * u + j);
        }
        return j;
    }

    /** Stable for any |x|: exp of a non-positive number never overflows. */
    static double sigmoid(double v) {
        double e = (double) Math.exp(-Math.abs(v));
        double r = 1 / (1 + e);
        return v >= 0 ? r : e * r;
    }

    static DoubleVector sigmoid(DoubleVector v) {
        DoubleVector one = DoubleVector.broadcast(S, 1);
        DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector r = one.div(one.add(e));
        return r.blend(e.mul(r), v.compare(VectorOperators.LT, 0));
    }
}
