package jgrad.ops.nn;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Scaled dot-product attention as one op, {@code softmax(scale * q k^T + mask) v} (Vaswani et al.
 * 2017, eq. 6.12 of note 002): inputs {@code q [..., tq, d]}, {@code k [..., tk, d]}, {@code v
 * [..., tk, dv]} with the same leading (batch, head) axes, and optionally a boolean {@code mask}
 * that broadcasts to {@code [..., tq, tk]}, true where a query may attend to a key (the Keras
 * convention; PyTorch's key_padding_mask is the opposite). Result {@code [..., tq, dv]}.
 *
 * <ul>
 *   <li>{@code scale} defaults to {@code 1 / sqrt(d)}.
 *   <li>{@code causal}: query i sees keys {@code j <= i} (the top-left aligned lower triangle, as
 *       Keras's use_causal_mask and PyTorch's is_causal), combined with mask by "and".
 *   <li>{@code dropout}: the attention weights are dropped with this rate and the kept ones
 *       scaled by {@code 1 / (1 - rate)}, from a seed drawn from the generator at the call; the
 *       same (seed, position) always gives the same decision, so nothing is stored.
 *   <li>A query row whose keys are all masked attends to nothing: its output row is zero and its
 *       gradients are zero. (A plain softmax would give 0/0 = NaN; PyTorch 1.13 returns NaN.)
 * </ul>
 *
 * <p>Memory: the forward keeps the output and one log-sum-exp per query row, never the {@code
 * tq x tk} weights (see {@link AttentionKernel}); its vjp is {@link AttentionGrad}, a fused op
 * that computes the scores again block by block, and whose own vjp is written with ordinary ops,
 * so the attention is differentiable to any order. {@link #reference} is the same function built
 * from matmul and softmax, for tests and for reading.
 */
public final class ScaledDotProductAttention implements Op {
    private final double scale;
    private final boolean causal;
    private final double dropout;
    private final long seed;
    /** The forward's log-sum-exp per query row, kept for the backward of this call. */
    private Tensor lse;

    /** scale NaN means 1 / sqrt(d). */
    public ScaledDotProductAttention(double scale, boolean causal, double dropout, long seed) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: dropout must be in [0, 1), got "
                    + dropout);
        }
        this.scale = scale;
        this.causal = causal;
        this.dropout = dropout;
        this.seed = seed;
    }

    /** Attention with the default scale 1/sqrt(d), no dropout. mask may be null. */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        return scaledDotProductAttention(q, k, v, mask, causal, 0, null);
    }

    /**
     * Attention with dropout on the weights (rate 0 for none; rng supplies the seed, or the global
     * generator if null). mask may be null.
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal,
            double dropout, Rng rng) {
        return scaledDotProductAttention(q, k, v, mask, causal, dropout, rng, Double.NaN);
    }

    /** The full form: scale NaN means 1 / sqrt(d). */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal,
            double dropout, Rng rng, double scale) {
        long seed = dropout > 0 ? (rng == null ? Rng.global() : rng).nextLong() : 0;
        ScaledDotProductAttention op = new ScaledDotProductAttention(scale, causal, dropout, seed);
        return mask == null ? op.apply(q, k, v) : op.apply(q, k, v, mask);
    }

    @Override
    public String name() {
        return "scaled_dot_product_attention";
    }

    public double dropout() {
        return dropout;
    }

    public boolean causal() {
        return causal;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        AttentionKernel.Problem p = problem(name(), inputs, scale, causal, dropout, seed);
        Tensor q = inputs[0];
        int[] outDims = q.shape().dims().clone();
        outDims[outDims.length - 1] = p.dv();
        int[] lseDims = Arrays.copyOf(q.shape().dims(), q.rank() - 1);
        // The output is laid out as q is: heads interleaved ([batch, length, heads, dv]) for a
        // multi-head layer's permuted projection, so that merging the heads is a reshape.
        boolean interleaved = AttentionLayout.interleaved(q);
        AttentionKernel.Rows out = AttentionLayout.allocate(q.dtype(), outDims, interleaved);
        AttentionKernel.Rows qr = AttentionLayout.rows(q);
        AttentionKernel.Rows kr = AttentionLayout.rows(inputs[1]);
        AttentionKernel.Rows vr = AttentionLayout.rows(inputs[2]);
        if (q.dtype() == DType.FLOAT32) {
            float[] l = new float[p.n() * p.tq()];
            AttentionKernel.forward(p, qr, kr, vr, out, l);
            lse = Tensor.wrap(l, Shape.of(lseDims));
        } else {
            double[] l = new double[p.n() * p.tq()];
            AttentionKernel.forward(p, qr, kr, vr, out, l);
            lse = Tensor.wrap(l, Shape.of(lseDims));
        }
        return AttentionLayout.tensor(out, outDims, interleaved);
    }

    /** The log-sum-exp of each query row's scores from the last forward ({@code -inf} for rows that see no key). */
    public Tensor logSumExp() {
        return lse;
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor q = b.input(0);
        Tensor k = b.input(1);
        Tensor v = b.input(2);
        Tensor mask = b.inputCount() == 4 ? b.input(3) : null;
        AttentionGrad grad = new AttentionGrad(scale, causal, dropout, seed);
        Tensor packed = mask == null ? grad.apply(q, k, v, b.output(), b.grad(), lse)
                : grad.apply(q, k, v, b.output(), b.grad(), lse, mask);
        Tensor[] parts = AttentionGrad.unpack(packed, q, k, v);
        Tensor[] r = new Tensor[b.inputCount()];
        for (int i = 0; i < 3; i++) {
            r[i] = b.needsGrad(i) ? parts[i] : null;
        }
        return r;
    }

    // ------------------------------------------------------------------ checks shared with the gradient

    /** Validates q, k, v (and mask) and describes the problem for the kernels. */
    static AttentionKernel.Problem problem(String op, Tensor[] in, double scale, boolean causal, double dropout,
            long seed) {
        if (in.length < 3 || in.length > 4) {
            throw new IllegalArgumentException(op + ": takes (q, k, v) or (q, k, v, mask), got " + in.length
                    + " inputs");
        }
        Tensor q = in[0];
        Tensor k = in[1];
        Tensor v = in[2];
        for (int i = 0; i < 3; i++) {
            Tensor t = in[i];
            String nm = i == 0 ? "q" : i == 1 ? "k" : "v";
            if (!t.dtype().isFloating()) {
                throw new IllegalArgumentException(op + ": " + nm + " must be float32 or float64, got " + t.dtype()
                        + " " + t.shape());
            }
            if (t.rank() < 2) {
                throw new IllegalArgumentException(op + ": " + nm + " must be [..., length, features] (rank >= 2), got "
                        + t.shape());
            }
        }
        if (k.dtype() != q.dtype() || v.dtype() != q.dtype()) {
            throw new IllegalArgumentException(op + ": q " + q.dtype() + ", k " + k.dtype() + " and v " + v.dtype()
                    + " must have the same dtype");
        }
        if (k.rank() != q.rank() || v.rank() != q.rank()
                || !Arrays.equals(lead(q), lead(k)) || !Arrays.equals(lead(q), lead(v))) {
            throw new IllegalArgumentException(op + ": q " + q.shape() + ", k " + k.shape() + " and v " + v.shape()
                    + " must have the same leading (batch, head) axes");
        }
        int r = q.rank();
        int tq = q.dim(r - 2);
        int d = q.dim(r - 1);
        int tk = k.dim(r - 2);
        if (k.dim(r - 1) != d) {
            throw new IllegalArgumentException(op + ": q " + q.shape() + " and k " + k.shape()
                    + " must have the same feature size (last axis: " + d + " vs " + k.dim(r - 1) + ")");
        }
        if (v.dim(r - 2) != tk) {
            throw new IllegalArgumentException(op + ": k " + k.shape() + " and v " + v.shape()
                    + " must have the same length (second-to-last axis: " + tk + " vs " + v.dim(r - 2) + ")");
        }
        int n = 1;
        for (int x : lead(q)) {
            n *= x;
        }
        AttentionKernel.Mask mask = in.length == 4 ? mask(op, in[3], q.shape(), tq, tk) : null;
        double s = Double.isNaN(scale) ? 1 / Math.sqrt(Math.max(d, 1)) : scale;
        return new AttentionKernel.Problem(n, tq, tk, d, v.dim(r - 1), s, causal, mask, dropout, seed);
    }

    private static int[] lead(Tensor t) {
        return Arrays.copyOf(t.shape().dims(), t.rank() - 2);
    }

    private static AttentionKernel.Mask mask(String op, Tensor mask, Shape qShape, int tq, int tk) {
        int r = qShape.rank();
        int[] target = qShape.dims().clone();
        target[r - 1] = tk;
        target[r - 2] = tq;
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": mask must be bool (true = attend), got " + mask.dtype() + " "
                    + mask.shape());
        }
        boolean fits = mask.rank() <= r;
        for (int i = 0; fits && i < mask.rank(); i++) {
            int m = mask.dim(mask.rank() - 1 - i);
            int t = target[r - 1 - i];
            fits = m == t || m == 1;
        }
        if (!fits) {
            throw new IllegalArgumentException(op + ": mask " + mask.shape() + " does not broadcast to [batch..., tq, tk] = "
                    + Shape.of(target));
        }
        Tensor b = mask.broadcastTo(Shape.of(target));
        int[] st = b.strides();
        return new AttentionKernel.Mask((boolean[]) b.storage(), AttentionLayout.problemOffsets(b), st[r - 2],
                st[r - 1]);
    }

    // ------------------------------------------------------------------ the same function from plain ops

    /**
     * softmax(scale q k^T) v from matmul, where, exp and sum, with the same masks, dropout and
     * all-masked convention as the op. Keeps the full weights; differentiable to any order.
     */
    public static Tensor reference(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal, double dropout,
            long seed, double scale) {
        Tensor p = referenceWeights(q, k, mask, causal, scale);
        if (dropout > 0) {
            p = p.mul(dropoutFactors(q.shape(), k.dim(k.rank() - 2), dropout, seed, q.dtype()));
        }
        return p.matmul(v);
    }

    /**
     * The attention weights softmax(scale q k^T) over the allowed keys: [..., tq, tk]; a row with
     * no allowed key is all zero.
     */
    public static Tensor referenceWeights(Tensor q, Tensor k, Tensor mask, boolean causal, double scale) {
        int d = q.dim(q.rank() - 1);
        double s = Double.isNaN(scale) ? 1 / Math.sqrt(Math.max(d, 1)) : scale;
        Tensor scores = q.matmul(k, false, true).mul(s);
        Tensor allowed = allowed(mask, causal, q.dim(q.rank() - 2), k.dim(k.rank() - 2));
        if (allowed == null) {
            return scores.softmax(-1);
        }
        allowed = allowed.broadcastTo(scores.shape());
        Tensor low = Tensor.scalar(-1e30, q.dtype());
        Tensor m = Tensor.where(allowed, scores, low).max(new int[] {-1}, true).stopGradient();
        // exp(0) = 1 at masked places (no overflow even when m is -1e30), then zeroed.
        Tensor e = Tensor.where(allowed, Tensor.where(allowed, scores, m).sub(m).exp(), Tensor.scalar(0, q.dtype()));
        // An allowed row sums to >= 1 (its maximum gives exp(0)); an empty row sums to 0 and stays 0.
        return e.div(e.sum(new int[] {-1}, true).maximum(0.5));
    }

    /** mask and the causal triangle combined, or null when neither applies. */
    static Tensor allowed(Tensor mask, boolean causal, int tq, int tk) {
        Tensor tri = null;
        if (causal) {
            boolean[] t = new boolean[tq * tk];
            for (int i = 0; i < tq; i++) {
                for (int j = 0; j <= i && j < tk; j++) {
                    t[i * tk + j] = true;
                }
            }
            tri = Tensor.fromFlat(t, tq, tk);
        }
        if (mask == null) {
            return tri;
        }
        if (tri == null) {
            return mask;
        }
        return mask.cast(DType.FLOAT32).mul(tri.cast(DType.FLOAT32)).greater(0.5);
    }

    /** The dropout factors (0 or 1/(1-rate)) the kernels use, as a [..., tq, tk] tensor. */
    static Tensor dropoutFactors(Shape qShape, int tk, double rate, long seed, DType dtype) {
        int r = qShape.rank();
        int tq = qShape.get(r - 2);
        int[] dims = qShape.dims().clone();
        dims[r - 1] = tk;
        int size = Shape.of(dims).size();
        double[] f = new double[size];
        for (int i = 0; i < size; i++) {
            f[i] = AttentionKernel.keepFactor(seed, rate, i);
        }
        Tensor t = Tensor.fromFlat(f, dims);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }

    public static OpSpec spec() {
        return OpSpec.builder("scaled_dot_product_attention",
                        in -> scaledDotProductAttention(in.get(0), in.get(1), in.get(2), null, false))
                .shapes(new int[] {3, 2}, new int[] {4, 2}, new int[] {4, 3})
                .shapes(new int[] {2, 3, 2}, new int[] {2, 5, 2}, new int[] {2, 5, 2})
                .shapes(new int[] {0, 2}, new int[] {3, 2}, new int[] {3, 2})
                .error("scaled_dot_product_attention: q [3, 2] and k [4, 3] must have the same feature size",
                        Tensor.zeros(3, 2), Tensor.zeros(4, 3), Tensor.zeros(4, 2))
                .error("scaled_dot_product_attention: k [4, 2] and v [5, 2] must have the same length",
                        Tensor.zeros(3, 2), Tensor.zeros(4, 2), Tensor.zeros(5, 2))
                .error("must have the same leading (batch, head) axes",
                        Tensor.zeros(2, 3, 2), Tensor.zeros(3, 4, 2), Tensor.zeros(3, 4, 2))
                .error("q must be [..., length, features] (rank >= 2), got [3]",
                        Tensor.zeros(3), Tensor.zeros(3), Tensor.zeros(3))
                .build();
    }

    /** A mask with padded keys, one query row that sees no key at all (zero output, zero gradient), and causal. */
    public static OpSpec maskSpec() {
        Tensor mask = Tensor.fromFlat(new boolean[] {
            true, true, false, true,
            false, false, false, false,
            true, false, true, true}, 3, 4);
        return OpSpec.builder("scaled_dot_product_attention(mask)",
                        in -> scaledDotProductAttention(in.get(0), in.get(1), in.get(2), in.size() > 3 ? in.get(3) : mask,
                                false))
                .shapes(new int[] {2, 3, 2}, new int[] {2, 4, 2}, new int[] {2, 4, 3})
                .error("mask [2, 4] does not broadcast to [batch..., tq, tk] = [3, 4]", Tensor.zeros(3, 2),
                        Tensor.zeros(4, 2), Tensor.zeros(4, 2), Tensor.fromFlat(new boolean[8], 2, 4))
                .error("mask must be bool (true = attend), got float32", Tensor.zeros(3, 2),
                        Tensor.zeros(4, 2), Tensor.zeros(4, 2), Tensor.zeros(3, 4))
                .build();
    }

    public static OpSpec causalSpec() {
        return OpSpec.builder("scaled_dot_product_attention(causal)",
                        in -> scaledDotProductAttention(in.get(0), in.get(1), in.get(2), null, true))
                .shapes(new int[] {2, 4, 3}, new int[] {2, 4, 3}, new int[] {2, 4, 2})
                .shapes(new int[] {3, 2}, new int[] {5, 2}, new int[] {5, 3})
                .build();
    }
}
