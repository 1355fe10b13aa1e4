package jgrad.nn.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.nn.Layer;
import jgrad.nn.io.SafeTensors;
import jgrad.nn.io.TorchAttentionWeights;
import jgrad.nn.io.TorchWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MultiHeadAttention and TransformerEncoder with PyTorch's weights (loaded by
 * TorchAttentionWeights) against nn.MultiheadAttention (key_padding_mask, causal attn_mask,
 * attention weights), nn.TransformerEncoderLayer (post-LN with a padding mask, pre-LN) and
 * nn.TransformerDecoderLayer (causal self-attention and cross-attention; post-LN with a memory
 * padding mask, pre-LN), float64:
 * outputs and the gradients of sum(output * cotangent) for the inputs and every weight. Fixtures
 * from scripts/make_attention_fixtures.py.
 */
class TorchAttentionTest {
    private static Map<String, Tensor> fx;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TorchAttentionTest.class.getResourceAsStream("/fixtures/torch_attention.safetensors")) {
            fx = SafeTensors.read(in.readAllBytes(), "torch_attention.safetensors");
        }
    }

    @BeforeEach
    void names() {
        Layer.resetNames();
    }

    private static Map<String, Tensor> under(String prefix) {
        Map<String, Tensor> m = new HashMap<>();
        fx.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    private static void close(Tensor got, Tensor want, String what) {
        assertThat(got.shape()).as(what).isEqualTo(want.shape());
        double[] g = got.toDoubleArray();
        double[] w = want.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).as(what + " entry " + i).isCloseTo(w[i], within(1e-10));
        }
    }

    /** PyTorch's 1 = ignore (float) as jgrad's attend-mask (bool). */
    private static Tensor attend(Tensor torchIgnore) {
        return torchIgnore.less(0.5);
    }

    @Test
    void multiHeadAttentionWithKeyPaddingMask() {
        String c = "mha_pad.";
        MultiHeadAttention mha = MultiHeadAttention.builder(2, 4).build();
        mha.setDtype(DType.FLOAT64);
        Tensor q = fx.get(c + "query");
        Tensor k = fx.get(c + "key");
        Tensor v = fx.get(c + "value");
        Tensor mask = attend(fx.get(c + "kpm")).reshape(2, 1, 4).broadcastTo(jgrad.core.Shape.of(2, 3, 4));
        mha.call(q, v, k, mask, false, false, false);
        TorchAttentionWeights.load(mha, under(c), "");
        List<Tensor> all = new ArrayList<>(List.of(q, k, v));
        all.addAll(mha.trainableWeights());
        List<Tensor> g;
        Tensor y;
        try (GradientTape t = new GradientTape()) {
            t.watch(q, k, v);
            y = mha.call(q, v, k, mask, false, false, true).output();
            g = t.gradient(y.mul(fx.get(c + "cot")).sum(), all, null, UnconnectedGradients.ZERO);
        }
        close(y, fx.get(c + "out"), "output");
        close(g.get(0), fx.get(c + "grad.query"), "d query");
        close(g.get(1), fx.get(c + "grad.key"), "d key");
        close(g.get(2), fx.get(c + "grad.value"), "d value");
        List<Tensor> wg = TorchAttentionWeights.multiHeadAttention(mha, under(c + "grad."), "");
        for (int i = 0; i < wg.size(); i++) {
            close(g.get(3 + i), wg.get(i), "d " + mha.trainableWeights().get(i).name());
        }
    }

    @Test
    void multiHeadAttentionCausalWithWeights() {
        String c = "mha_causal.";
        MultiHeadAttention mha = MultiHeadAttention.builder(4, 2).useCausalMask(true).returnAttentionScores(true)
                .build();
        mha.setDtype(DType.FLOAT64);
        Tensor x = fx.get(c + "x");
        mha.callAll(List.of(x, x), false);
        TorchAttentionWeights.load(mha, under(c), "");
        List<Tensor> all = new ArrayList<>(List.of(x));
        all.addAll(mha.trainableWeights());
        List<Tensor> out;
        List<Tensor> g;
        try (GradientTape t = new GradientTape()) {
            t.watch(x);
            out = mha.callAll(List.of(x, x), true);
            g = t.gradient(out.get(0).mul(fx.get(c + "cot")).sum(), all, null, UnconnectedGradients.ZERO);
        }
        close(out.get(0), fx.get(c + "out"), "output");
        close(out.get(1), fx.get(c + "weights"), "attention weights");
        close(g.get(0), fx.get(c + "grad.x"), "d x");
        List<Tensor> wg = TorchAttentionWeights.multiHeadAttention(mha, under(c + "grad."), "");
        for (int i = 0; i < wg.size(); i++) {
            close(g.get(1 + i), wg.get(i), "d " + mha.trainableWeights().get(i).name());
        }
        // The fused path (no scores asked for) gives the same output.
        MultiHeadAttention fused = MultiHeadAttention.builder(4, 2).useCausalMask(true).build();
        fused.setDtype(DType.FLOAT64);
        fused.call(List.of(x, x), false);
        TorchAttentionWeights.load(fused, under(c), "");
        close(fused.call(List.of(x, x), false), fx.get(c + "out"), "fused output");
    }

    private void encoder(String c, boolean normFirst) {
        TransformerEncoder enc = new TransformerEncoder(16, 2, 0, "relu", 1e-5, normFirst, null);
        enc.setDtype(DType.FLOAT64);
        Tensor x = fx.get(c + "x");
        List<Tensor> inputs = fx.containsKey(c + "pad") ? List.of(x, attend(fx.get(c + "pad"))) : List.of(x);
        enc.call(inputs, false);
        TorchAttentionWeights.load(enc, under(c), "");
        List<Tensor> all = new ArrayList<>(List.of(x));
        all.addAll(enc.trainableWeights());
        Tensor y;
        List<Tensor> g;
        try (GradientTape t = new GradientTape()) {
            t.watch(x);
            y = enc.call(inputs, true);
            g = t.gradient(y.mul(fx.get(c + "cot")).sum(), all, null, UnconnectedGradients.ZERO);
        }
        close(y, fx.get(c + "out"), "output");
        close(g.get(0), fx.get(c + "grad.x"), "d x");
        Map<String, Tensor> gs = under(c + "grad.");
        List<Tensor> want = new ArrayList<>(TorchAttentionWeights.multiHeadAttention(enc.attention(), gs, "self_attn."));
        want.add(gs.get("norm1.weight"));
        want.add(gs.get("norm1.bias"));
        want.add(TorchWeights.denseKernel(gs.get("linear1.weight")));
        want.add(gs.get("linear1.bias"));
        want.add(TorchWeights.denseKernel(gs.get("linear2.weight")));
        want.add(gs.get("linear2.bias"));
        want.add(gs.get("norm2.weight"));
        want.add(gs.get("norm2.bias"));
        assertThat(enc.trainableWeights()).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            close(g.get(1 + i), want.get(i), "d " + enc.trainableWeights().get(i).name());
        }
    }

    private void decoder(String c, boolean normFirst) {
        TransformerDecoder dec = new TransformerDecoder(16, 2, 0, "relu", 1e-5, normFirst, null);
        dec.setDtype(DType.FLOAT64);
        Tensor x = fx.get(c + "x");
        Tensor mem = fx.get(c + "mem");
        if (fx.containsKey(c + "pad")) {
            // PyTorch's memory_key_padding_mask, as Keras passes it: a mask carried by the encoder sequence.
            mem = jgrad.nn.layers.recurrent.Masks.attach(mem.mul(1.0), attend(fx.get(c + "pad")));
        }
        List<Tensor> inputs = List.of(x, mem);
        dec.call(inputs, false);
        TorchAttentionWeights.load(dec, under(c), "");
        List<Tensor> all = new ArrayList<>(List.of(x, mem));
        all.addAll(dec.trainableWeights());
        Tensor y;
        List<Tensor> g;
        try (GradientTape t = new GradientTape()) {
            t.watch(x, mem);
            y = dec.call(inputs, true);
            g = t.gradient(y.mul(fx.get(c + "cot")).sum(), all, null, UnconnectedGradients.ZERO);
        }
        close(y, fx.get(c + "out"), "output");
        close(g.get(0), fx.get(c + "grad.x"), "d x");
        close(g.get(1), fx.get(c + "grad.mem"), "d memory");
        Map<String, Tensor> gs = under(c + "grad.");
        List<Tensor> want = new ArrayList<>(TorchAttentionWeights.multiHeadAttention(dec.selfAttention(), gs,
                "self_attn."));
        want.add(gs.get("norm1.weight"));
        want.add(gs.get("norm1.bias"));
        want.addAll(TorchAttentionWeights.multiHeadAttention(dec.crossAttention(), gs, "multihead_attn."));
        want.add(gs.get("norm2.weight"));
        want.add(gs.get("norm2.bias"));
        want.add(TorchWeights.denseKernel(gs.get("linear1.weight")));
        want.add(gs.get("linear1.bias"));
        want.add(TorchWeights.denseKernel(gs.get("linear2.weight")));
        want.add(gs.get("linear2.bias"));
        want.add(gs.get("norm3.weight"));
        want.add(gs.get("norm3.bias"));
        assertThat(dec.trainableWeights()).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            close(g.get(2 + i), want.get(i), "d " + dec.trainableWeights().get(i).name());
        }
    }

    @Test
    void transformerDecoderPostLnCausalWithMemoryPadding() {
        decoder("dec_post.", false);
    }

    @Test
    void transformerDecoderPreLnCausal() {
        decoder("dec_pre.", true);
    }

    @Test
    void transformerEncoderPostLnWithPaddingMask() {
        encoder("enc_post.", false);
    }

    @Test
    void transformerEncoderPreLn() {
        encoder("enc_pre.", true);
    }
}
