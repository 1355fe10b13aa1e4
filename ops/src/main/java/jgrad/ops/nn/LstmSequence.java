package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.LstmKernel;

/**
 * A whole LSTM sequence with the default activations (sigmoid gates, tanh cell) in one fused op,
 * the recurrence of Keras's and PyTorch's LSTM layers: inputs {@code x [B, T, 4u]} (the input
 * part of the gates' pre-activations for every step, {@code x_t @ kernel + bias}, gates in Keras's
 * order i, f, c, o), the recurrent kernel {@code w [u, 4u]}, and the initial states
 * {@code h0, c0 [B, u]}. Per step: {@code z = x_t + h_{t-1} @ w}, {@code i, f, o = sigmoid(z_i,
 * z_f, z_o)}, {@code g = tanh(z_c)}, {@code c_t = f c_{t-1} + i g}, {@code h_t = o tanh(c_t)}.
 *
 * <p>The result is {@code y [B, T, 6u]}: per step {@code h_t, c_t, i, f, g, o} side by side.
 * The sequence of outputs is the view {@code y[..., 0:u]}, the final states the last step's
 * {@code h} and {@code c}; the gate values are what the backward pass needs, so nothing is
 * recomputed and the tape keeps this one tensor (24u bytes per row and step in float32) besides
 * the inputs. One op per sequence instead of a dozen per step takes the tape's per-op work out of
 * the loop, and the gradient of the input part for all steps comes out as one tensor instead of
 * one zero-padded full-size gradient per step.
 *
 * <p>Gradient: {@link LstmSequenceGrad} gives the gates' pre-activation gradients {@code dz}
 * and the gradients of {@code h_{t-1}, c_{t-1}} per step; from them {@code dx = dz},
 * {@code dw = H_prev^T dz} as one GEMM over all rows and steps, {@code dh0, dc0} from step 0.
 * Written with ops, so second derivatives work.
 */
