package jgrad.nn.layers.attention;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;

/**
 * Additive attention (Bahdanau et al., ICLR 2015; Keras's {@code AdditiveAttention}): {@code
 * scores_ij = sum_d scale_d tanh(query_id + key_jd)}, i.e. Bahdanau's {@code v^T tanh(W1 h_s + W2
 * s_t)} once query and key have been projected (by Dense layers, as in Keras). With use_scale
 * (the default) {@code scale} is a trainable [dim] vector (glorot_uniform, Keras's initializer);
 * without, the sum is unweighted. See {@link BaseDenseAttention} for inputs, masks and outputs.
 */
public final class AdditiveAttention extends BaseDenseAttention {
    private final boolean useScale;
    private Variable scale;

    public AdditiveAttention() {
        this(true, 0, false, false, null, null);
    }

    public AdditiveAttention(boolean useScale, double dropout, boolean useCausalMask, boolean returnAttentionScores,
            Long seed, String name) {
        super(useCausalMask, returnAttentionScores, dropout, seed, name);
        this.useScale = useScale;
    }

    @Override
    protected void build(List<Shape> shapes) {
        checkShapes(shapes);
        if (useScale) {
            scale = addWeight("scale", Shape.of(shapes.get(0).get(1)), Initializers.glorotUniform());
        }
    }

    @Override
    protected Tensor scores(Tensor query, Tensor key) {
        Tensor t = query.unsqueeze(2).add(key.unsqueeze(1)).tanh();   // [b, tq, tv, d]
        if (scale != null) {
            return t.matmul(scale);   // [b, tq, tv]: the scale-weighted sum over d
        }
        return t.sum(new int[] {-1}, false);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("use_scale", useScale);
        return m;
    }

    public static AdditiveAttention fromConfig(Map<String, Object> c) {
        return new AdditiveAttention(LayerConfig.bool(c, "use_scale", true), LayerConfig.number(c, "dropout", 0),
                flag(c, "use_causal_mask"), flag(c, "return_attention_scores"), seedOf(c), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return useScale ? "use_scale" : "";
    }
}
