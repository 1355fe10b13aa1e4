package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        assertThatThrownBy(() -> Model.load(dir.resolve("nothing.jgrad")))
                .hasMessage("cannot read " + dir.resolve("nothing.jgrad") + ": no such file");
        assertThatThrownBy(() -> Model.load(notZip.resolve("m.jgrad")))
                .hasMessage("cannot read " + notZip.resolve("m.jgrad") + ": " + notZip + " is a file, not a folder");
        assertThatThrownBy(() -> Model.load(weightsOnly)).hasMessageContaining("this is a safetensors weights file")
                .hasMessageContaining("model.loadWeights(path)");
    }

    /** The bytes of a model file whose weights entry is {@code weights} (stored as given). */
    private static String configOf(Model m) {
        return "{\"format\": \"jgrad-model\", \"version\": 1, \"model\": " + m.toJson() + "}";
    }

    /**
     * Rewrites the uncompressed size that the zip's central directory declares for {@code entry}
     * (what ZipFile reports), as a crafted file would.
     */
    private static void declareSize(Path zip, String entry, long size) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = b.length - 22;
        while (buf.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        int pos = buf.getInt(eocd + 16);
        int count = buf.getShort(eocd + 10) & 0xffff;
        for (int i = 0; i < count; i++) {
            int nameLen = buf.getShort(pos + 28) & 0xffff;
            String name = new String(b, pos + 46, nameLen, StandardCharsets.UTF_8);
            if (name.equals(entry)) {
                buf.putInt(pos + 24, (int) size);
            }
            pos += 46 + nameLen + (buf.getShort(pos + 30) & 0xffff) + (buf.getShort(pos + 32) & 0xffff);
        }
        Files.write(zip, b);
    }

    @Test
    void aConfigDeclaringHugeLayersFailsBeforeAllocatingThem() throws IOException {
        // 1 KB of config declaring Dense(40000) on 40,000 inputs (6.4 GB of kernel) beside 12 floats of weights.
        Sequential small = new Sequential(Input.of(2), new Dense(4));
        Path weights = dir.resolve("w.safetensors");
        small.saveWeights(weights);
        String config = configOf(small).replaceAll("\"units\": 4", "\"units\": 40000")
                .replaceAll("\\[\\s*2\\s*\\]", "[40000]");
        assertThat(config).contains("40000").doesNotContain("\"units\": 4,");
        Path crafted = dir.resolve("huge-config.jgrad");
        zip(crafted, config, Files.readAllBytes(weights));
        assertThat(Files.size(crafted)).isLessThan(4096);
        assertThatThrownBy(() -> Model.load(crafted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(crafted + "!/model.safetensors: the config declares weight dense/kernel"
                        + " [40000, 40000] (6400000000 bytes")
                .hasMessageContaining("holds only 48 bytes of tensors");
    }

    @Test
    void aConfigDeclaringAHugeInputFailsBeforeTracingIt() throws IOException {
        // No weight to account for it: building would trace one zero sample of 40,000 x 40,000 floats.
        Sequential small = new Sequential(Input.of(2, 2), new Activation("relu"));
        String config = configOf(small).replaceAll("\\[\\s*2,\\s*2\\s*\\]", "[40000, 40000]");
        assertThat(config).contains("40000");
        Path crafted = dir.resolve("huge-input.jgrad");
        Path weights = dir.resolve("none.safetensors");
        small.saveWeights(weights);
        zip(crafted, config, Files.readAllBytes(weights));
        assertThatThrownBy(() -> Model.load(crafted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the config declares input 'input_1' of shape [40000, 40000] per sample"
                        + " (6400000000 bytes)");
    }

    @Test
    void aWeightsEntryThatInflatesHugelyIsRefusedFromItsTableWithoutReadingIt() throws IOException {
        // A tensor table declaring 64 MB of zeros (64 KB once deflated) for a model of 12 floats.
        Sequential small = new Sequential(Input.of(2), new Dense(4));
        Path bomb = dir.resolve("bomb.jgrad");
        Map<String, Tensor> big = new java.util.LinkedHashMap<>();
        big.put("dense/kernel", Tensor.zeros(4096, 4096));
        big.put("dense/bias", Tensor.zeros(4));
        java.io.ByteArrayOutputStream st = new java.io.ByteArrayOutputStream();
        SafeTensors.write(st, big, Map.of());
        zip(bomb, configOf(small), st.toByteArray());
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThatThrownBy(() -> Model.load(bomb))
                .hasMessageContaining("different shape or dtype (1): [dense/kernel: the file has [4096, 4096], the"
                        + " model [2, 4]]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("OutOfMemory"));
        // Even where the config matches, the entry cannot claim more than deflate can produce ...
        Path liar = dir.resolve("liar.jgrad");
        Path w = dir.resolve("small.safetensors");
        small.saveWeights(w);
        zip(liar, configOf(small), Files.readAllBytes(w));
        declareSize(liar, ModelFiles.WEIGHTS, 4_000_000_000L);
        assertThatThrownBy(() -> Model.load(liar)).hasMessageContaining("entry model.safetensors declares 4000000000"
                + " bytes from").hasMessageContaining("more than deflate can produce");
        // ... nor inflate past what it declares.
        byte[] real = Files.readAllBytes(w);
        byte[] padded = java.util.Arrays.copyOf(real, real.length + (1 << 20));
        Path longer = dir.resolve("longer.jgrad");
        zip(longer, configOf(small), padded);
        declareSize(longer, ModelFiles.WEIGHTS, real.length);
        assertThatThrownBy(() -> Model.load(longer)).hasMessageContaining("holds more than the " + real.length
                + " bytes its zip directory declares");
    }

    @Test
    void duplicateEntriesAreReportedAsDuplicates() throws IOException {
        Sequential small = new Sequential(Input.of(2), new Dense(1));
        Path w = dir.resolve("w.safetensors");
        small.saveWeights(w);
        Path p = dir.resolve("dup.jgrad");
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of(ModelFiles.CONFIG, "config.jsoN", ModelFiles.WEIGHTS)) {
                z.putNextEntry(new ZipEntry(name));
                z.write(name.equals(ModelFiles.WEIGHTS) ? Files.readAllBytes(w)
                        : configOf(small).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        // Rename the second entry to config.json in both headers: a zip writer would refuse to.
        byte[] b = Files.readAllBytes(p);
        byte[] from = "config.jsoN".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + from.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
                b[i + from.length - 1] = 'n';
            }
        }
        Files.write(p, b);
        assertThatThrownBy(() -> Model.load(p)).hasMessageContaining("entry config.json appears twice (duplicate");
    }

    @Test
    void aTrainedModelCarriesItsTrainingStateAndAFreshOneDoesNot() throws IOException {
        Sequential m = new Sequential(Input.of(2), new Dense(1));
        Path fresh = dir.resolve("fresh.jgrad");
        m.save(fresh);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(fresh.toFile())) {
            assertThat(z.getEntry(ModelFiles.TRAINING)).isNull();
        }
        m.compile(new jgrad.nn.optimizers.Adam(0.1), "mse");
        m.fit(Tensor.ones(8, 2), Tensor.ones(8, 1), jgrad.nn.FitOptions.builder().epochs(2).batchSize(4).verbose(0)
                .build());
        Path trained = dir.resolve("trained.jgrad");
        m.save(trained);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(trained.toFile())) {
            String t = new String(z.getInputStream(z.getEntry(ModelFiles.TRAINING)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(t).contains("\"epoch\": 2").contains("\"optimizer_class\": \"jgrad.nn.optimizers.Adam\"");
        }
        Path again = dir.resolve("again.jgrad");
        Model.load(trained).save(again); // saved again before any compile: the state stays
        Model back = Model.load(again);
        back.compile(new jgrad.nn.optimizers.Adam(0.1), "mse");
        assertThat(back.optimizer().iterations()).isEqualTo(4);
        assertThat(back.trainingProgress().epoch()).isEqualTo(2);
        Model other = Model.load(trained);
        other.compile(new jgrad.nn.optimizers.SGD(0.1), "mse");
        assertThat(other.optimizer().iterations()).as("another optimizer class starts fresh").isZero();
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