public record LstmSequence() implements Op {
    @Override
    public String name() {
        return "lstm_sequence";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), inputs);
        return LstmKernel.forward(inputs[0], inputs[1], inputs[2], inputs[3]);
    }

    /** Checks (x [B, T, 4u], w [u, 4u], h0 [B, u], c0 [B, u]) of one floating dtype. */
    static void check(String op, Tensor[] in) {
        if (in.length != 4) {
            throw new IllegalArgumentException(op + ": takes (x, w, h0, c0), got " + in.length + " inputs");
        }
        Tensor x = in[0];
        Tensor w = in[1];
        NeuralChecks.requireFloating(op, "x", x);
        String shapes = " (x " + x.shape() + ", w " + w.shape() + ", h0 " + in[2].shape() + ", c0 " + in[3].shape()
                + ")";
        for (int i = 1; i < 4; i++) {
            if (in[i].dtype() != x.dtype()) {
                throw new IllegalArgumentException(op + ": x, w, h0 and c0 must have one dtype, got " + x.dtype()
                        + ", " + w.dtype() + ", " + in[2].dtype() + ", " + in[3].dtype() + shapes);
            }
        }
        if (w.rank() != 2 || w.dim(1) != 4 * w.dim(0) || w.dim(0) == 0) {
            throw new IllegalArgumentException(op + ": w must be the recurrent kernel [units, 4 * units] with units > 0"
                    + shapes);
        }
        int u = w.dim(0);
        if (x.rank() != 3 || x.dim(2) != 4 * u || x.dim(1) == 0) {
            throw new IllegalArgumentException(op + ": x must be [batch, steps > 0, 4 * units = " + 4 * u + "]" + shapes);
        }
        Shape state = Shape.of(x.dim(0), u);
        if (!in[2].shape().equals(state) || !in[3].shape().equals(state)) {
            throw new IllegalArgumentException(op + ": h0 and c0 must be [batch, units] = " + state + shapes);
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor w = b.input(1);
        Tensor h0 = b.input(2);
        Tensor c0 = b.input(3);
        int batch = x.dim(0);
        int steps = x.dim(1);
        int u = w.dim(0);
        Tensor d = new LstmSequenceGrad().apply(b.grad(), b.output(), w, c0);
        Tensor dz = d.slice(2, 0, 4 * u);
        Tensor[] grads = new Tensor[4];
        if (b.needsGrad(0)) {
            grads[0] = dz;
        }
        if (b.needsGrad(1)) {
            // Every step's h_{t-1} against its dz in one GEMM over batch * steps rows.
            Tensor first = h0.reshape(batch, 1, u);
            Tensor hPrev = steps == 1 ? first
                    : Tensor.concat(List.of(first, b.output().slice(1, 0, steps - 1).slice(2, 0, u)), 1);
            grads[1] = hPrev.reshape(batch * steps, u).matmul(dz.reshape(batch * steps, 4 * u), true, false);
        }
        Tensor step0 = d.slice(1, 0, 1).reshape(batch, 6 * u);
        if (b.needsGrad(2)) {
            grads[2] = step0.slice(1, 4 * u, 5 * u);
        }
        if (b.needsGrad(3)) {
            grads[3] = step0.slice(1, 5 * u, 6 * u);
        }
        return grads;
    }

    /**
     * The same sequence with plain ops, one step after another (slices, sigmoid, tanh, mul, add,
     * matmul): the reference the fused kernel is tested against.
     */
    public static Tensor reference(Tensor x, Tensor w, Tensor h0, Tensor c0) {
        int steps = x.dim(1);
        int u = w.dim(0);
        Tensor h = h0;
        Tensor c = c0;
        List<Tensor> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Tensor z = x.slice(1, t, t + 1).reshape(x.dim(0), 4 * u).add(h.matmul(w));
            Tensor i = z.slice(1, 0, u).sigmoid();
            Tensor f = z.slice(1, u, 2 * u).sigmoid();
            Tensor g = z.slice(1, 2 * u, 3 * u).tanh();
            Tensor o = z.slice(1, 3 * u, 4 * u).sigmoid();
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
            out.add(Tensor.concat(List.of(h, c, i, f, g, o), 1));
        }
        return Tensor.stack(out, 1);
    }

    public static OpSpec spec() {
        return OpSpec.builder("lstm_sequence", in -> new LstmSequence().apply(in.get(0), in.get(1), in.get(2), in.get(3)))
                .shapes(new int[] {2, 3, 8}, new int[] {2, 8}, new int[] {2, 2}, new int[] {2, 2})
                .shapes(new int[] {3, 1, 4}, new int[] {1, 4}, new int[] {3, 1}, new int[] {3, 1})
                .shapes(new int[] {0, 2, 8}, new int[] {2, 8}, new int[] {0, 2}, new int[] {0, 2})
                .error("lstm_sequence: x must be [batch, steps > 0, 4 * units = 8] (x [2, 3, 6], w [2, 8], h0 [2, 2],"
                        + " c0 [2, 2])", Tensor.zeros(2, 3, 6), Tensor.zeros(2, 8), Tensor.zeros(2, 2), Tensor.zeros(2, 2))
                .error("lstm_sequence: w must be the recurrent kernel [units, 4 * units]", Tensor.zeros(2, 3, 8),
                        Tensor.zeros(2, 6), Tensor.zeros(2, 2), Tensor.zeros(2, 2))
                .error("lstm_sequence: h0 and c0 must be [batch, units] = [2, 2] (x [2, 3, 8], w [2, 8], h0 [2, 3]",
                        Tensor.zeros(2, 3, 8), Tensor.zeros(2, 8), Tensor.zeros(2, 3), Tensor.zeros(2, 2))
                .error("lstm_sequence: x, w, h0 and c0 must have one dtype", Tensor.zeros(2, 3, 8),
                        Tensor.zeros(jgrad.core.DType.FLOAT64, 2, 8), Tensor.zeros(2, 2), Tensor.zeros(2, 2))
                .error("lstm_sequence: x must be float32 or float64", Tensor.zeros(jgrad.core.DType.INT64, 2, 3, 8),
                        Tensor.zeros(2, 8), Tensor.zeros(2, 2), Tensor.zeros(2, 2))
                .build();
    }
}
