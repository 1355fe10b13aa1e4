package jgrad.nn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.attention.MultiHeadAttention;
import jgrad.nn.layers.attention.TransformerDecoder;
import jgrad.nn.layers.attention.TransformerEncoder;

/**
 * PyTorch attention weights into jgrad's layers. {@code nn.MultiheadAttention(E, H)} keeps {@code
 * in_proj_weight [3E, E]} (the query, key and value projections stacked, head h using rows {@code
 * h*E/H .. (h+1)*E/H} of each; or {@code q_proj_weight}, {@code k_proj_weight}, {@code
 * v_proj_weight} when kdim/vdim differ from E), {@code in_proj_bias [3E]}, {@code
 * out_proj.weight [E, E]} and {@code out_proj.bias}; Keras's layout is {@code kernel [in, heads,
 * head_dim]} = the transposed projection with its rows split by head, and {@code attention_output
 * kernel [heads, head_dim, E]} = the transposed out_proj.weight. {@code nn.TransformerEncoderLayer}
 * adds {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}; {@code
 * nn.TransformerDecoderLayer} has {@code self_attn}, {@code multihead_attn} and {@code norm3} too.
 *
 * <pre>{@code
 * mha.call(q, v, k, null, false, false, false);          // build it first
 * TorchAttentionWeights.load(mha, Path.of("mha.safetensors"), "");
 * }</pre>
 */
public final class TorchAttentionWeights {
    private TorchAttentionWeights() {}

