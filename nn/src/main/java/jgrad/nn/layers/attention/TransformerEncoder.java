package jgrad.nn.layers.attention;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.recurrent.Masks;

/**
 * One Transformer encoder block (Vaswani et al. 2017; KerasHub's {@code TransformerEncoder},
 * PyTorch's {@code nn.TransformerEncoderLayer}): self-attention over the sequence with {@code
 * num_heads} heads of size {@code d / num_heads}, then the position-wise feed-forward network
 * {@code FFN(z) = act(z W1 + b1) W2 + b2} (note 002 eq. 6.13), each wrapped in a residual
 * connection and a layer normalization.
 *
 * <ul>
 *   <li>post-LN (normalize_first false, the paper and PyTorch's default): {@code z = LN(x +
 *       MHA(x))}, {@code out = LN(z + FFN(z))}.
 *   <li>pre-LN (normalize_first true, PyTorch's norm_first): {@code z = x + MHA(LN(x))}, {@code
 *       out = z + FFN(LN(z))}.
 * </ul>
 * Inputs {@code [x]} or {@code [x, padding_mask]} (bool [batch, length], true for real tokens; a
 * mask carried by x, e.g. from {@code Embedding(mask_zero=true)}, is used too). Dropout (rate
 * {@code dropout}) after the attention and after the feed-forward network, in training.
 * Defaults as KerasHub and PyTorch: relu, layer_norm_epsilon 1e-5.
 */
public final class TransformerEncoder extends Layer {
    private final int intermediateDim;
    private final int numHeads;
    private final double dropout;
    private final String activation;
    private final double layerNormEpsilon;
    private final boolean normalizeFirst;
    private MultiHeadAttention attention;
    private LayerNormalization attentionNorm;
    private Dropout attentionDropout;
    private Dense intermediate;
    private Dense output;
    private LayerNormalization feedforwardNorm;
    private Dropout feedforwardDropout;

    public TransformerEncoder(int intermediateDim, int numHeads) {
        this(intermediateDim, numHeads, 0, "relu", 1e-5, false, null);
    }

    public TransformerEncoder(int intermediateDim, int numHeads, double dropout, String activation,
            double layerNormEpsilon, boolean normalizeFirst, String name) {
        super(name);
        if (intermediateDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: intermediate_dim and num_heads must be > 0, got "
                    + intermediateDim + " and " + numHeads);
        }
        this.intermediateDim = intermediateDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.activation = activation;
        this.layerNormEpsilon = layerNormEpsilon;
        this.normalizeFirst = normalizeFirst;
    }

    public MultiHeadAttention attention() {
        return attention;
    }

    public Dense intermediateDense() {
        return intermediate;
    }

    public Dense outputDense() {
        return output;
    }

    public LayerNormalization attentionNorm() {
        return attentionNorm;
    }

    public LayerNormalization feedforwardNorm() {
        return feedforwardNorm;
    }

    public boolean normalizeFirst() {
        return normalizeFirst;
    }

    static int headSize(String who, int d, int numHeads) {
        if (d % numHeads != 0) {
            throw new IllegalArgumentException(who + ": the feature size " + d + " is not divisible by num_heads "
                    + numHeads + " (each head gets d / num_heads features)");
        }
        return d / numHeads;
    }

    @Override
    protected void build(List<Shape> shapes) {
        Shape x = shapes.get(0);
        if (x.rank() != 2) {
            throw new IllegalArgumentException("input must be [batch, length, d], got per-sample " + x);
        }
        int d = x.get(1);
        int kd = headSize("TransformerEncoder", d, numHeads);
        attention = addSublayer(MultiHeadAttention.builder(numHeads, kd).dropout(dropout)
                .name(name() + "_self_attention").build());
        attentionNorm = addSublayer(new LayerNormalization(new int[] {-1}, layerNormEpsilon, true, true,
                name() + "_self_attention_layer_norm"));
        attentionDropout = addSublayer(new Dropout(dropout, null, name() + "_self_attention_dropout"));
        intermediate = addSublayer(Dense.builder(intermediateDim).activation(activation)
                .name(name() + "_intermediate_dense").build());
        output = addSublayer(Dense.builder(d).name(name() + "_output_dense").build());
        feedforwardNorm = addSublayer(new LayerNormalization(new int[] {-1}, layerNormEpsilon, true, true,
                name() + "_feedforward_layer_norm"));
        feedforwardDropout = addSublayer(new Dropout(dropout, null, name() + "_feedforward_dropout"));
        for (Layer l : List.of(attention, attentionNorm, attentionDropout, intermediate, output, feedforwardNorm,
                feedforwardDropout)) {
            l.setDtype(dtype());
        }
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        String who = "layer '" + name() + "' (TransformerEncoder)";
        Tensor pad = inputs.size() > 1 ? inputs.get(1) : Masks.of(x);
        Tensor mask = paddingMask(who, x, pad);
        return List.of(block(x, mask, training));
    }

    /** A [batch, length] padding mask as the attention mask [batch, length, length]: keys that are real tokens. */
    static Tensor paddingMask(String who, Tensor x, Tensor pad) {
        if (pad == null) {
            return null;
        }
        if (pad.dtype() != DType.BOOL || pad.rank() != 2 || pad.dim(0) != x.dim(0) || pad.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException(who + ": padding_mask must be bool [batch, length] = [" + x.dim(0)
                    + ", " + x.dim(1) + "], got " + pad.dtype() + " " + pad.shape());
        }
        return pad.reshape(x.dim(0), 1, x.dim(1)).broadcastTo(Shape.of(x.dim(0), x.dim(1), x.dim(1)));
    }

    private Tensor block(Tensor x, Tensor mask, boolean training) {
        Tensor residual = x;
        Tensor h = normalizeFirst ? attentionNorm.call(x, training) : x;
        h = attention.call(h, h, h, mask, false, false, training).output();
        h = attentionDropout.call(h, training).add(residual);
        if (!normalizeFirst) {
            h = attentionNorm.call(h, training);
        }
        residual = h;
        Tensor f = normalizeFirst ? feedforwardNorm.call(h, training) : h;
        f = output.call(intermediate.call(f, training), training);
        f = feedforwardDropout.call(f, training).add(residual);
        if (!normalizeFirst) {
            f = feedforwardNorm.call(f, training);
        }
        return f;
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> shapes) {
        Shape x = shapes.get(0);
        if (x.rank() != 2) {
            throw new IllegalArgumentException("input must be [batch, length, d], got per-sample " + x);
        }
        headSize("TransformerEncoder", x.get(1), numHeads);
        return List.of(x);
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return List.of(dtype());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("intermediate_dim", intermediateDim);
        m.put("num_heads", numHeads);
        m.put("dropout", dropout);
        m.put("activation", activation);
        m.put("layer_norm_epsilon", layerNormEpsilon);
        m.put("normalize_first", normalizeFirst);
        return m;
    }

    public static TransformerEncoder fromConfig(Map<String, Object> c) {
        return new TransformerEncoder(LayerConfig.integer(c, "intermediate_dim"), LayerConfig.integer(c, "num_heads"),
                LayerConfig.number(c, "dropout", 0), c.get("activation") == null ? "relu" : (String) c.get("activation"),
                LayerConfig.number(c, "layer_norm_epsilon", 1e-5), LayerConfig.bool(c, "normalize_first", false),
                (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "intermediate_dim=" + intermediateDim + ", num_heads=" + numHeads + (normalizeFirst ? ", pre-LN"
                : ", post-LN");
    }
}
