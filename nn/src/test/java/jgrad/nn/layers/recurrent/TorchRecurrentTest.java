package jgrad.nn.layers.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.io.TorchRecurrentWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LSTM, GRU (both reset_after settings), SimpleRNN and Bidirectional against PyTorch with
 * identical weights, float64: outputs and final states (return_state), and the gradients of the
 * input, the initial states and every weight, with masks and go_backwards. The layers are rebuilt
 * from Keras configs through LayerRegistry; where the fixture has PyTorch's own tensors,
 * TorchRecurrentWeights must turn them into the Keras-layout weights. Values from
 * {@code scripts/make_rnn_fixtures.py}.
 */
class TorchRecurrentTest {
    private static final double TOL = 1e-11;

    static Stream<JsonObject> cases() throws IOException {
        try (InputStream in = TorchRecurrentTest.class.getResourceAsStream("/fixtures/torch_rnn.json")) {
            assertThat(in).as("fixture torch_rnn.json").isNotNull();
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                out.add(e.getAsJsonObject());
            }
            assertThat(out).hasSizeGreaterThanOrEqualTo(14);
            return out.stream();
        }
    }

    static Tensor tensor(JsonObject o) {
        JsonArray shape = o.getAsJsonArray("shape");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).getAsInt();
        }
        JsonArray data = o.getAsJsonArray("data");
        if (data.size() > 0 && data.get(0).getAsJsonPrimitive().isBoolean()) {
            boolean[] b = new boolean[data.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = data.get(i).getAsBoolean();
            }
            return Tensor.fromFlat(b, s);
        }
        double[] d = new double[data.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = data.get(i).getAsDouble();
        }
        return Tensor.fromFlat(d, s);
    }

    static List<Tensor> tensors(JsonArray a) {
        List<Tensor> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(tensor(e.getAsJsonObject()));
        }
        return out;
    }

    static void close(Tensor got, Tensor want, String what) {
        assertThat(got.shape()).as(what + " shape").isEqualTo(want.shape());
        double[] g = got.toDoubleArray();
        double[] w = want.toDoubleArray();
        double scale = 1;
        for (double v : w) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < g.length; i++) {
            assertThat(Math.abs(g[i] - w[i])).as(what + " entry " + i + ": " + g[i] + " vs torch " + w[i])
                    .isLessThanOrEqualTo(TOL * scale);
        }
    }

    @SuppressWarnings("unchecked")
    private static Layer layer(JsonObject c) {
        Map<String, Object> config = new com.google.gson.Gson().fromJson(c.getAsJsonObject("config"), Map.class);
        Layer l = LayerRegistry.create(c.get("layer").getAsString(), config);
        l.setDtype(DType.FLOAT64);
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonObject c) {
        String name = c.get("name").getAsString();
        Layer layer = layer(c);
        Tensor x = tensor(c.getAsJsonObject("x"));
        List<Tensor> init = tensors(c.getAsJsonArray("initial_state"));
        Tensor mask = c.has("mask") ? tensor(c.getAsJsonObject("mask")) : null;
        layer.callAll(List.of(x), false);
        List<Tensor> weights = tensors(c.getAsJsonArray("weights"));
        if (c.has("torch_weights")) {
            List<Tensor> converted = new ArrayList<>();
            for (JsonElement e : c.getAsJsonArray("torch_weights")) {
                JsonObject tw = e.getAsJsonObject();
                Tensor wi = tensor(tw.getAsJsonObject("weight_ih"));
                Tensor wh = tensor(tw.getAsJsonObject("weight_hh"));
                Tensor bi = tensor(tw.getAsJsonObject("bias_ih"));
                Tensor bh = tensor(tw.getAsJsonObject("bias_hh"));
                String kind = c.get("layer").getAsString().equals("Bidirectional")
                        ? c.getAsJsonObject("config").getAsJsonObject("layer").get("class_name").getAsString()
                        : c.get("layer").getAsString();
                converted.addAll(switch (kind) {
                    case "LSTM" -> TorchRecurrentWeights.lstm(wi, wh, bi, bh);
                    case "GRU" -> TorchRecurrentWeights.gru(wi, wh, bi, bh);
                    default -> TorchRecurrentWeights.simpleRnn(wi, wh, bi, bh);
                });
            }
            assertThat(converted).hasSameSizeAs(weights);
            for (int i = 0; i < weights.size(); i++) {
                close(converted.get(i), weights.get(i), name + " TorchRecurrentWeights weight " + i);
            }
        }
        layer.setWeights(weights);
        List<Tensor> cots = tensors(c.getAsJsonArray("cotangents"));
        List<Tensor> outs;
        List<Tensor> grads;
        List<Tensor> sources = new ArrayList<>();
        sources.add(x);
        sources.addAll(init);
        List<Variable> vars = layer.weights();
        sources.addAll(vars);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            for (Tensor s : init) {
                tape.watch(s);
            }
            outs = layer instanceof Bidirectional b ? b.call(x, mask, init, false)
                    : ((RNN) layer).call(x, mask, init, false);
            Tensor loss = null;
            for (int i = 0; i < outs.size(); i++) {
                Tensor term = outs.get(i).mul(cots.get(i)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            grads = tape.gradient(loss, sources, null, UnconnectedGradients.ZERO);
        }
        List<Tensor> want = tensors(c.getAsJsonArray("outputs"));
        assertThat(outs).as(name + " number of outputs").hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            close(outs.get(i), want.get(i), name + (i == 0 ? " output" : " state " + (i - 1)));
        }
        JsonObject g = c.getAsJsonObject("grads");
        close(grads.get(0), tensor(g.getAsJsonObject("x")), name + " d x");
        List<Tensor> gi = tensors(g.getAsJsonArray("initial_state"));
        for (int i = 0; i < gi.size(); i++) {
            close(grads.get(1 + i), gi.get(i), name + " d initial_state[" + i + "]");
        }
        List<Tensor> gw = tensors(g.getAsJsonArray("weights"));
        assertThat(vars).hasSameSizeAs(gw);
        for (int i = 0; i < gw.size(); i++) {
            close(grads.get(1 + init.size() + i), gw.get(i), name + " d " + vars.get(i).name());
        }
    }

    /** A state dict saved as safetensors (names as torch's state_dict, _reverse for the backward direction). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAPyTorchStateDictFromSafetensors(JsonObject c, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        if (!c.has("torch_weights")) {
            return;
        }
        Layer layer = layer(c);
        layer.callAll(List.of(tensor(c.getAsJsonObject("x"))), false);
        Map<String, Tensor> sd = new java.util.LinkedHashMap<>();
        JsonArray tws = c.getAsJsonArray("torch_weights");
        for (int d = 0; d < tws.size(); d++) {
            JsonObject tw = tws.get(d).getAsJsonObject();
            String suffix = d == 0 ? "" : "_reverse";
            for (String k : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
                sd.put("rnn." + k + "_l0" + suffix, tensor(tw.getAsJsonObject(k)));
            }
        }
        java.nio.file.Path file = dir.resolve("state.safetensors");
        jgrad.nn.io.SafeTensors.write(file, sd, Map.of());
        TorchRecurrentWeights.load(layer, file, "rnn.", 0);
        List<Tensor> want = tensors(c.getAsJsonArray("weights"));
        List<Tensor> got = layer.getWeights();
        for (int i = 0; i < want.size(); i++) {
            close(got.get(i), want.get(i), c.get("name").getAsString() + " loaded weight " + i);
        }
    }
}