    /** The layer's weights (Keras order) from a state dict; keys under {@code prefix} (e.g. "self_attn."). */
    public static List<Tensor> multiHeadAttention(MultiHeadAttention layer, Map<String, Tensor> sd, String prefix) {
        if (!layer.isBuilt()) {
            throw new IllegalStateException("layer '" + layer.name() + "': call it once (to build it) before loading"
                    + " PyTorch weights");
        }
        int h = layer.numHeads();
        int kd = layer.keyDim();
        int vd = layer.valueDim();
        Tensor wq;
        Tensor wk;
        Tensor wv;
        Tensor in = sd.get(prefix + "in_proj_weight");
        if (in != null) {
            int e = in.dim(1);
            if (in.dim(0) != 3 * e || h * kd != e || h * vd != e) {
                throw new IllegalArgumentException("layer '" + layer.name() + "': PyTorch's in_proj_weight " + in.shape()
                        + " is for embed_dim " + e + ", but num_heads x key_dim = " + h + " x " + kd + " = " + h * kd
                        + " and num_heads x value_dim = " + h * vd + " (they must equal embed_dim)");
            }
            wq = in.slice(0, 0, e);
            wk = in.slice(0, e, 2 * e);
            wv = in.slice(0, 2 * e, 3 * e);
        } else {
            wq = need(sd, prefix + "q_proj_weight");
            wk = need(sd, prefix + "k_proj_weight");
            wv = need(sd, prefix + "v_proj_weight");
        }
        if (sd.containsKey(prefix + "bias_k") || sd.containsKey(prefix + "bias_v")) {
            throw new IllegalArgumentException("layer '" + layer.name() + "': add_bias_kv=True has no Keras"
                    + " counterpart");
        }
        Tensor ow = need(sd, prefix + "out_proj.weight");
        Tensor ob = sd.get(prefix + "out_proj.bias");
        Tensor ib = sd.get(prefix + "in_proj_bias");
        List<Tensor> out = new ArrayList<>();
        boolean bias = layer.weights().size() == 8;
        if (bias && (ib == null || ob == null)) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' has biases, the state dict has none"
                    + " (bias=False in PyTorch: build the layer with useBias(false))");
        }
        int e = wq.dim(0);
        out.add(kernel(wq, h, kd));
        if (bias) {
            out.add(ib.slice(0, 0, e).reshape(h, kd));
        }
        out.add(kernel(wk, h, kd));
        if (bias) {
            out.add(ib.slice(0, e, 2 * e).reshape(h, kd));
        }
        out.add(kernel(wv, h, vd));
        if (bias) {
            out.add(ib.slice(0, 2 * e, 3 * e).reshape(h, vd));
        }
        out.add(ow.transpose().contiguous().reshape(h, vd, ow.dim(0)));
        if (bias) {
            out.add(ob);
        }
        return out;
    }

    /** torch [heads * dim, in] -> Keras [in, heads, dim]. */
    private static Tensor kernel(Tensor w, int h, int d) {
        if (w.dim(0) != h * d) {
            throw new IllegalArgumentException("a PyTorch projection " + w.shape() + " has " + w.dim(0)
                    + " rows, expected num_heads x head_dim = " + h + " x " + d);
        }
        return w.transpose().contiguous().reshape(w.dim(1), h, d);
    }

    /** Sets a built MultiHeadAttention's weights from a PyTorch nn.MultiheadAttention state dict. */
    public static void load(MultiHeadAttention layer, Map<String, Tensor> sd, String prefix) {
        set(layer, multiHeadAttention(layer, sd, prefix));
    }

    public static void load(MultiHeadAttention layer, Path safetensors, String prefix) {
        load(layer, SafeTensors.read(safetensors), prefix);
    }

    /** Sets a built TransformerEncoder from a PyTorch nn.TransformerEncoderLayer state dict (keys under prefix). */
    public static void load(TransformerEncoder layer, Map<String, Tensor> sd, String prefix) {
        if (!layer.isBuilt()) {
            throw new IllegalStateException("layer '" + layer.name() + "': call it once (to build it) before loading"
                    + " PyTorch weights");
        }
        load(layer.attention(), sd, prefix + "self_attn.");
        dense(layer.intermediateDense(), sd, prefix + "linear1.");
        dense(layer.outputDense(), sd, prefix + "linear2.");
        norm(layer.attentionNorm(), sd, prefix + "norm1.");
        norm(layer.feedforwardNorm(), sd, prefix + "norm2.");
    }

    public static void load(TransformerEncoder layer, Path safetensors, String prefix) {
        load(layer, SafeTensors.read(safetensors), prefix);
    }

    /**
     * Sets a built TransformerDecoder from a PyTorch nn.TransformerDecoderLayer state dict (keys
     * under prefix): self_attn, multihead_attn (the cross-attention; the block must have been built
     * with an encoder sequence), linear1, linear2, norm1 (self), norm2 (cross), norm3 (feed-forward).
     */
    public static void load(TransformerDecoder layer, Map<String, Tensor> sd, String prefix) {
        if (!layer.isBuilt() || layer.crossAttention() == null) {
            throw new IllegalStateException("layer '" + layer.name() + "': call it once with a decoder and an encoder"
                    + " sequence (to build its cross-attention) before loading PyTorch weights");
        }
        load(layer.selfAttention(), sd, prefix + "self_attn.");
        load(layer.crossAttention(), sd, prefix + "multihead_attn.");
        dense(layer.intermediateDense(), sd, prefix + "linear1.");
        dense(layer.outputDense(), sd, prefix + "linear2.");
        norm(layer.selfAttentionNorm(), sd, prefix + "norm1.");
        norm(layer.crossAttentionNorm(), sd, prefix + "norm2.");
        norm(layer.feedforwardNorm(), sd, prefix + "norm3.");
    }

    public static void load(TransformerDecoder layer, Path safetensors, String prefix) {
        load(layer, SafeTensors.read(safetensors), prefix);
    }

    private static void dense(Dense d, Map<String, Tensor> sd, String p) {
        set(d, List.of(TorchWeights.denseKernel(need(sd, p + "weight")), need(sd, p + "bias")));
    }

    private static void norm(LayerNormalization n, Map<String, Tensor> sd, String p) {
        set(n, List.of(need(sd, p + "weight"), need(sd, p + "bias")));
    }

    private static void set(Layer layer, List<Tensor> values) {
        List<Tensor> cast = new ArrayList<>();
        for (Tensor v : values) {
            cast.add(v.dtype() == layer.dtype() ? v.contiguous() : v.cast(layer.dtype()));
        }
        layer.setWeights(cast);
    }

    private static Tensor need(Map<String, Tensor> sd, String key) {
        Tensor t = sd.get(key);
        if (t == null) {
            throw new IllegalArgumentException("the state dict has no '" + key + "' (keys: " + sd.keySet() + ")");
        }
        return t;
    }
}
