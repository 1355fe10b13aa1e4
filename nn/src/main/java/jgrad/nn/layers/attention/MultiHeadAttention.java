package jgrad.nn.layers.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.layers.recurrent.Masks;
import jgrad.ops.kernels.Epilogue;
import jgrad.ops.nn.Dense;
import jgrad.ops.nn.ScaledDotProductAttention;

/**
 * Multi-head attention (Vaswani et al. 2017; Keras's {@code MultiHeadAttention}, PyTorch's
 * {@code nn.MultiheadAttention}): {@code Concat(head_1..head_h) W^O} with {@code head_i =
 * softmax(Q W_i^Q (K W_i^K)^T / sqrt(key_dim)) V W_i^V}. Inputs {@code [query, value]}, {@code
 * [query, value, key]} or {@code [query, value, key, attention_mask]} (key defaults to value), each
 * {@code [batch, length, features]}; output {@code [batch, query length, output_shape]} (the
 * query's feature size by default).
 *
 * <ul>
 *   <li>Weights in Keras's layout and order: query/key/value kernels {@code [features, heads,
 *       key_dim]} (value: value_dim) with biases {@code [heads, dim]}, attention_output kernel
 *       {@code [heads, value_dim, output]} and bias {@code [output]}.
 *   <li>attention_mask: bool {@code [batch, Tq, Tk]} or {@code [Tq, Tk]}, true where a query may
 *       attend. Masks carried by the query and value ({@link Masks}, e.g. from
 *       {@code Embedding(mask_zero=true)}) are combined with it as in Keras; use_causal_mask adds
 *       the lower triangle. A query row that may attend to nothing gets a zero attention output
 *       (then the output bias), never NaN.
 *   <li>dropout on the attention weights in training; return_attention_scores adds the weights
 *       {@code [batch, heads, Tq, Tk]} as a second output (computed in full only then; otherwise
 *       the fused {@link ScaledDotProductAttention} op keeps no {@code Tq x Tk} matrix).
 * </ul>
 * PyTorch weights load with {@link jgrad.nn.io.TorchAttentionWeights}.
 */
public final class MultiHeadAttention extends Layer {
    private final int numHeads;
    private final int keyDim;
    private final int valueDim;
    private final double dropout;
    private final boolean useBias;
    private final int[] outputShape;
    private final boolean useCausalMask;
    private final boolean returnAttentionScores;
    private final Initializer kernelInitializer;
    private final Long seed;
    private final Rng rng;
    private Variable queryKernel;
    private Variable queryBias;
    private Variable keyKernel;
    private Variable keyBias;
    private Variable valueKernel;
    private Variable valueBias;
    private Variable outputKernel;
    private Variable outputBias;

    public MultiHeadAttention(int numHeads, int keyDim) {
        this(builder(numHeads, keyDim));
    }

    private MultiHeadAttention(Builder b) {
        super(b.name);
        if (b.numHeads <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads must be > 0, got " + b.numHeads);
        }
        if (b.keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: key_dim must be > 0, got " + b.keyDim);
        }
        if (b.valueDim != null && b.valueDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: value_dim must be > 0, got " + b.valueDim);
        }
        if (!(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + b.dropout);
        }
        if (b.outputShape != null) {
            for (int d : b.outputShape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("MultiHeadAttention: output_shape must be positive, got "
                            + Arrays.toString(b.outputShape));
                }
            }
        }
        numHeads = b.numHeads;
        keyDim = b.keyDim;
        valueDim = b.valueDim == null ? b.keyDim : b.valueDim;
        dropout = b.dropout;
        useBias = b.useBias;
        outputShape = b.outputShape;
        useCausalMask = b.useCausalMask;
        returnAttentionScores = b.returnAttentionScores;
        kernelInitializer = b.kernelInitializer;
        seed = b.seed;
        rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    public static Builder builder(int numHeads, int keyDim) {
        return new Builder(numHeads, keyDim);
    }

    /** Keras's constructor arguments; defaults: value_dim = key_dim, dropout 0, use_bias, glorot_uniform. */
    public static final class Builder {
        private final int numHeads;
        private final int keyDim;
        private Integer valueDim;
        private double dropout;
        private boolean useBias = true;
        private int[] outputShape;
        private boolean useCausalMask;
        private boolean returnAttentionScores;
        private Initializer kernelInitializer = Initializers.glorotUniform();
        private Long seed;
        private String name;

