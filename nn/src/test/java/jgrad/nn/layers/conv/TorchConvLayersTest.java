package jgrad.nn.layers.conv;

import static jgrad.nn.layers.conv.LayerFixtures.cast;
import static jgrad.nn.layers.conv.LayerFixtures.close;
import static jgrad.nn.layers.conv.LayerFixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.io.LayerRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution, transposed convolution, pooling and upsampling layer against PyTorch with
 * identical weights: outputs and the gradients of the input and of every weight, float64 to
 * 1e-10 (relative to the largest entry), float32 forward to 1e-4, on contiguous inputs and on
 * non-contiguous views of them. The layers are rebuilt from their Keras configs through
 * LayerRegistry. Values from {@code scripts/make_conv_layer_fixtures.py}.
 */
class TorchConvLayersTest {
    private static final String FIXTURE = "/fixtures/torch_conv_layers.json";

    static Stream<JsonObject> cases() {
        List<JsonObject> all = LayerFixtures.cases(FIXTURE);
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchInFloat64(JsonObject c) {
        run(c, false);
        if (c.get("noncontiguous").getAsBoolean()) {
            run(c, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchInFloat32(JsonObject c) {
        Layer layer = layer(c, DType.FLOAT32);
        Tensor x = cast(tensor(c.getAsJsonObject("x")), DType.FLOAT32);
        Tensor y = layer.call(x);
        close(y, tensor(c.getAsJsonObject("output")), 1e-4, c.get("name").getAsString() + " float32 output");
    }

    private static void run(JsonObject c, boolean view) {
        String what = c.get("name").getAsString() + (view ? " (non-contiguous input)" : "");
        Layer layer = layer(c, DType.FLOAT64);
        Tensor x = tensor(c.getAsJsonObject("x"));
        if (view) {
            x = LayerFixtures.nonContiguous(x);
        }
        JsonObject ws = c.getAsJsonObject("weights");
        List<Tensor> sources = new ArrayList<>();
        sources.add(x);
        for (String n : ws.keySet()) {
            sources.add(LayerFixtures.weight(layer, n));
        }
        assertThat(layer.weights()).as(what + ": the layer's weights are the fixture's").hasSize(ws.size());
        Tensor cot = tensor(c.getAsJsonObject("cotangent"));
        Tensor y;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            y = layer.call(x);
            grads = tape.gradient(y, sources, cot, UnconnectedGradients.ZERO);
        }
        close(y, tensor(c.getAsJsonObject("output")), 1e-10, what + " output");
        JsonObject g = c.getAsJsonObject("grads");
        close(grads.get(0), tensor(g.getAsJsonObject("x")), 1e-10, what + " d input");
        int i = 1;
        for (String n : ws.keySet()) {
            close(grads.get(i++), tensor(g.getAsJsonObject(n)), 1e-10, what + " d " + n);
        }
    }

    /** The layer from its Keras config, built, with the fixture's weights. */
    private static Layer layer(JsonObject c, DType dtype) {
        Layer layer = LayerRegistry.create(c.get("layer").getAsString(), LayerFixtures.map(c.getAsJsonObject("config")));
        layer.setDtype(dtype);
        Tensor x = cast(tensor(c.getAsJsonObject("x")), dtype);
        layer.call(x);
        JsonObject ws = c.getAsJsonObject("weights");
        for (String n : ws.keySet()) {
            Variable v = LayerFixtures.weight(layer, n);
            v.assign(cast(tensor(ws.getAsJsonObject(n)), dtype));
        }
        return layer;
    }
}
