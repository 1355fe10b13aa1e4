package jgrad.nn.layers.attention;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;

/**
 * Dot-product attention (Luong et al., EMNLP 2015; Keras's {@code Attention}): {@code scores =
 * query . key^T} ("dot"), {@code query W key^T} ("general", Luong's second score; not in Keras,
 * W a trainable [dim, dim] matrix initialised to the identity), or Keras's "concat", {@code
 * sum(tanh(query_i + key_j))} (scaled by a trainable concat_score_weight). With use_scale the
 * scores are multiplied by a trainable scalar (initialised to 1). See {@link BaseDenseAttention}
 * for inputs, masks and outputs.
 */
public final class Attention extends BaseDenseAttention {
    private final boolean useScale;
    private final String scoreMode;
    private Variable scale;
    private Variable general;
    private Variable concatScoreWeight;

    /** Keras's defaults: no scale, score_mode "dot". */
    public Attention() {
        this(false, "dot", 0, false, false, null, null);
    }

    public Attention(boolean useScale, String scoreMode) {
        this(useScale, scoreMode, 0, false, false, null, null);
    }

    public Attention(boolean useScale, String scoreMode, double dropout, boolean useCausalMask,
            boolean returnAttentionScores, Long seed, String name) {
        super(useCausalMask, returnAttentionScores, dropout, seed, name);
        if (!List.of("dot", "general", "concat").contains(scoreMode)) {
            throw new IllegalArgumentException("Attention: score_mode must be 'dot', 'general' or 'concat', got '"
                    + scoreMode + "'");
        }
        this.useScale = useScale;
        this.scoreMode = scoreMode;
    }

    @Override
    protected void build(List<Shape> shapes) {
        checkShapes(shapes);
        if (useScale) {
            scale = addWeight("scale", Shape.of(), Initializers.ones());
        }
        if (scoreMode.equals("concat")) {
            concatScoreWeight = addWeight("concat_score_weight", Shape.of(), Initializers.ones());
        }
        if (scoreMode.equals("general")) {
            int d = shapes.get(0).get(1);
            general = addWeight("general_kernel", Shape.of(d, d), (s, dt) -> Tensor.eye(dt, d));
        }
    }

    @Override
    protected Tensor scores(Tensor query, Tensor key) {
        if (scoreMode.equals("concat")) {
            Tensor q = query.unsqueeze(2);  // [b, tq, 1, d]
            Tensor k = key.unsqueeze(1);    // [b, 1, tv, d]
            Tensor s = scale == null ? q.add(k).tanh().sum(new int[] {-1}, false)
                    : q.add(k).mul(scale).tanh().sum(new int[] {-1}, false);
            return s.mul(concatScoreWeight);
        }
        Tensor q = general == null ? query : query.matmul(general);
        Tensor s = q.matmul(key, false, true);
        return scale == null ? s : s.mul(scale);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("use_scale", useScale);
        m.put("score_mode", scoreMode);
        return m;
    }

    public static Attention fromConfig(Map<String, Object> c) {
        return new Attention(LayerConfig.bool(c, "use_scale", false),
                c.get("score_mode") == null ? "dot" : (String) c.get("score_mode"), LayerConfig.number(c, "dropout", 0),
                flag(c, "use_causal_mask"), flag(c, "return_attention_scores"), seedOf(c), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "score_mode=" + scoreMode + (useScale ? ", use_scale" : "");
    }
}
