package jgrad.ops.kernels;

import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A GRU sequence in two fused kernels (the {@code gru_sequence} op and its gradient op), built as
 * {@link LstmKernel}: per step the recurrent GEMM on the concatenated gate weights (two GEMMs
 * without reset_after, whose candidate needs {@code r h} first), then the gate math in one pass
 * over the step's rows; the backward walks the steps in reverse. Threads take whole batch rows for
 * the whole sequence, blocks of at least {@link LstmKernel#MIN_ROWS} rows. Shapes are checked by
 * the ops ({@code jgrad.ops.nn.GruSequence}).
 */
public final class GruKernel {
    private GruKernel() {}

    /**
     * x [B, T, 3u] (gates z, r, h), w [u, 3u], bias [3u] or null (the recurrent bias, reset_after
     * only), h0 [B, u]: y [B, T, 5u] holding per step h, z, r, n and q ({@code h_{t-1} W_n + b_n}
     * with reset_after, {@code r h_{t-1}} without).
     */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias, Tensor h0, boolean resetAfter) {
        int batch = x.dim(0);
        int steps = x.dim(1);
        int u = w.dim(0);
        Shape out = Shape.of(batch, steps, 5 * u);
        Object xs = LstmKernel.dense(x);
        Object ws = LstmKernel.dense(w);
        Object bs = bias == null ? null : LstmKernel.dense(bias);
        Object hs = LstmKernel.dense(h0);
        boolean vector = KernelConfig.VECTORIZED;
        long work = (long) batch * steps * u * 3 * u * 2;
        if (xs instanceof float[] xf) {
            float[] y = FreshArrays.floats(out.size());
            LstmKernel.blocks(batch, work, (b0, b1) -> GruKernelFloat.forward(xf, (float[]) ws, (float[]) bs,
                    (float[]) hs, y, b0, b1, steps, u, resetAfter, vector));
            return Tensor.wrap(y, out);
        }
        double[] y = FreshArrays.doubles(out.size());
        LstmKernel.blocks(batch, work, (b0, b1) -> GruKernelDouble.forward((double[]) xs, (double[]) ws,
                (double[]) bs, (double[]) hs, y, b0, b1, steps, u, resetAfter, vector));
        return Tensor.wrap(y, out);
    }

    /**
     * gy and y [B, T, 5u], w [u, 3u], h0 [B, u]: d [B, T, 7u] with reset_after (per step the
     * gradients of the input part (3u) and of the recurrent part {@code h W + b} (3u) of the gates'
     * pre-activations, then of h_{t-1} through this step), else [B, T, 4u] (input part, h_{t-1}).
     */
    public static Tensor backward(Tensor gy, Tensor y, Tensor w, Tensor h0, boolean resetAfter) {
        int batch = y.dim(0);
        int steps = y.dim(1);
        int u = w.dim(0);
        Shape out = Shape.of(batch, steps, (resetAfter ? 7 : 4) * u);
        Object gs = LstmKernel.dense(gy);
        Object ys = LstmKernel.dense(y);
        Object ws = LstmKernel.transposed(w);
        Object hs = LstmKernel.dense(h0);
        boolean vector = KernelConfig.VECTORIZED;
        long work = (long) batch * steps * u * 3 * u * 2;
        if (ys instanceof float[] yf) {
            float[] d = FreshArrays.floats(out.size());
            LstmKernel.blocks(batch, work, (b0, b1) -> GruKernelFloat.backward((float[]) gs, yf, (float[]) ws,
                    (float[]) hs, d, b0, b1, steps, u, resetAfter, vector));
            return Tensor.wrap(d, out);
        }
        double[] d = FreshArrays.doubles(out.size());
        LstmKernel.blocks(batch, work, (b0, b1) -> GruKernelDouble.backward((double[]) gs, (double[]) ys,
                (double[]) ws, (double[]) hs, d, b0, b1, steps, u, resetAfter, vector));
        return Tensor.wrap(d, out);
    }
}
