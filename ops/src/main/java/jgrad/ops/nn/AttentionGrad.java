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
        if (!o.shape().equals(Shape.of(outDims(inputs[0], p.dv()))) || !g.shape().equals(o.shape())
                || lse.size() != p.n() * p.tq() || g.dtype() != inputs[0].dtype()) {
            throw new IllegalArgumentException(name() + ": o " + o.shape() + ", do " + g.shape() + " " + g.dtype()
                    + " and lse " + lse.shape() + " do not fit q " + inputs[0].shape() + " and v " + inputs[2].shape());
        }
        // One vector [dq | dk | dv], each part laid out as its input is (AttentionLayout).
        Object all = Tensor.allocate(inputs[0].dtype(), nq + nk + nv);
        AttentionKernel.Rows dq = AttentionLayout.layout(all, 0, inputs[0].shape().dims(),
                AttentionLayout.interleaved(inputs[0]));
        AttentionKernel.Rows dk = AttentionLayout.layout(all, nq, inputs[1].shape().dims(),
                AttentionLayout.interleaved(inputs[1]));
        AttentionKernel.Rows dv = AttentionLayout.layout(all, nq + nk, inputs[2].shape().dims(),
                AttentionLayout.interleaved(inputs[2]));
        AttentionKernel.Rows q = AttentionLayout.rows(inputs[0]);
        AttentionKernel.Rows k = AttentionLayout.rows(inputs[1]);
        AttentionKernel.Rows v = AttentionLayout.rows(inputs[2]);
        AttentionKernel.Rows or = AttentionLayout.rows(o);
        AttentionKernel.Rows gr = AttentionLayout.rows(g);
        Tensor l = lse.contiguous();
        if (inputs[0].dtype() == DType.FLOAT32) {
            AttentionKernel.backward(p, q, k, v, or, gr, lseFloats(l), dq, dk, dv);
        } else {
            AttentionKernel.backward(p, q, k, v, or, gr, lseDoubles(l), dq, dk, dv);
        }
        return Tensor.wrap(all, Shape.of(nq + nk + nv));
    }

    private static int[] outDims(Tensor q, int dv) {
        int[] d = q.shape().dims().clone();
        d[d.length - 1] = dv;
        return d;
    }

    private static float[] lseFloats(Tensor l) {
        float[] f = (float[]) l.storage();
        return l.offset() == 0 && f.length == l.size() ? f : java.util.Arrays.copyOfRange(f, l.offset(),
                l.offset() + l.size());
    }

    private static double[] lseDoubles(Tensor l) {
        double[] f = (double[]) l.storage();
        return l.offset() == 0 && f.length == l.size() ? f : java.util.Arrays.copyOfRange(f, l.offset(),
                l.offset() + l.size());
    }

    /** Slices a packed [dq | dk | dv] vector back into tensors shaped (and laid out) like q, k and v. */
    static Tensor[] unpack(Tensor packed, Tensor q, Tensor k, Tensor v) {
        int nq = q.size();
        int nk = k.size();
        return new Tensor[] {
            AttentionLayout.unpack(packed, 0, q),
            AttentionLayout.unpack(packed, nq, k),
            AttentionLayout.unpack(packed, nq + nk, v)};
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor q = b.input(0);
        Tensor k = b.input(1);
        Tensor v = b.input(2);
        Tensor g = b.input(4);
        Tensor mask = b.inputCount() == 7 ? b.input(6) : null;
        Tensor[] cot = unpack(b.grad(), q, k, v);
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
