package jgrad.ops.kernels;

import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * An LSTM sequence in two fused kernels (the {@code lstm_sequence} op and its gradient op): per
 * time step one GEMM of h_{t-1} with the recurrent kernel of all four gates, then every gate's
 * activation, the cell update and the output in one pass over the step's rows, writing the step's
 * h, c and gate values side by side. The backward kernel walks the steps in reverse, computes the
 * gradient of the gate pre-activations from those saved values in one pass and the gradient of
 * h_{t-1} with one GEMM per step. Threads take whole batch rows for the whole sequence (rows of an
 * LSTM never interact), so each call hands work to the pool once; a block keeps at least
 * {@link #MIN_ROWS} rows so that the GEMMs keep their shape, and the result does not depend on the
 * number of threads. Shapes are checked by the ops ({@code jgrad.ops.nn.LstmSequence}).
 *
 * <p>{@code LstmKernelDouble} is generated from {@code LstmKernelFloat} by
 * {@code ops/src/gen/recurrent/generate.sh}.
 */
public final class LstmKernel {
    private LstmKernel() {}

    /** Fewest batch rows a thread's block gets: smaller blocks would change the GEMM's path. */
    static final int MIN_ROWS = 16;

    /**
     * x [B, T, 4u] (the input part of the gates, i f c o), w [u, 4u], h0 and c0 [B, u], one dtype:
     * y [B, T, 6u] holding per step h, c and the gate activations i, f, g, o.
     */
    public static Tensor forward(Tensor x, Tensor w, Tensor h0, Tensor c0) {
        int batch = x.dim(0);
        int steps = x.dim(1);
        int u = w.dim(0);
        Shape out = Shape.of(batch, steps, 6 * u);
        Object xs = dense(x);
        Object ws = dense(w);
        Object hs = dense(h0);
        Object cs = dense(c0);
        boolean vector = KernelConfig.VECTORIZED;
        long work = (long) batch * steps * u * 4 * u * 2;
        if (xs instanceof float[] xf) {
            float[] y = FreshArrays.floats(out.size());
            blocks(batch, work, (b0, b1) -> LstmKernelFloat.forward(xf, (float[]) ws, (float[]) hs, (float[]) cs, y, b0,
                    b1, steps, u, vector));
            return Tensor.wrap(y, out);
        }
        double[] y = FreshArrays.doubles(out.size());
        blocks(batch, work, (b0, b1) -> LstmKernelDouble.forward((double[]) xs, (double[]) ws, (double[]) hs,
                (double[]) cs, y, b0, b1, steps, u, vector));
        return Tensor.wrap(y, out);
    }

    /**
     * gy and y [B, T, 6u], w [u, 4u], c0 [B, u]: d [B, T, 6u] holding per step the gradient of the
     * gates' pre-activations (4u), of h_{t-1} and of c_{t-1} through that step.
     */
    public static Tensor backward(Tensor gy, Tensor y, Tensor w, Tensor c0) {
        int batch = y.dim(0);
        int steps = y.dim(1);
        int u = w.dim(0);
        Shape out = y.shape();
        Object gs = dense(gy);
        Object ys = dense(y);
        Object ws = transposed(w);
        Object cs = dense(c0);
        boolean vector = KernelConfig.VECTORIZED;
        long work = (long) batch * steps * u * 4 * u * 2;
        if (ys instanceof float[] yf) {
            float[] d = FreshArrays.floats(out.size());
            blocks(batch, work, (b0, b1) -> LstmKernelFloat.backward((float[]) gs, yf, (float[]) ws, (float[]) cs, d,
                    b0, b1, steps, u, vector));
            return Tensor.wrap(d, out);
        }
        double[] d = FreshArrays.doubles(out.size());
        blocks(batch, work, (b0, b1) -> LstmKernelDouble.backward((double[]) gs, (double[]) ys, (double[]) ws,
                (double[]) cs, d, b0, b1, steps, u, vector));
        return Tensor.wrap(d, out);
    }

    /** Runs task over row blocks [b0, b1) of the batch, at most one per thread, each of MIN_ROWS rows or more. */
    static void blocks(int batch, long work, Parallel.RangeTask task) {
        int n = Math.max(1, Math.min(Parallel.threads(), batch / MIN_ROWS));
        Parallel.forRange(n, work, (s, e) -> {
            for (int blk = s; blk < e; blk++) {
                int b0 = (int) ((long) batch * blk / n);
                int b1 = (int) ((long) batch * (blk + 1) / n);
                if (b0 < b1) {
                    task.run(b0, b1);
                }
            }
        });
    }

    /**
     * w [k, n] transposed into a fresh row-major [n, k] array: the backward GEMMs multiply by w^T,
     * and with its rows contiguous the GEMM reads it in place instead of packing it at every step.
     */
    static Object transposed(Tensor w) {
        int[] st = w.strides();
        return StridedCopyKernel.toArray(Tensor.view(w, Shape.of(w.dim(1), w.dim(0)), new int[] {st[1], st[0]},
                w.offset()));
    }

    /** x's elements in row-major order from index 0: its own storage when it already is, else a copy. */
    static Object dense(Tensor x) {
        return x.isContiguous() && x.offset() == 0 ? x.storage() : StridedCopyKernel.toArray(x);
    }
}
