package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.GruKernel;

/**
 * Backpropagation through time for {@link GruSequence} in one fused op: inputs {@code (gy, y, w,
 * h0)} with {@code y [B, T, 5u]} the forward result (per step h, z, r, n, q) and gy its gradient.
 * With reset_after the result is {@code [B, T, 7u]}: per step the gradient of the input part of the
 * gates' pre-activations {@code (dz_z, dz_r, dz_n)}, of the recurrent part {@code h W + b}
 * {@code (dz_z, dz_r, r dz_n)}, and of h_{t-1} through the step; without it {@code [B, T, 4u]}: the
 * input part, then h_{t-1}. With {@code gh} the gradient reaching h_t: {@code dz_z = gh (h_{t-1} -
 * n) z(1-z)}, {@code dz_n = gh (1-z)(1-n^2)}, {@code dz_r = dz_n q r(1-r)} (reset_after) or
 * {@code (dz_n W_n^T) h_{t-1} r(1-r)}, and gy's own gradients of z, r, n, q where they are nonzero.
 *
 * <p>Its own gradient is that of {@link #reference}, the same recursion with plain ops, taken with
 * a tape inside the vjp: only run when a gradient of a gradient is asked for.
 */
public record GruSequenceGrad(boolean resetAfter) implements Op {
    @Override
    public String name() {
        return "gru_sequence_grad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), inputs);
        return GruKernel.backward(inputs[0], inputs[1], inputs[2], inputs[3], resetAfter);
    }

    static void check(String op, Tensor[] in) {
        if (in.length != 4) {
            throw new IllegalArgumentException(op + ": takes (gy, y, w, h0), got " + in.length + " inputs");
        }
        Tensor gy = in[0];
        Tensor y = in[1];
        Tensor w = in[2];
        Tensor h0 = in[3];
        NeuralChecks.requireFloating(op, "y", y);
        String shapes = " (gy " + gy.shape() + ", y " + y.shape() + ", w " + w.shape() + ", h0 " + h0.shape() + ")";
        for (Tensor t : in) {
            if (t.dtype() != y.dtype()) {
                throw new IllegalArgumentException(op + ": gy, y, w and h0 must have one dtype, got " + gy.dtype()
                        + ", " + y.dtype() + ", " + w.dtype() + ", " + h0.dtype() + shapes);
            }
        }
        if (w.rank() != 2 || w.dim(1) != 3 * w.dim(0) || w.dim(0) == 0) {
            throw new IllegalArgumentException(op + ": w must be the recurrent kernel [units, 3 * units] with units > 0"
                    + shapes);
        }
        int u = w.dim(0);
        if (y.rank() != 3 || y.dim(2) != 5 * u || y.dim(1) == 0 || !gy.shape().equals(y.shape())) {
            throw new IllegalArgumentException(op + ": y and gy must be [batch, steps > 0, 5 * units = " + 5 * u + "]"
                    + shapes);
        }
        if (!h0.shape().equals(Shape.of(y.dim(0), u))) {
            throw new IllegalArgumentException(op + ": h0 must be [batch, units] = " + Shape.of(y.dim(0), u) + shapes);
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        List<Tensor> sources = new ArrayList<>();
        try (GradientTape tape = new GradientTape(false, false)) {
            for (int i = 0; i < 4; i++) {
                if (b.needsGrad(i)) {
                    tape.watch(b.input(i));
                    sources.add(b.input(i));
                }
            }
            Tensor d = reference(resetAfter, b.input(0), b.input(1), b.input(2), b.input(3));
            List<Tensor> g = tape.gradient(d, sources, b.grad(), UnconnectedGradients.ZERO);
            Tensor[] grads = new Tensor[4];
            for (int i = 0, k = 0; i < 4; i++) {
                if (b.needsGrad(i)) {
                    grads[i] = g.get(k++);
                }
            }
            return grads;
        }
    }

    /** The same recursion with plain ops (slices, mul, add, matmul, concat, stack). */
    public static Tensor reference(boolean resetAfter, Tensor gy, Tensor y, Tensor w, Tensor h0) {
        int batch = y.dim(0);
        int steps = y.dim(1);
        int u = w.dim(0);
        Tensor[] out = new Tensor[steps];
        Tensor dhNext = null;
        for (int t = steps - 1; t >= 0; t--) {
            Tensor g = gy.slice(1, t, t + 1).reshape(batch, 5 * u);
            Tensor s = y.slice(1, t, t + 1).reshape(batch, 5 * u);
            Tensor hp = t == 0 ? h0 : y.slice(1, t - 1, t).reshape(batch, 5 * u).slice(1, 0, u);
            Tensor gh = dhNext == null ? g.slice(1, 0, u) : g.slice(1, 0, u).add(dhNext);
            Tensor z = s.slice(1, u, 2 * u);
            Tensor r = s.slice(1, 2 * u, 3 * u);
            Tensor n = s.slice(1, 3 * u, 4 * u);
            Tensor q = s.slice(1, 4 * u, 5 * u);
            Tensor dzz = gh.mul(hp.sub(n)).add(g.slice(1, u, 2 * u)).mul(z.mul(z.neg().add(1.0)));
            Tensor dnp = gh.mul(z.neg().add(1.0)).add(g.slice(1, 3 * u, 4 * u)).mul(n.square().neg().add(1.0));
            Tensor dr;
            if (resetAfter) {
                dr = dnp.mul(q).add(g.slice(1, 2 * u, 3 * u));
                Tensor dzr = dr.mul(r.mul(r.neg().add(1.0)));
                Tensor da = Tensor.concat(List.of(dzz, dzr, dnp.mul(r).add(g.slice(1, 4 * u, 5 * u))), 1);
                dhNext = da.matmul(w, false, true).add(gh.mul(z));
                out[t] = Tensor.concat(List.of(dzz, dzr, dnp, da, dhNext), 1);
            } else {
                Tensor dq = dnp.matmul(w.slice(1, 2 * u, 3 * u), false, true).add(g.slice(1, 4 * u, 5 * u));
                Tensor dzr = dq.mul(hp).add(g.slice(1, 2 * u, 3 * u)).mul(r.mul(r.neg().add(1.0)));
                dhNext = Tensor.concat(List.of(dzz, dzr), 1).matmul(w.slice(1, 0, 2 * u), false, true).add(dq.mul(r))
                        .add(gh.mul(z));
                out[t] = Tensor.concat(List.of(dzz, dzr, dnp, dhNext), 1);
            }
        }
        return Tensor.stack(List.of(out), 1);
    }

    public static List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        for (boolean after : new boolean[] {true, false}) {
            specs.add(OpSpec.builder("gru_sequence_grad(reset_after=" + after + ")",
                    in -> new GruSequenceGrad(after).apply(in.get(0), in.get(1), in.get(2), in.get(3)))
                    .shapes(new int[] {2, 3, 10}, new int[] {2, 3, 10}, new int[] {2, 6}, new int[] {2, 2})
                    .shapes(new int[] {0, 2, 10}, new int[] {0, 2, 10}, new int[] {2, 6}, new int[] {0, 2})
                    .error("gru_sequence_grad: y and gy must be [batch, steps > 0, 5 * units = 10] (gy [2, 3, 10], y"
                            + " [2, 3, 8]", Tensor.zeros(2, 3, 10), Tensor.zeros(2, 3, 8), Tensor.zeros(2, 6),
                            Tensor.zeros(2, 2))
                    .build());
        }
        return specs;
    }
}
