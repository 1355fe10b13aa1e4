package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.LstmKernel;

/**
 * Backpropagation through time for {@link LstmSequence} in one fused op: inputs {@code (gy, y, w,
 * c0)} with {@code y [B, T, 6u]} the forward result (per step h, c, i, f, g, o) and {@code gy}
 * its gradient; result {@code d [B, T, 6u]}, per step the gradient of the gates' pre-activations
 * {@code dz} (4u), then of {@code h_{t-1}} ({@code dz @ w^T}) and of {@code c_{t-1}} through that
 * step. Walking the steps backwards, the gradient reaching {@code h_t, c_t} is gy's plus step
 * t+1's; {@code dc = gc + gh o (1 - tanh^2 c_t)}, {@code dz_i = dc g i(1-i)}, {@code dz_f = dc
 * c_{t-1} f(1-f)}, {@code dz_g = dc i (1-g^2)}, {@code dz_o = gh tanh(c_t) o(1-o)} (plus gy's own
 * gradients of the gate values), {@code dc_{t-1} = dc f}.
 *
 * <p>Its own gradient (for second derivatives) is that of {@link #reference}, the same recursion
 * with plain ops, taken with a tape inside the vjp; slow, and only run when a gradient of a
 * gradient is asked for.
 */
public record LstmSequenceGrad() implements Op {
    @Override
    public String name() {
        return "lstm_sequence_grad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), inputs);
        return LstmKernel.backward(inputs[0], inputs[1], inputs[2], inputs[3]);
    }

    static void check(String op, Tensor[] in) {
        if (in.length != 4) {
            throw new IllegalArgumentException(op + ": takes (gy, y, w, c0), got " + in.length + " inputs");
        }
        Tensor gy = in[0];
        Tensor y = in[1];
        Tensor w = in[2];
        Tensor c0 = in[3];
        NeuralChecks.requireFloating(op, "y", y);
        String shapes = " (gy " + gy.shape() + ", y " + y.shape() + ", w " + w.shape() + ", c0 " + c0.shape() + ")";
        for (Tensor t : in) {
            if (t.dtype() != y.dtype()) {
                throw new IllegalArgumentException(op + ": gy, y, w and c0 must have one dtype, got " + gy.dtype()
                        + ", " + y.dtype() + ", " + w.dtype() + ", " + c0.dtype() + shapes);
            }
        }
        if (w.rank() != 2 || w.dim(1) != 4 * w.dim(0) || w.dim(0) == 0) {
            throw new IllegalArgumentException(op + ": w must be the recurrent kernel [units, 4 * units] with units > 0"
                    + shapes);
        }
        int u = w.dim(0);
        if (y.rank() != 3 || y.dim(2) != 6 * u || y.dim(1) == 0 || !gy.shape().equals(y.shape())) {
            throw new IllegalArgumentException(op + ": y and gy must be [batch, steps > 0, 6 * units = " + 6 * u + "]"
                    + shapes);
        }
        if (!c0.shape().equals(Shape.of(y.dim(0), u))) {
            throw new IllegalArgumentException(op + ": c0 must be [batch, units] = " + Shape.of(y.dim(0), u) + shapes);
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
            Tensor d = reference(b.input(0), b.input(1), b.input(2), b.input(3));
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

    /** The same recursion with plain ops (slices, tanh, mul, add, matmul, concat, stack). */
    public static Tensor reference(Tensor gy, Tensor y, Tensor w, Tensor c0) {
        int batch = y.dim(0);
        int steps = y.dim(1);
        int u = w.dim(0);
        Tensor[] out = new Tensor[steps];
        Tensor dhNext = null;
        Tensor dcNext = null;
        for (int t = steps - 1; t >= 0; t--) {
            Tensor g = gy.slice(1, t, t + 1).reshape(batch, 6 * u);
            Tensor s = y.slice(1, t, t + 1).reshape(batch, 6 * u);
            Tensor gh = g.slice(1, 0, u);
            Tensor gc = g.slice(1, u, 2 * u);
            if (dhNext != null) {
                gh = gh.add(dhNext);
                gc = gc.add(dcNext);
            }
            Tensor c = s.slice(1, u, 2 * u);
            Tensor cPrev = t == 0 ? c0 : y.slice(1, t - 1, t).reshape(batch, 6 * u).slice(1, u, 2 * u);
            Tensor i = s.slice(1, 2 * u, 3 * u);
            Tensor f = s.slice(1, 3 * u, 4 * u);
            Tensor gg = s.slice(1, 4 * u, 5 * u);
            Tensor o = s.slice(1, 5 * u, 6 * u);
            Tensor tc = c.tanh();
            Tensor dc = gc.add(gh.mul(o).mul(tc.square().neg().add(1.0)));
            Tensor dzi = dc.mul(gg).add(g.slice(1, 2 * u, 3 * u)).mul(i.mul(i.neg().add(1.0)));
            Tensor dzf = dc.mul(cPrev).add(g.slice(1, 3 * u, 4 * u)).mul(f.mul(f.neg().add(1.0)));
            Tensor dzg = dc.mul(i).add(g.slice(1, 4 * u, 5 * u)).mul(gg.square().neg().add(1.0));
            Tensor dzo = gh.mul(tc).add(g.slice(1, 5 * u, 6 * u)).mul(o.mul(o.neg().add(1.0)));
            Tensor dz = Tensor.concat(List.of(dzi, dzf, dzg, dzo), 1);
            dhNext = dz.matmul(w, false, true);
            dcNext = dc.mul(f);
            out[t] = Tensor.concat(List.of(dz, dhNext, dcNext), 1);
        }
        return Tensor.stack(List.of(out), 1);
    }

    public static OpSpec spec() {
        return OpSpec.builder("lstm_sequence_grad",
                in -> new LstmSequenceGrad().apply(in.get(0), in.get(1), in.get(2), in.get(3)))
                .shapes(new int[] {2, 3, 12}, new int[] {2, 3, 12}, new int[] {2, 8}, new int[] {2, 2})
                .shapes(new int[] {3, 1, 6}, new int[] {3, 1, 6}, new int[] {1, 4}, new int[] {3, 1})
                .shapes(new int[] {0, 2, 12}, new int[] {0, 2, 12}, new int[] {2, 8}, new int[] {0, 2})
                .error("lstm_sequence_grad: y and gy must be [batch, steps > 0, 6 * units = 12] (gy [2, 3, 12], y [2,"
                        + " 3, 10]", Tensor.zeros(2, 3, 12), Tensor.zeros(2, 3, 10), Tensor.zeros(2, 8),
                        Tensor.zeros(2, 2))
                .error("lstm_sequence_grad: c0 must be [batch, units] = [2, 2]", Tensor.zeros(2, 3, 12),
                        Tensor.zeros(2, 3, 12), Tensor.zeros(2, 8), Tensor.zeros(3, 2))
                .build();
    }
}
