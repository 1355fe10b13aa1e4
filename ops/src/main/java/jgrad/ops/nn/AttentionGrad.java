package jgrad.ops.nn;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * The gradient of {@link ScaledDotProductAttention} as one fused op: inputs {@code (q, k, v, o,
 * do, lse[, mask])}, result the three gradients packed into one vector {@code [dq | dk | dv]} (one
 * pass gives all three; {@link #unpack} slices them back, as views). The kernel computes the scores
 * again block by block from q, k and the forward's log-sum-exp (FlashAttention-2), so no
 * {@code tq x tk} matrix is kept here either.
 *
 * <p>Its own vjp, for second derivatives, is written with matmul, softmax-style sums and
 * elementwise ops on the full weights {@code P} (recomputed, see
 * {@link ScaledDotProductAttention#referenceWeights}): with cotangents {@code A, B, C} for {@code
 * dq, dk, dv}, {@code E = s (A k^T + q B^T)}, {@code r = rowsum(E P)}, {@code dP = Z (do v^T)},
 * {@code D = rowsum(P dP)}, {@code dS = P (dP - D)}:
 * <pre>
 *   G_dPd = Z P (E - r)                      (cotangent of do v^T)
 *   G_P   = E (dP - D) - r dP + Z (do C^T)   (cotangent of P)
 *   G_S   = P (G_P - rowsum(G_P P))          (through the softmax)
 *   q: s dS B + s G_S k     k: s dS^T A + s G_S^T q
 *   v: G_dPd^T do           do: (P Z) C + G_dPd v
 * </pre>
 * where Z holds the dropout factors. o and lse get no gradient: o's dependence on q, k, v is
 * already in these terms (D is differentiated as rowsum(P dP)), and lse is a saved constant.
 */
public record AttentionGrad(double scale, boolean causal, double dropout, long seed) implements Op {
    @Override
    public String name() {
        return "scaled_dot_product_attention_grad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 6 && inputs.length != 7) {
            throw new IllegalArgumentException(name() + ": takes (q, k, v, o, do, lse[, mask]), got " + inputs.length
                    + " inputs");
        }
        Tensor[] qkvm = inputs.length == 7 ? new Tensor[] {inputs[0], inputs[1], inputs[2], inputs[6]}
                : new Tensor[] {inputs[0], inputs[1], inputs[2]};
        AttentionKernel.Problem p = ScaledDotProductAttention.problem(name(), qkvm, scale, causal, dropout, seed);
        Tensor o = inputs[3];
        Tensor g = inputs[4];
        Tensor lse = inputs[5];
        int nq = p.n() * p.tq() * p.d();
        int nk = p.n() * p.tk() * p.d();
        int nv = p.n() * p.tk() * p.dv();
        if (o.size() != p.n() * p.tq() * p.dv() || !g.shape().equals(o.shape()) || lse.size() != p.n() * p.tq()
                || g.dtype() != inputs[0].dtype()) {
            throw new IllegalArgumentException(name() + ": o " + o.shape() + ", do " + g.shape() + " " + g.dtype()
                    + " and lse " + lse.shape() + " do not fit q " + inputs[0].shape() + " and v " + inputs[2].shape());
        }
        if (inputs[0].dtype() == DType.FLOAT32) {
            float[] all = new float[nq + nk + nv];
            float[] dq = new float[nq];
            float[] dk = new float[nk];
            float[] dv = new float[nv];
            AttentionKernel.backward(p, ScaledDotProductAttention.floats(inputs[0]),
                    ScaledDotProductAttention.floats(inputs[1]), ScaledDotProductAttention.floats(inputs[2]),
                    ScaledDotProductAttention.floats(o), ScaledDotProductAttention.floats(g),
                    ScaledDotProductAttention.floats(lse), dq, dk, dv);
            System.arraycopy(dq, 0, all, 0, nq);
            System.arraycopy(dk, 0, all, nq, nk);
            System.arraycopy(dv, 0, all, nq + nk, nv);
            return Tensor.wrap(all, Shape.of(all.length));
        }
        double[] all = new double[nq + nk + nv];
        double[] dq = new double[nq];
        double[] dk = new double[nk];
        double[] dv = new double[nv];
        AttentionKernel.backward(p, ScaledDotProductAttention.doubles(inputs[0]),
                ScaledDotProductAttention.doubles(inputs[1]), ScaledDotProductAttention.doubles(inputs[2]),
                ScaledDotProductAttention.doubles(o), ScaledDotProductAttention.doubles(g),
                ScaledDotProductAttention.doubles(lse), dq, dk, dv);
        System.arraycopy(dq, 0, all, 0, nq);
        System.arraycopy(dk, 0, all, nq, nk);
        System.arraycopy(dv, 0, all, nq + nk, nv);
        return Tensor.wrap(all, Shape.of(all.length));
    }

    /** Slices a packed [dq | dk | dv] vector back into tensors shaped like q, k and v. */
    static Tensor[] unpack(Tensor packed, Shape q, Shape k, Shape v) {
        int nq = q.size();
        int nk = k.size();
        int nv = v.size();
        return new Tensor[] {
            packed.slice(0, 0, nq).reshape(q.dims()),
            packed.slice(0, nq, nq + nk).reshape(k.dims()),
            packed.slice(0, nq + nk, nq + nk + nv).reshape(v.dims())};
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor q = b.input(0);
        Tensor k = b.input(1);
        Tensor v = b.input(2);
        Tensor g = b.input(4);
        Tensor mask = b.inputCount() == 7 ? b.input(6) : null;
        Tensor[] cot = unpack(b.grad(), q.shape(), k.shape(), v.shape());
        Tensor a = cot[0];
        Tensor bb = cot[1];
        Tensor c = cot[2];
        int d = q.dim(q.rank() - 1);
        double s = Double.isNaN(scale) ? 1 / Math.sqrt(Math.max(d, 1)) : scale;
        int[] last = {-1};
        Tensor p = ScaledDotProductAttention.referenceWeights(q, k, mask, causal, scale);
        Tensor z = dropout > 0
                ? ScaledDotProductAttention.dropoutFactors(q.shape(), k.dim(k.rank() - 2), dropout, seed, q.dtype())
                : null;
        Tensor pd = z == null ? p : p.mul(z);
        Tensor dPd = g.matmul(v, false, true);
        Tensor dP = z == null ? dPd : dPd.mul(z);
        Tensor dRow = p.mul(dP).sum(last, true);
        Tensor dS = p.mul(dP.sub(dRow));
        Tensor e = a.matmul(k, false, true).add(q.matmul(bb, false, true)).mul(s);
        Tensor r = e.mul(p).sum(last, true);
        Tensor gdPd = p.mul(e.sub(r));
        if (z != null) {
            gdPd = gdPd.mul(z);
        }
        Tensor gP = e.mul(dP.sub(dRow)).sub(r.mul(dP));
        Tensor goc = g.matmul(c, false, true);
        gP = gP.add(z == null ? goc : goc.mul(z));
        Tensor gS = p.mul(gP.sub(gP.mul(p).sum(last, true)));
        Tensor[] out = new Tensor[b.inputCount()];
        if (b.needsGrad(0)) {
            out[0] = dS.matmul(bb).add(gS.matmul(k)).mul(s);
        }
        if (b.needsGrad(1)) {
            out[1] = dS.matmul(a, true, false).add(gS.matmul(q, true, false)).mul(s);
        }
        if (b.needsGrad(2)) {
            out[2] = gdPd.matmul(g, true, false);
        }
        if (b.needsGrad(4)) {
            out[4] = pd.matmul(c).add(gdPd.matmul(v));
        }
        return out;
    }
}