        private Builder(int numHeads, int keyDim) {
            this.numHeads = numHeads;
            this.keyDim = keyDim;
        }

        public Builder valueDim(int v) {
            valueDim = v;
            return this;
        }

        public Builder dropout(double rate) {
            dropout = rate;
            return this;
        }

        public Builder useBias(boolean b) {
            useBias = b;
            return this;
        }

        /** The output's feature axes (one or more); the query's feature size if not set. */
        public Builder outputShape(int... dims) {
            outputShape = dims.clone();
            return this;
        }

        /** Keras's call argument use_causal_mask, fixed for the layer. */
        public Builder useCausalMask(boolean b) {
            useCausalMask = b;
            return this;
        }

        /** Keras's call argument return_attention_scores: a second output [batch, heads, Tq, Tk]. */
        public Builder returnAttentionScores(boolean b) {
            returnAttentionScores = b;
            return this;
        }

        public Builder kernelInitializer(Initializer init) {
            kernelInitializer = init;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder name(String n) {
            name = n;
            return this;
        }

        public MultiHeadAttention build() {
            return new MultiHeadAttention(this);
        }
    }

    public int numHeads() {
        return numHeads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }

    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected void build(List<Shape> shapes) {
        if (shapes.size() < 2 || shapes.size() > 4) {
            throw new IllegalArgumentException("takes [query, value], [query, value, key] or [query, value, key,"
                    + " attention_mask], got " + shapes.size() + " inputs");
        }
        Shape q = shapes.get(0);
        Shape v = shapes.get(1);
        Shape k = shapes.size() > 2 ? shapes.get(2) : v;
        for (Shape s : List.of(q, v, k)) {
            if (s.rank() != 2) {
                throw new IllegalArgumentException("query, value and key must be [batch, length, features], got "
                        + "per-sample shapes " + q + ", " + v + ", " + k);
            }
        }
        if (k.get(0) != v.get(0)) {
            throw new IllegalArgumentException("key " + k + " and value " + v + " must have the same length");
        }
        int out = q.get(1);
        Shape outShape = outputShape == null ? Shape.of(out) : Shape.of(outputShape);
        Initializer zeros = Initializers.zeros();
        queryKernel = addWeight("query/kernel", Shape.of(q.get(1), numHeads, keyDim), kernelInitializer);
        if (useBias) {
            queryBias = addWeight("query/bias", Shape.of(numHeads, keyDim), zeros);
        }
        keyKernel = addWeight("key/kernel", Shape.of(k.get(1), numHeads, keyDim), kernelInitializer);
        if (useBias) {
            keyBias = addWeight("key/bias", Shape.of(numHeads, keyDim), zeros);
        }
        valueKernel = addWeight("value/kernel", Shape.of(v.get(1), numHeads, valueDim), kernelInitializer);
        if (useBias) {
            valueBias = addWeight("value/bias", Shape.of(numHeads, valueDim), zeros);
        }
        int[] ok = new int[2 + outShape.rank()];
        ok[0] = numHeads;
        ok[1] = valueDim;
        System.arraycopy(outShape.dims(), 0, ok, 2, outShape.rank());
        outputKernel = addWeight("attention_output/kernel", Shape.of(ok), kernelInitializer);
        if (useBias) {
            outputBias = addWeight("attention_output/bias", outShape, zeros);
        }
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        Tensor mask = inputs.size() > 3 ? inputs.get(3) : null;
        Result r = attend(query, value, key, mask, useCausalMask, returnAttentionScores, training);
        return r.scores == null ? List.of(r.output) : List.of(r.output, r.scores);
    }

    /** The output and, when asked for, the attention weights [batch, heads, Tq, Tk]. */
    public record Result(Tensor output, Tensor scores) {}

    /**
     * Keras's call with every argument: key may be null (= value), attentionMask may be null.
     * Builds the layer on first use.
     */
    public Result call(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean useCausalMask,
            boolean returnScores, boolean training) {
        Tensor k = key == null ? value : key;
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : List.of(query, value, k)) {
            if (t.rank() != 3) {
                throw new IllegalArgumentException("layer '" + name() + "' (MultiHeadAttention): query, value and key"
                        + " must be [batch, length, features], got " + query.shape() + ", " + value.shape() + ", "
                        + k.shape());
            }
            shapes.add(Shape.of(t.dim(1), t.dim(2)));
        }
        ensureBuilt(shapes);
        return attend(cast(query), cast(value), cast(k), attentionMask, useCausalMask, returnScores, training);
    }

