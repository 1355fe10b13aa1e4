package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.GruKernel;

/**
 * A whole GRU sequence with the default activations (sigmoid gates, tanh candidate) in one fused
 * op, Keras's layout (gates z, r, h): inputs {@code x [B, T, 3u]} (the input part of every step's
 * gates, {@code x_t @ kernel + input bias}), the recurrent kernel {@code w [u, 3u]}, with
 * reset_after (Keras's and PyTorch's default) the recurrent bias {@code b [3u]}, and {@code h0 [B,
 * u]}. Per step {@code z = s(x_z + (h W + b)_z)}, {@code r = s(x_r + (h W + b)_r)}, {@code n =
 * tanh(x_n + r (h W_n + b_n))} with reset_after or {@code tanh(x_n + (r h) W_n)} without, and
 * {@code h_t = z h_{t-1} + (1 - z) n}.
 *
 * <p>The result is {@code y [B, T, 5u]}: per step h, z, r, n and q ({@code h W_n + b_n}, or
 * {@code r h} without reset_after), what the backward pass needs. The output sequence is the view
 * {@code y[..., 0:u]}. Gradient: {@link GruSequenceGrad}, then the weight gradients as one GEMM
 * over all rows and steps; written with ops, so second derivatives work.
 */
public record GruSequence(boolean resetAfter) implements Op {
    @Override
    public String name() {
        return "gru_sequence";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), resetAfter, inputs);
        return GruKernel.forward(inputs[0], inputs[1], resetAfter ? inputs[2] : null, inputs[inputs.length - 1],
                resetAfter);
    }

    static void check(String op, boolean resetAfter, Tensor[] in) {
        int want = resetAfter ? 4 : 3;
        if (in.length != want) {
            throw new IllegalArgumentException(op + ": takes " + (resetAfter ? "(x, w, b, h0) with reset_after"
                    : "(x, w, h0) without reset_after") + ", got " + in.length + " inputs");
        }
        Tensor x = in[0];
        Tensor w = in[1];
        Tensor h0 = in[want - 1];
        NeuralChecks.requireFloating(op, "x", x);
        String shapes = " (x " + x.shape() + ", w " + w.shape() + (resetAfter ? ", b " + in[2].shape() : "") + ", h0 "
                + h0.shape() + ")";
        for (Tensor t : in) {
            if (t.dtype() != x.dtype()) {
                throw new IllegalArgumentException(op + ": every input must have x's dtype " + x.dtype() + ", got "
                        + t.dtype() + shapes);
            }
        }
        if (w.rank() != 2 || w.dim(1) != 3 * w.dim(0) || w.dim(0) == 0) {
            throw new IllegalArgumentException(op + ": w must be the recurrent kernel [units, 3 * units] with units > 0"
                    + shapes);
        }
        int u = w.dim(0);
        if (x.rank() != 3 || x.dim(2) != 3 * u || x.dim(1) == 0) {
            throw new IllegalArgumentException(op + ": x must be [batch, steps > 0, 3 * units = " + 3 * u + "]" + shapes);
        }
        if (resetAfter && !in[2].shape().equals(Shape.of(3 * u))) {
            throw new IllegalArgumentException(op + ": b must be the recurrent bias [3 * units = " + 3 * u + "]" + shapes);
        }
        if (!h0.shape().equals(Shape.of(x.dim(0), u))) {
            throw new IllegalArgumentException(op + ": h0 must be [batch, units] = " + Shape.of(x.dim(0), u) + shapes);
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        int n = b.inputCount();
        Tensor x = b.input(0);
        Tensor w = b.input(1);
        Tensor h0 = b.input(n - 1);
        int batch = x.dim(0);
        int steps = x.dim(1);
        int u = w.dim(0);
        Tensor y = b.output();
        Tensor d = new GruSequenceGrad(resetAfter).apply(b.grad(), y, w, h0);
        Tensor dx = d.slice(2, 0, 3 * u);
        Tensor[] grads = new Tensor[n];
        if (b.needsGrad(0)) {
            grads[0] = dx;
        }
        int rows = batch * steps;
        if (b.needsGrad(1)) {
            Tensor first = h0.reshape(batch, 1, u);
            Tensor hPrev = (steps == 1 ? first : Tensor.concat(List.of(first, y.slice(1, 0, steps - 1).slice(2, 0, u)), 1))
                    .reshape(rows, u);
            if (resetAfter) {
                grads[1] = hPrev.matmul(d.slice(2, 3 * u, 6 * u).reshape(rows, 3 * u), true, false);
            } else {
                Tensor q = y.slice(2, 4 * u, 5 * u).reshape(rows, u);
                grads[1] = Tensor.concat(List.of(hPrev.matmul(dx.slice(2, 0, 2 * u).reshape(rows, 2 * u), true, false),
                        q.matmul(dx.slice(2, 2 * u, 3 * u).reshape(rows, u), true, false)), 1);
            }
        }
        if (resetAfter && b.needsGrad(2)) {
            grads[2] = d.slice(2, 3 * u, 6 * u).sum(new int[] {0, 1}, false);
        }
        if (b.needsGrad(n - 1)) {
            int at = resetAfter ? 6 * u : 3 * u;
            grads[n - 1] = d.slice(1, 0, 1).reshape(batch, d.dim(2)).slice(1, at, at + u);
        }
        return grads;
    }

    /** The same sequence with plain ops, one step after another: the reference for the fused kernel. */
    public static Tensor reference(boolean resetAfter, Tensor... in) {
        Tensor x = in[0];
        Tensor w = in[1];
        Tensor h = in[in.length - 1];
        int batch = x.dim(0);
        int steps = x.dim(1);
        int u = w.dim(0);
        List<Tensor> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Tensor xt = x.slice(1, t, t + 1).reshape(batch, 3 * u);
            Tensor z;
            Tensor r;
            Tensor q;
            Tensor n;
            if (resetAfter) {
                Tensor a = h.matmul(w).add(in[2]);
                z = xt.slice(1, 0, u).add(a.slice(1, 0, u)).sigmoid();
                r = xt.slice(1, u, 2 * u).add(a.slice(1, u, 2 * u)).sigmoid();
                q = a.slice(1, 2 * u, 3 * u);
                n = xt.slice(1, 2 * u, 3 * u).add(r.mul(q)).tanh();
            } else {
                Tensor a = h.matmul(w.slice(1, 0, 2 * u));
                z = xt.slice(1, 0, u).add(a.slice(1, 0, u)).sigmoid();
                r = xt.slice(1, u, 2 * u).add(a.slice(1, u, 2 * u)).sigmoid();
                q = r.mul(h);
                n = xt.slice(1, 2 * u, 3 * u).add(q.matmul(w.slice(1, 2 * u, 3 * u))).tanh();
            }
            h = z.mul(h).add(z.neg().add(1.0).mul(n));
            out.add(Tensor.concat(List.of(h, z, r, n, q), 1));
        }
        return Tensor.stack(out, 1);
    }

    public static List<OpSpec> specs() {
        OpSpec after = OpSpec.builder("gru_sequence(reset_after)",
                in -> new GruSequence(true).apply(in.toArray(Tensor[]::new)))
                .shapes(new int[] {2, 3, 6}, new int[] {2, 6}, new int[] {6}, new int[] {2, 2})
                .shapes(new int[] {3, 1, 3}, new int[] {1, 3}, new int[] {3}, new int[] {3, 1})
                .shapes(new int[] {0, 2, 6}, new int[] {2, 6}, new int[] {6}, new int[] {0, 2})
                .error("gru_sequence: x must be [batch, steps > 0, 3 * units = 6] (x [2, 3, 4], w [2, 6], b [6], h0"
                        + " [2, 2])", Tensor.zeros(2, 3, 4), Tensor.zeros(2, 6), Tensor.zeros(6), Tensor.zeros(2, 2))
                .error("gru_sequence: b must be the recurrent bias [3 * units = 6]", Tensor.zeros(2, 3, 6),
                        Tensor.zeros(2, 6), Tensor.zeros(2, 6), Tensor.zeros(2, 2))
                .error("gru_sequence: takes (x, w, b, h0) with reset_after, got 3 inputs", Tensor.zeros(2, 3, 6),
                        Tensor.zeros(2, 6), Tensor.zeros(2, 2))
                .build();
        OpSpec before = OpSpec.builder("gru_sequence(reset_after=false)",
                in -> new GruSequence(false).apply(in.toArray(Tensor[]::new)))
                .shapes(new int[] {2, 3, 6}, new int[] {2, 6}, new int[] {2, 2})
                .shapes(new int[] {0, 2, 6}, new int[] {2, 6}, new int[] {0, 2})
                .error("gru_sequence: h0 must be [batch, units] = [2, 2] (x [2, 3, 6], w [2, 6], h0 [3, 2])",
                        Tensor.zeros(2, 3, 6), Tensor.zeros(2, 6), Tensor.zeros(3, 2))
                .error("gru_sequence: w must be the recurrent kernel [units, 3 * units]", Tensor.zeros(2, 3, 6),
                        Tensor.zeros(2, 5), Tensor.zeros(2, 2))
                .build();
        return List.of(after, before);
    }
}
