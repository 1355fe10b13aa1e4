package jgrad.nn.layers.attention;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.layers.recurrent.Masks;
import jgrad.ops.nn.ScaledDotProductAttention;

/**
 * What Keras's {@code Attention} and {@code AdditiveAttention} share: inputs {@code [query,
 * value]} or {@code [query, value, key]} ({@code [batch, Tq, dim]}, {@code [batch, Tv, dim]}; key
 * defaults to value), scores {@code [batch, Tq, Tv]} from {@link #scores}, a softmax over the value
 * axis restricted to the allowed keys, dropout on the weights in training, and {@code weights @
 * value} as the output {@code [batch, Tq, dim_v]}. Masks carried by the query and value ({@link
 * Masks}) act as Keras's {@code mask=[query_mask, value_mask]}: padded values get no weight, and
 * padded query rows give zero output (Keras: their output is also zeroed). use_causal_mask lets
 * query i see values j <= i. return_attention_scores adds the weights as a second output.
 */
abstract class BaseDenseAttention extends Layer {
    protected final boolean useCausalMask;
    protected final boolean returnAttentionScores;
    protected final double dropout;
    private final Long seed;
    private final Rng rng;

    protected BaseDenseAttention(boolean useCausalMask, boolean returnAttentionScores, double dropout, Long seed,
            String name) {
        super(name);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dropout must be in [0, 1), got "
                    + dropout);
        }
        this.useCausalMask = useCausalMask;
        this.returnAttentionScores = returnAttentionScores;
        this.dropout = dropout;
        this.seed = seed;
        this.rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    /** Raw scores [batch, Tq, Tv] for query [batch, Tq, dim] and key [batch, Tv, dim]. */
    protected abstract Tensor scores(Tensor query, Tensor key);

    protected void checkShapes(List<Shape> shapes) {
        String who = getClass().getSimpleName();
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw new IllegalArgumentException(who + " takes [query, value] or [query, value, key], got "
                    + shapes.size() + " inputs");
        }
        Shape q = shapes.get(0);
        Shape v = shapes.get(1);
        Shape k = shapes.size() > 2 ? shapes.get(2) : v;
        if (q.rank() != 2 || v.rank() != 2 || k.rank() != 2) {
            throw new IllegalArgumentException("query, value and key must be [batch, length, dim], got per-sample "
                    + q + ", " + v + ", " + k);
        }
        if (k.get(0) != v.get(0)) {
            throw new IllegalArgumentException("key " + k + " and value " + v + " must have the same length");
        }
        if (q.get(1) != k.get(1)) {
            throw new IllegalArgumentException("query " + q + " and key " + k + " must have the same dim (last axis)");
        }
    }

    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected void build(List<Shape> shapes) {
        checkShapes(shapes);
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        String who = "layer '" + name() + "' (" + className() + ")";
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw new IllegalArgumentException(who + " takes [query, value] or [query, value, key], got "
                    + inputs.size() + " inputs");
        }
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        if (query.rank() != 3 || value.rank() != 3 || key.rank() != 3 || key.dim(1) != value.dim(1)
                || key.dim(0) != query.dim(0) || value.dim(0) != query.dim(0) || key.dim(2) != query.dim(2)) {
            throw new IllegalArgumentException(who + ": query [batch, Tq, dim], value [batch, Tv, dim_v] and key"
                    + " [batch, Tv, dim] do not fit: query " + query.shape() + ", value " + value.shape() + ", key "
                    + key.shape());
        }
        int b = query.dim(0);
        int tq = query.dim(1);
        int tv = value.dim(1);
        Tensor mask = MultiHeadAttention.combinedMask(who, query, value, key, null, b, tq, tv);
        if (mask != null) {
            mask = mask.broadcastTo(Shape.of(b, 1, tq, tv)).reshape(b, tq, tv);
        }
        Tensor w = weights(scores(query, key), mask);
        Tensor wd = training && dropout > 0 ? w.dropout(dropout, rng) : w;
        Tensor out = wd.matmul(value);
        return returnAttentionScores ? List.of(out, w) : List.of(out);
    }

    /** Softmax over the last axis among the allowed entries (causal and mask); an empty row is all zero. */
    private Tensor weights(Tensor scores, Tensor mask) {
        if (mask == null && !useCausalMask) {
            return scores.softmax(-1);
        }
        // referenceWeights takes "q" and "k" and forms q k^T; feed it the scores through an identity key.
        int tv = scores.dim(2);
        Tensor eye = Tensor.eye(scores.dtype(), tv);
        return ScaledDotProductAttention.referenceWeights(scores, eye, mask, useCausalMask, 1.0);
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> shapes) {
        checkShapes(shapes);
        Shape q = shapes.get(0);
        Shape v = shapes.get(1);
        Shape out = Shape.of(q.get(0), v.get(1));
        return returnAttentionScores ? List.of(out, Shape.of(q.get(0), v.get(0))) : List.of(out);
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return java.util.Collections.nCopies(outputs, dtype());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("dropout", dropout);
        m.put("use_causal_mask", useCausalMask);
        m.put("return_attention_scores", returnAttentionScores);
        m.put("seed", seed);
        return m;
    }

    static Long seedOf(Map<String, Object> c) {
        return c.get("seed") instanceof Number n ? n.longValue() : null;
    }

    static boolean flag(Map<String, Object> c, String key) {
        return LayerConfig.bool(c, key, false);
    }
}