    private Tensor cast(Tensor t) {
        return t.dtype().isFloating() && t.dtype() != dtype() ? t.cast(dtype()) : t;
    }

    private Result attend(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean causal,
            boolean returnScores, boolean training) {
        String who = "layer '" + name() + "' (MultiHeadAttention)";
        if (query.rank() != 3 || value.rank() != 3 || key.rank() != 3) {
            throw new IllegalArgumentException(who + ": query, value and key must be [batch, length, features], got "
                    + query.shape() + ", " + value.shape() + ", " + key.shape());
        }
        int b = query.dim(0);
        int tq = query.dim(1);
        int tk = key.dim(1);
        if (value.dim(1) != tk) {
            throw new IllegalArgumentException(who + ": key " + key.shape() + " and value " + value.shape()
                    + " must have the same length");
        }
        if (value.dim(0) != b || key.dim(0) != b) {
            throw new IllegalArgumentException(who + ": query " + query.shape() + ", key " + key.shape() + " and value "
                    + value.shape() + " must have the same batch size");
        }
        check(who, "query", query, queryKernel);
        check(who, "key", key, keyKernel);
        check(who, "value", value, valueKernel);
        Tensor mask = combinedMask(who, query, value, key, attentionMask, b, tq, tk);
        Tensor q = project(query, queryKernel, queryBias);   // [b, h, tq, kd]
        Tensor k = project(key, keyKernel, keyBias);
        Tensor v = project(value, valueKernel, valueBias);
        double rate = training ? dropout : 0;
        Tensor o;
        Tensor scores = null;
        if (returnScores) {
            scores = ScaledDotProductAttention.referenceWeights(q, k, mask, causal, Double.NaN);
            Tensor w = rate > 0 ? scores.dropout(rate, rng) : scores;
            o = w.matmul(v);
        } else {
            o = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, mask, causal, rate, rng);
        }
        // [b, h, tq, vd] -> [b, tq, h * vd] -> output
        Tensor merged = o.permute(0, 2, 1, 3).reshape(b * tq, numHeads * valueDim);
        int[] od = outputKernel.shape().dims();
        int outSize = 1;
        for (int i = 2; i < od.length; i++) {
            outSize *= od[i];
        }
        Tensor y = Dense.dense(merged, outputKernel.reshape(numHeads * valueDim, outSize),
                outputBias == null ? null : outputBias.reshape(outSize), Epilogue.Activation.LINEAR);
        int[] yd = new int[2 + od.length - 2];
        yd[0] = b;
        yd[1] = tq;
        System.arraycopy(od, 2, yd, 2, od.length - 2);
        return new Result(y.reshape(yd), scores);
    }

    private static void check(String who, String what, Tensor x, Variable kernel) {
        if (x.dim(2) != kernel.dim(0)) {
            throw new IllegalArgumentException(who + ": was built for " + what + " features " + kernel.dim(0) + ", got "
                    + what + " " + x.shape());
        }
    }

    /** x [b, t, f] @ kernel [f, h, d] + bias [h, d] -> [b, h, t, d]. */
    private Tensor project(Tensor x, Variable kernel, Variable bias) {
        int b = x.dim(0);
        int t = x.dim(1);
        int h = kernel.dim(1);
        int d = kernel.dim(2);
        // One GEMM with the bias added as it stores (the fused dense op); the heads stay interleaved
        // ([b, t, h, d]) and the attention op reads them in place.
        Tensor y = Dense.dense(x.reshape(b * t, x.dim(2)), kernel.reshape(kernel.dim(0), h * d),
                bias == null ? null : bias.reshape(h * d), Epilogue.Activation.LINEAR);
        return y.reshape(b, t, h, d).permute(0, 2, 1, 3);
    }

    /** attention_mask and the inputs' padding masks combined, as bool [b, 1, tq, tk], or null. */
    static Tensor combinedMask(String who, Tensor query, Tensor value, Tensor key, Tensor attentionMask, int b,
            int tq, int tk) {
        Tensor mask = null;
        if (attentionMask != null) {
            Tensor m = attentionMask;
            boolean ok = m.dtype() == DType.BOOL && ((m.rank() == 3 && (m.dim(0) == b || m.dim(0) == 1)
                    && m.dim(1) == tq && m.dim(2) == tk) || (m.rank() == 2 && m.dim(0) == tq && m.dim(1) == tk));
            if (!ok) {
                throw new IllegalArgumentException(who + ": attention_mask must be bool [batch, query length, key length]"
                        + " = [" + b + ", " + tq + ", " + tk + "] (or [" + tq + ", " + tk + "]), got " + m.dtype() + " "
                        + m.shape());
            }
            mask = m.rank() == 2 ? m.reshape(1, 1, tq, tk) : m.reshape(m.dim(0), 1, tq, tk);
        }
        Tensor qm = Masks.of(query);
        Tensor vm = Masks.of(key != value && Masks.of(key) != null ? key : value);
        if (qm != null || vm != null) {
            Tensor pad = null;
            if (vm != null) {
                pad = vm.reshape(b, 1, 1, tk);
            }
            if (qm != null) {
                Tensor qr = qm.reshape(b, 1, tq, 1);
                pad = pad == null ? qr : and(qr, pad);
            }
            mask = mask == null ? pad : and(mask, pad);
        }
        return mask;
    }

    static Tensor and(Tensor a, Tensor b) {
        return a.cast(DType.FLOAT32).mul(b.cast(DType.FLOAT32)).greater(0.5);
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape q = inputShapes.get(0);
        Shape out = outputShape == null ? Shape.of(q.get(0), q.get(1)) : prepend(q.get(0), outputShape);
        if (!returnAttentionScores) {
            return List.of(out);
        }
        Shape v = inputShapes.size() > 2 ? inputShapes.get(2) : inputShapes.get(1);
        return List.of(out, Shape.of(numHeads, q.get(0), v.get(0)));
    }

    private static Shape prepend(int first, int[] rest) {
        int[] d = new int[rest.length + 1];
        d[0] = first;
        System.arraycopy(rest, 0, d, 1, rest.length);
        return Shape.of(d);
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return java.util.Collections.nCopies(outputs, dtype());
    }

    public Variable queryKernel() {
        return queryKernel;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("num_heads", numHeads);
        m.put("key_dim", keyDim);
        m.put("value_dim", valueDim);
        m.put("dropout", dropout);
        m.put("use_bias", useBias);
        m.put("output_shape", outputShape == null ? null : LayerConfig.list(outputShape));
        m.put("use_causal_mask", useCausalMask);
        m.put("return_attention_scores", returnAttentionScores);
        m.put("kernel_initializer", LayerConfig.initializer(this, kernelInitializer));
        m.put("seed", seed);
        return m;
    }

    public static MultiHeadAttention fromConfig(Map<String, Object> c) {
        Builder b = builder(LayerConfig.integer(c, "num_heads"), LayerConfig.integer(c, "key_dim"))
                .valueDim(c.get("value_dim") == null ? LayerConfig.integer(c, "key_dim") : LayerConfig.integer(c,
                        "value_dim"))
                .dropout(LayerConfig.number(c, "dropout", 0))
                .useBias(LayerConfig.bool(c, "use_bias", true))
                .useCausalMask(LayerConfig.bool(c, "use_causal_mask", false))
                .returnAttentionScores(LayerConfig.bool(c, "return_attention_scores", false))
                .name((String) c.get("name"));
        if (c.get("output_shape") != null) {
            b.outputShape(LayerConfig.ints(c, "output_shape"));
        }
        if (c.get("kernel_initializer") != null) {
            b.kernelInitializer(LayerConfig.toInitializer(c.get("kernel_initializer")));
        }
        if (c.get("seed") instanceof Number n) {
            b.seed(n.longValue());
        }
        return b.build();
    }

    @Override
    protected String describe() {
        return "num_heads=" + numHeads + ", key_dim=" + keyDim + ", value_dim=" + valueDim
                + (dropout > 0 ? ", dropout=" + dropout : "") + (useCausalMask ? ", causal" : "");
    }
}
