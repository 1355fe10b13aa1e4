package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Activation;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Concatenate;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.Lambda;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.Reshape;
import jgrad.nn.regularizers.L2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    /** A user layer that can be saved once registered. */
    static final class Shift extends Layer {
        private final double by;
        private Variable offset;

        Shift(double by, String name) {
            super(name);
            this.by = by;
        }

        @Override
        protected void build(Shape inputShape) {
            offset = addWeight("offset", Shape.of(inputShape.get(-1)), Initializers.constant(by));
        }

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            return x.add(offset);
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = super.config();
            m.put("by", by);
            return m;
        }
    }

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(4);
    }

    @Test
    void sequentialRoundTripsWithoutItsCode() {
        Sequential m = new Sequential(Input.of(4, 3), new Flatten(), Dense.builder(8).activation("relu")
                .kernelRegularizer(new L2(0.01)).kernelInitializer("he_normal").build(),
                BatchNormalization.builder().momentum(0.9).build(), new Dropout(0.2, 1L, null), new Reshape(2, 4),
                new LayerNormalization(), new Flatten(), new Activation("tanh"), new Dense(1));
        m.getLayer(1).setTrainable(false);
        m.call(Tensor.randomNormal(new Rng(2), 0, 1, 8, 4, 3), true);
        Path p = dir.resolve("model.jgrad");
        m.save(p);
        Model back = Model.load(p);
        assertThat(back).isInstanceOf(Sequential.class);
        assertThat(back.summaryString()).isEqualTo(m.summaryString());
        Tensor x = Tensor.randomNormal(new Rng(3), 0, 1, 5, 4, 3);
        assertThat(back.predict(x).contentEquals(m.predict(x))).isTrue();
        assertThat(back.getLayer(1).isTrainable()).isFalse();
        assertThat(back.losses()).hasSize(1);
        assertThat(back.toJson()).isEqualTo(m.toJson());
    }

    @Test
    void functionalGraphWithSharedAndNestedLayersRoundTrips() {
        SymbolicTensor a = Input.named("a", 4);
        SymbolicTensor b = Input.named("b", 4);
        Dense shared = new Dense(4, "relu");
        SymbolicTensor in = Input.of(4);
        Model inner = Model.of(in, new Dense(4).call(in), "inner");
        SymbolicTensor s = new Add().call(shared.call(a), shared.call(b));
        SymbolicTensor out = new Concatenate().call(inner.call(s), a);
        Model m = Model.of(List.of(a, b), List.of(out, new Dense(2, "softmax").call(s)));
        Path p = dir.resolve("graph.jgrad");
        m.save(p);
        Model back = Model.load(p);
        assertThat(back.summaryString()).isEqualTo(m.summaryString());
        Tensor xa = Tensor.randomNormal(new Rng(5), 0, 1, 3, 4);
        Tensor xb = Tensor.randomNormal(new Rng(6), 0, 1, 3, 4);
        List<Tensor> want = m.predictAll(List.of(xa, xb), 32);
        List<Tensor> got = back.predictAll(List.of(xa, xb), 32);
        assertThat(got.get(0).contentEquals(want.get(0))).isTrue();
        assertThat(got.get(1).contentEquals(want.get(1))).isTrue();
    }

    @Test
    void customLayersNeedRegistration() {
        Sequential m = new Sequential(Input.of(2), new Shift(1.5, "shift"));
        Path p = dir.resolve("custom.jgrad");
        m.save(p);
        LayerRegistry.register("Unused", c -> new Dense(1));
        String removedName = "Shift";
        if (!LayerRegistry.isRegistered(removedName)) {
            assertThatThrownBy(() -> Model.load(p)).hasMessageContaining("unknown layer class 'Shift'")
                    .hasMessageContaining("LayerRegistry.register(\"Shift\"");
        }
        LayerRegistry.register("Shift", c -> new Shift(((Number) c.get("by")).doubleValue(), (String) c.get("name")));
        Model back = Model.load(p);
        assertThat(back.call(Tensor.zeros(1, 2)).toFloatArray()).containsExactly(1.5f, 1.5f);
    }

    @Test
    void modelsHoldingCodeCannotBeSavedAndNothingIsWritten() {
        Sequential m = new Sequential(Input.of(2), new Lambda(x -> x.mul(2)));
        Path p = dir.resolve("lambda.jgrad");
        assertThatThrownBy(() -> m.save(p)).hasMessageContaining("(Lambda) holds Java code");
        assertThat(Files.exists(p)).isFalse();
        Sequential custom = new Sequential(Input.of(2), new Dense(2, x -> x.mul(3)));
        assertThatThrownBy(() -> custom.save(p)).hasMessageContaining("custom activation");
        Model sub = new Model("sub") {
            final Dense d = addSublayer(new Dense(1));

            @Override
            protected Tensor forward(Tensor x, boolean training) {
                return d.call(x, training);
            }
        };
        sub.call(Tensor.ones(1, 2));
        assertThatThrownBy(() -> sub.save(p)).hasMessageContaining("subclassed model");
        sub.saveWeights(dir.resolve("sub.safetensors"));
        assertThat(Files.exists(dir.resolve("sub.safetensors"))).isTrue();
    }

    @Test
    void badFilesAreRefusedClearly() throws IOException {
        Path notZip = dir.resolve("plain.jgrad");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> Model.load(notZip)).hasMessageContaining("missing config.json");
        Path weightsOnly = dir.resolve("w.safetensors");
        Sequential m = new Sequential(Input.of(2), new Dense(1));
        m.saveWeights(weightsOnly);
        assertThatThrownBy(() -> Model.load(weightsOnly)).hasMessageContaining("not a jgrad model file");
        Path wrongVersion = dir.resolve("v.jgrad");
        zip(wrongVersion, "{\"format\": \"jgrad-model\", \"version\": 99, \"model\": {}}", new byte[8]);
        assertThatThrownBy(() -> Model.load(wrongVersion)).hasMessageContaining("version 99");
        Path wrongFormat = dir.resolve("f.jgrad");
        zip(wrongFormat, "{\"format\": \"keras\"}", new byte[8]);
        assertThatThrownBy(() -> Model.load(wrongFormat)).hasMessageContaining("not a jgrad model config");
        Path brokenWeights = dir.resolve("b.jgrad");
        zip(brokenWeights, "{\"format\": \"jgrad-model\", \"version\": 1, \"model\": " + m.toJson() + "}",
                new byte[] {1, 2});
        assertThatThrownBy(() -> Model.load(brokenWeights)).hasMessageContaining("model.safetensors")
                .hasMessageContaining("shorter than the 8-byte header");
        assertThatThrownBy(() -> Model.load(dir.resolve("nothing.jgrad"))).hasMessageContaining("does not exist");
    }

    private static void zip(Path p, String config, byte[] weights) throws IOException {
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(ModelFiles.CONFIG));
            z.write(config.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(ModelFiles.WEIGHTS));
            z.write(weights);
            z.closeEntry();
        }
    }
}
