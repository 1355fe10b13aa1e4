package jgrad.nn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.recurrent.Bidirectional;
import jgrad.nn.layers.recurrent.GRU;
import jgrad.nn.layers.recurrent.GRUCell;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.RNN;
import jgrad.nn.layers.recurrent.SimpleRNN;

/**
 * Moves trained PyTorch {@code nn.LSTM}, {@code nn.GRU} and {@code nn.RNN} weights into jgrad's
 * Keras-layout layers. PyTorch keeps {@code weight_ih [gates*u, in]}, {@code weight_hh
 * [gates*u, u]} and two biases, gates i, f, g, o (LSTM) or r, z, n (GRU); Keras keeps
 * {@code kernel [in, gates*u]}, {@code recurrent_kernel [u, gates*u]} and one bias, gates i, f, c, o
 * or z, r, h, with GRU's two biases as rows of a [2, 3u] bias (reset_after, the only GRU PyTorch has).
 *
 * <pre>{@code
 * // torch: save_file(model.state_dict(), "lstm.safetensors") with model = nn.LSTM(28, 128, batch_first=True)
 * LSTM lstm = LSTM.builder(128).build();
 * lstm.call(Tensor.zeros(1, 28, 28));                  // build it
 * TorchRecurrentWeights.load(lstm, SafeTensors.read(Path.of("lstm.safetensors")), "", 0);
 * }</pre>
 */
public final class TorchRecurrentWeights {
    private TorchRecurrentWeights() {}

    /** [kernel, recurrent_kernel, bias] of a Keras LSTM from PyTorch's tensors (biases may be null: zeros). */
    public static List<Tensor> lstm(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        int u = gates(weightIh, weightHh, 4, "LSTM");
        return List.of(weightIh.transpose().contiguous(), weightHh.transpose().contiguous(),
                sum(biasIh, biasHh, 4 * u, weightIh));
    }

    /** [kernel, recurrent_kernel, bias] of a Keras SimpleRNN (tanh) from nn.RNN's tensors. */
    public static List<Tensor> simpleRnn(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        int u = gates(weightIh, weightHh, 1, "RNN");
        return List.of(weightIh.transpose().contiguous(), weightHh.transpose().contiguous(),
                sum(biasIh, biasHh, u, weightIh));
    }

    /**
     * [kernel, recurrent_kernel, bias [2, 3u]] of a Keras GRU with reset_after (PyTorch's GRU):
     * the gate blocks reordered from r, z, n to z, r, h.
     */
    public static List<Tensor> gru(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        int u = gates(weightIh, weightHh, 3, "GRU");
        Tensor bi = biasIh != null ? biasIh : Tensor.zeros(weightIh.dtype(), 3 * u);
        Tensor bh = biasHh != null ? biasHh : Tensor.zeros(weightIh.dtype(), 3 * u);
        return List.of(rzToZr(weightIh, u).transpose().contiguous(), rzToZr(weightHh, u).transpose().contiguous(),
                Tensor.stack(List.of(rzToZr(bi, u), rzToZr(bh, u)), 0));
    }

    private static Tensor rzToZr(Tensor t, int u) {
        return Tensor.concat(List.of(t.slice(0, u, 2 * u), t.slice(0, 0, u), t.slice(0, 2 * u, 3 * u)), 0);
    }

    private static int gates(Tensor wIh, Tensor wHh, int gates, String what) {
        if (wIh.rank() != 2 || wHh.rank() != 2 || wIh.dim(0) % gates != 0 || wHh.dim(0) != wIh.dim(0)
                || wHh.dim(1) * gates != wHh.dim(0)) {
            throw new IllegalArgumentException("PyTorch " + what + " weights must be weight_ih [" + gates
                    + "u, in] and weight_hh [" + gates + "u, u], got " + wIh.shape() + " and " + wHh.shape());
        }
        return wHh.dim(1);
    }

    private static Tensor sum(Tensor a, Tensor b, int n, Tensor like) {
        Tensor z = Tensor.zeros(like.dtype(), n);
        Tensor s = (a == null ? z : a).add(b == null ? z : b);
        if (s.rank() != 1 || s.dim(0) != n) {
            throw new IllegalArgumentException("PyTorch biases must be [" + n + "], got " + s.shape());
        }
        return s;
    }

    /**
     * Loads layer {@code index} of a PyTorch state dict ({@code prefix + "weight_ih_l" + index},
     * ..., {@code "_reverse"} for the backward direction) into a built LSTM, GRU (reset_after),
     * SimpleRNN, or a Bidirectional of one of them.
     */
    public static void load(Layer layer, Map<String, Tensor> stateDict, String prefix, int index) {
        if (!layer.isBuilt()) {
            throw new IllegalStateException("layer '" + layer.name() + "' must be built before loading weights into it");
        }
        List<Tensor> values = new ArrayList<>();
        if (layer instanceof Bidirectional b) {
            values.addAll(convert(b.forwardLayer(), stateDict, prefix, index, ""));
            values.addAll(convert(b.backwardLayer(), stateDict, prefix, index, "_reverse"));
        } else if (layer instanceof RNN r) {
            values.addAll(convert(r, stateDict, prefix, index, ""));
        } else {
            throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.className()
                    + ") is not an LSTM, GRU, SimpleRNN or Bidirectional");
        }
        List<Tensor> cast = new ArrayList<>();
        for (Tensor v : values) {
            cast.add(v.dtype() == layer.dtype() ? v : v.cast(layer.dtype()));
        }
        layer.setWeights(cast);
    }

    /** {@link #load(Layer, Map, String, int)} from a .safetensors file. */
    public static void load(Layer layer, Path safetensors, String prefix, int index) {
        load(layer, SafeTensors.read(safetensors), prefix, index);
    }

    private static List<Tensor> convert(RNN r, Map<String, Tensor> sd, String prefix, int index, String suffix) {
        String k = "_l" + index + suffix;
        Tensor wIh = need(sd, prefix + "weight_ih" + k);
        Tensor wHh = need(sd, prefix + "weight_hh" + k);
        Tensor bIh = sd.get(prefix + "bias_ih" + k);
        Tensor bHh = sd.get(prefix + "bias_hh" + k);
        if (r instanceof LSTM) {
            return lstm(wIh, wHh, bIh, bHh);
        }
        if (r instanceof GRU g) {
            if (!((GRUCell) g.cell()).resetAfter()) {
                throw new IllegalArgumentException("layer '" + r.name() + "': PyTorch's GRU is reset_after=true;"
                        + " this GRU has reset_after=false");
            }
            return gru(wIh, wHh, bIh, bHh);
        }
        if (r instanceof SimpleRNN) {
            return simpleRnn(wIh, wHh, bIh, bHh);
        }
        throw new IllegalArgumentException("layer '" + r.name() + "' (" + r.className()
                + ") has no PyTorch counterpart (LSTM, GRU or SimpleRNN)");
    }

    private static Tensor need(Map<String, Tensor> sd, String key) {
        Tensor t = sd.get(key);
        if (t == null) {
            throw new IllegalArgumentException("the state dict has no '" + key + "' (keys: " + sd.keySet() + ")");
        }
        return t;
    }
}
