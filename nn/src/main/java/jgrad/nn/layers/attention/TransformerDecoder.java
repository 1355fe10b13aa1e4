package jgrad.nn.layers.attention;

import java.util.ArrayList;
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
 * One Transformer decoder block (Vaswani et al. 2017; KerasHub's {@code TransformerDecoder},
 * PyTorch's {@code nn.TransformerDecoderLayer}): causal self-attention (position i sees positions
 * {@code j <= i}), then, when an encoder sequence is given, cross-attention from the decoder positions to
 * it, then the feed-forward network; each with a residual connection and a layer normalization,
 * after (post-LN) or before (pre-LN, normalize_first) the sublayer, as in {@link
 * TransformerEncoder}. Inputs {@code [decoder_sequence]} or {@code [decoder_sequence,
 * encoder_sequence]} ({@code [batch, length, d]}, the encoder's d may differ); masks carried by the
 * inputs ({@link Masks}) mask padded positions.
 */
public final class TransformerDecoder extends Layer {
    private final int intermediateDim;
    private final int numHeads;
    private final double dropout;
    private final String activation;
    private final double layerNormEpsilon;
    private final boolean normalizeFirst;
    private MultiHeadAttention selfAttention;
    private LayerNormalization selfNorm;
    private Dropout selfDropout;
    private MultiHeadAttention crossAttention;
    private LayerNormalization crossNorm;
    private Dropout crossDropout;
    private Dense intermediate;
    private Dense output;
    private LayerNormalization feedforwardNorm;
    private Dropout feedforwardDropout;

    public TransformerDecoder(int intermediateDim, int numHeads) {
        this(intermediateDim, numHeads, 0, "relu", 1e-5, false, null);
    }

    public TransformerDecoder(int intermediateDim, int numHeads, double dropout, String activation,
            double layerNormEpsilon, boolean normalizeFirst, String name) {
        super(name);
        if (intermediateDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("TransformerDecoder: intermediate_dim and num_heads must be > 0, got "
                    + intermediateDim + " and " + numHeads);
        }
        this.intermediateDim = intermediateDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.activation = activation;
        this.layerNormEpsilon = layerNormEpsilon;
        this.normalizeFirst = normalizeFirst;
    }

    public MultiHeadAttention selfAttention() {
        return selfAttention;
    }

    public MultiHeadAttention crossAttention() {
        return crossAttention;
    }

    public LayerNormalization selfAttentionNorm() {
        return selfNorm;
    }

    /** The cross-attention's layer normalization, or null when the block was built without an encoder sequence. */
    public LayerNormalization crossAttentionNorm() {
        return crossNorm;
    }

    public Dense intermediateDense() {
        return intermediate;
    }

    public Dense outputDense() {
        return output;
    }

    public LayerNormalization feedforwardNorm() {
        return feedforwardNorm;
    }

    @Override
    protected void build(List<Shape> shapes) {
        if (shapes.size() > 2) {
            throw new IllegalArgumentException("takes [decoder_sequence] or [decoder_sequence, encoder_sequence], got "
                    + shapes.size() + " inputs");
        }
        Shape x = shapes.get(0);
        if (x.rank() != 2 || (shapes.size() == 2 && shapes.get(1).rank() != 2)) {
            throw new IllegalArgumentException("inputs must be [batch, length, d], got per-sample " + shapes);
        }
        int d = x.get(1);
        int kd = TransformerEncoder.headSize("TransformerDecoder", d, numHeads);
        List<Layer> all = new ArrayList<>();
        selfAttention = add(all, MultiHeadAttention.builder(numHeads, kd).dropout(dropout).useCausalMask(true)
                .name(name() + "_self_attention").build());
        selfNorm = add(all, norm("_self_attention_layer_norm"));
        selfDropout = add(all, new Dropout(dropout, null, name() + "_self_attention_dropout"));
        if (shapes.size() == 2) {
            crossAttention = add(all, MultiHeadAttention.builder(numHeads, kd).dropout(dropout)
                    .name(name() + "_cross_attention").build());
            crossNorm = add(all, norm("_cross_attention_layer_norm"));
            crossDropout = add(all, new Dropout(dropout, null, name() + "_cross_attention_dropout"));
        }
        intermediate = add(all, Dense.builder(intermediateDim).activation(activation)
                .name(name() + "_intermediate_dense").build());
        output = add(all, Dense.builder(d).name(name() + "_output_dense").build());
        feedforwardNorm = add(all, norm("_feedforward_layer_norm"));
        feedforwardDropout = add(all, new Dropout(dropout, null, name() + "_feedforward_dropout"));
    }

    private LayerNormalization norm(String suffix) {
        return new LayerNormalization(new int[] {-1}, layerNormEpsilon, true, true, name() + suffix);
    }

    private <L extends Layer> L add(List<Layer> all, L l) {
        l.setDtype(dtype());
        all.add(l);
        return addSublayer(l);
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        String who = "layer '" + name() + "' (TransformerDecoder)";
        Tensor x = inputs.get(0);
        Tensor enc = inputs.size() > 1 ? inputs.get(1) : null;
        if ((enc == null) != (crossAttention == null)) {
            throw new IllegalArgumentException(who + " was built " + (crossAttention == null ? "without" : "with")
                    + " an encoder sequence and must be called the same way");
        }
        if (enc != null && enc.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException(who + ": decoder " + x.shape() + " and encoder " + enc.shape()
                    + " sequences must have the same batch size");
        }
        Tensor selfMask = TransformerEncoder.paddingMask(who, x, Masks.of(x));
        Tensor h = sub(x, selfNorm, selfDropout, training,
                in -> selfAttention.call(in, in, in, selfMask, true, false, training).output());
        if (enc != null) {
            Tensor encPad = Masks.of(enc);
            Tensor crossMask = encPad == null ? null
                    : encPad.reshape(enc.dim(0), 1, enc.dim(1)).broadcastTo(Shape.of(x.dim(0), x.dim(1), enc.dim(1)));
            h = sub(h, crossNorm, crossDropout, training,
                    in -> crossAttention.call(in, enc, enc, crossMask, false, false, training).output());
        }
        h = sub(h, feedforwardNorm, feedforwardDropout, training,
                in -> output.call(intermediate.call(in, training), training));
        return List.of(h);
    }

    private Tensor sub(Tensor x, LayerNormalization norm, Dropout drop, boolean training,
            java.util.function.UnaryOperator<Tensor> f) {
        Tensor h = normalizeFirst ? norm.call(x, training) : x;
        h = drop.call(f.apply(h), training).add(x);
        return normalizeFirst ? h : norm.call(h, training);
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> shapes) {
        TransformerEncoder.headSize("TransformerDecoder", shapes.get(0).get(shapes.get(0).rank() - 1), numHeads);
        return List.of(shapes.get(0));
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

    public static TransformerDecoder fromConfig(Map<String, Object> c) {
        return new TransformerDecoder(LayerConfig.integer(c, "intermediate_dim"), LayerConfig.integer(c, "num_heads"),
                LayerConfig.number(c, "dropout", 0), c.get("activation") == null ? "relu" : (String) c.get("activation"),
                LayerConfig.number(c, "layer_norm_epsilon", 1e-5), LayerConfig.bool(c, "normalize_first", false),
                (String) c.get("name"));
    }
}
