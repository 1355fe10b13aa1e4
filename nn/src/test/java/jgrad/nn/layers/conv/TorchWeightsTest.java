package jgrad.nn.layers.conv;

import static jgrad.nn.layers.conv.LayerFixtures.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.io.SafeTensors;
import jgrad.nn.io.TorchWeights;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.activation.ReLU;
import jgrad.nn.layers.pooling.MaxPooling2D;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch weights into jgrad's Keras layouts: each conversion entry by entry, and a PyTorch
 * network's safetensors state_dict (Conv2d, grouped Conv2d, BatchNorm2d, depthwise Conv2d,
 * ConvTranspose2d, Linear after flatten) loaded into the same network built from jgrad layers,
 * which then gives PyTorch's output (fixture from {@code scripts/make_conv_layer_fixtures.py}).
 */
class TorchWeightsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(12);
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    @Test
    void convLayoutsMoveTheSpatialAxesFirst() {
        Tensor w = random(1, 5, 3, 2, 4); // torch [out, in, kh, kw]
        Tensor k = TorchWeights.convKernel(w);
        assertThat(k.shape().dims()).containsExactly(2, 4, 3, 5);
        assertThat(k.getDouble(1, 2, 0, 3)).isEqualTo(w.getDouble(3, 0, 1, 2));
        Tensor t = random(2, 6, 3, 2); // torch ConvTranspose1d [in, out, k]
        Tensor kt = TorchWeights.convTransposeKernel(t);
        assertThat(kt.shape().dims()).containsExactly(2, 3, 6);
        assertThat(kt.getDouble(1, 2, 4)).isEqualTo(t.getDouble(4, 2, 1));
        Tensor d = random(3, 6, 1, 3, 3); // torch depthwise, 3 channels x multiplier 2
        Tensor kd = TorchWeights.depthwiseKernel(d, 3);
        assertThat(kd.shape().dims()).containsExactly(3, 3, 3, 2);
        assertThat(kd.getDouble(2, 1, 1, 1)).isEqualTo(d.getDouble(1 * 2 + 1, 0, 2, 1));
        Tensor lin = random(4, 3, 7);
        assertThat(TorchWeights.denseKernel(lin).getDouble(5, 2)).isEqualTo(lin.getDouble(2, 5));
        assertThatThrownBy(() -> TorchWeights.depthwiseKernel(d, 4)).hasMessageContaining("for 4 channels");
        assertThatThrownBy(() -> TorchWeights.convKernel(lin)).hasMessageContaining("rank 3 to 5");
    }

    /** A Linear after flatten reads (C, H, W); reordered, it reads Keras's flattened (H, W, C). */
    @Test
    void reorderFlattenedInputsMatchesFlattenOrders() {
        Tensor w = random(5, 4, 2 * 3 * 3);
        Tensor nchw = random(6, 1, 2, 3, 3);
        Tensor torchOut = nchw.reshape(1, 18).matmul(w.transpose());
        Tensor nhwc = DataFormat.CHANNELS_FIRST.toChannelsLast(nchw).contiguous().reshape(1, 18);
        Tensor kerasOut = nhwc.matmul(TorchWeights.denseKernel(TorchWeights.reorderFlattenedInputs(w, 2, 3, 3)));
        close(kerasOut, torchOut, 1e-12, "flattened linear");
    }

    private static JsonObject torchModel() throws IOException {
        try (InputStream in = Objects.requireNonNull(TorchWeightsTest.class.getResourceAsStream(
                "/fixtures/torch_conv_layers.json"))) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonObject("torch_model");
        }
    }

    /** PyTorch's Net (scripts/make_conv_layer_fixtures.py) written with Keras layers, channels_last. */
    private static Sequential kerasNet() {
        return new Sequential(Input.of(10, 10, 2),
                Conv2D.builder(4, 3).padding("same").activation("relu").name("conv1").build(),
                new MaxPooling2D(2),
                Conv2D.builder(6, 3).groups(2).name("conv2").build(),
                BatchNormalization.builder().epsilon(1e-5).name("bn").build(),
                new ReLU(),
                DepthwiseConv2D.builder(3).depthMultiplier(2).padding("same").name("dw").build(),
                Conv2DTranspose.builder(3, 2).strides(2).name("up").build(),
                new Flatten(),
                Dense.builder(5).name("fc").build());
    }

    @Test
    void aPyTorchStateDictLoadsIntoTheSameNetwork() throws IOException {
        JsonObject m = torchModel();
        Path file = dir.resolve("net.safetensors");
        Files.write(file, Base64.getDecoder().decode(m.get("safetensors_base64").getAsString()));
        Sequential net = kerasNet();
        Map<String, String> names = Map.of("conv1", "conv1", "conv2", "conv2", "bn", "bn", "dw", "dw", "up", "up",
                "fc", "fc");
        // The head follows flatten of NCHW in PyTorch: reorder its inputs for Keras's NHWC Flatten.
        Map<String, Tensor> sd = new HashMap<>(SafeTensors.read(file));
        sd.put("fc.weight", TorchWeights.reorderFlattenedInputs(sd.get("fc.weight"), 3, 6, 6));
        TorchWeights.load(net, sd, names);
        Tensor x = LayerFixtures.cast(LayerFixtures.tensor(m.getAsJsonObject("x_channels_last")), DType.FLOAT32);
        close(net.predict(x), LayerFixtures.tensor(m.getAsJsonObject("output")), 1e-5, "PyTorch Net");
        // Straight from the file, the head is in PyTorch's flatten order: a different (wrong) answer.
        Sequential plain = kerasNet();
        TorchWeights.load(plain, file, names);
        assertThat(plain.predict(x).allClose(net.predict(x), 1e-3, 1e-3)).isFalse();
        close(((Conv2D) plain.getLayer("conv1")).kernel(), ((Conv2D) net.getLayer("conv1")).kernel(), 0, "conv1");
    }

    @Test
    void mistakesAreReportedBeforeAnyWeightChanges() throws IOException {
        JsonObject m = torchModel();
        Map<String, Tensor> sd = SafeTensors.read(Base64.getDecoder().decode(m.get("safetensors_base64").getAsString()),
                "net");
        Sequential net = kerasNet();
        Tensor before = ((Conv2D) net.getLayer("conv1")).kernel().value();
        assertThatThrownBy(() -> TorchWeights.load(net, sd, Map.of("conv1", "conv1", "conv2", "conv1")))
                .hasMessageContaining("'conv1.weight' converted to Keras's layout is [3, 3, 2, 4]")
                .hasMessageContaining("'conv2/kernel' of layer 'conv2' (Conv2D) is [3, 3, 2, 6]");
        assertThat(((Conv2D) net.getLayer("conv1")).kernel().contentEquals(before)).isTrue();
        assertThatThrownBy(() -> TorchWeights.load(net, sd, Map.of("conv1", "features.0")))
                .hasMessageContaining("no 'features.0.weight' for layer 'conv1'");
        assertThatThrownBy(() -> TorchWeights.load(net, sd, Map.of("flatten", "fc")))
                .hasMessageContaining("(Flatten) has no PyTorch conversion");
        assertThatThrownBy(() -> TorchWeights.load(net, sd, Map.of("up", "conv2")))
                .hasMessageContaining("'conv2.weight' converted to Keras's layout is [3, 3, 2, 6]")
                .hasMessageContaining("'up/kernel' of layer 'up' (Conv2DTranspose) is [2, 2, 3, 12]");
        Sequential unbuilt = new Sequential(new Dense(5));
        assertThatThrownBy(() -> TorchWeights.load(unbuilt, sd, Map.of("dense", "fc")))
                .hasMessageContaining("layer 'dense' is not built");
    }
}
