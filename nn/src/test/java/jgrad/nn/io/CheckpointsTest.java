package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(9);
    }

    static Sequential model(int hidden) {
        return new Sequential(Input.of(13), new Dense(hidden, "relu"), BatchNormalization.builder().build(),
                new Dense(1));
    }

    static boolean same(List<Tensor> a, List<Tensor> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).contentEquals(b.get(i))) {
                return false;
            }
        }
        return a.size() == b.size();
    }

    @Test
    void weightsRoundTripIntoAFreshModelOfTheSameArchitecture() {
        Sequential a = model(64);
        Path p = dir.resolve("boston.safetensors");
        a.saveWeights(p);
        SafeTensors.Header h = SafeTensors.readHeader(p);
        assertThat(h.entries()).extracting(SafeTensors.Entry::name).containsExactly("dense/kernel", "dense/bias",
                "batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean",
                "batch_normalization/moving_variance", "dense_1/kernel", "dense_1/bias");
        assertThat(h.metadata()).containsEntry("format", "jgrad").containsEntry("model", "sequential");
        Sequential b = model(64);
        assertThat(same(a.getWeights(), b.getWeights())).isFalse();
        b.loadWeights(p);
        assertThat(same(a.getWeights(), b.getWeights())).isTrue();
        Tensor x = Tensor.randomNormal(new Rng(1), 0, 1, 4, 13);
        assertThat(a.predict(x).contentEquals(b.predict(x))).isTrue();
    }

    @Test
    void mismatchesAreReportedWithNamesAndShapesAndChangeNothing() {
        Sequential a = model(64);
        Path p = dir.resolve("a.safetensors");
        a.saveWeights(p);
        Sequential wider = model(128);
        List<Tensor> before = wider.getWeights();
        assertThatThrownBy(() -> wider.loadWeights(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint has dense/kernel [13, 64], the model has dense_2/kernel [13, 128]");
        assertThat(same(before, wider.getWeights())).isTrue();

        Sequential shorter = new Sequential(Input.of(13), new Dense(64, "relu"), new Dense(1));
        assertThatThrownBy(() -> shorter.loadWeights(p))
                .hasMessageContaining("the checkpoint has 8 tensors").hasMessageContaining("has 4 weights");

        Sequential last = new Sequential(Input.of(13), new Dense(64, "relu"), BatchNormalization.builder().build(),
                new Dense(2));
        List<Tensor> lastBefore = last.getWeights();
        assertThatThrownBy(() -> last.loadWeights(p)).hasMessageContaining("checkpoint has dense_1/kernel [64, 1]");
        assertThat(same(lastBefore, last.getWeights())).as("earlier matching tensors were not assigned").isTrue();

        Sequential f64 = new Sequential(Input.of(13), new Dense(64, "relu"), BatchNormalization.builder().build(),
                new Dense(1));
        Path doubles = dir.resolve("d.safetensors");
        Map<String, Tensor> ws = new LinkedHashMap<>();
        for (var v : f64.weights()) {
            ws.put(v.name(), v.value().cast(jgrad.core.DType.FLOAT64));
        }
        SafeTensors.write(doubles, ws, Map.of());
        assertThatThrownBy(() -> f64.loadWeights(doubles)).hasMessageContaining("float64, the model has")
                .hasMessageContaining("float32");
        assertThatThrownBy(() -> new Sequential(new Dense(3)).loadWeights(p)).hasMessageContaining("is not built yet");
        assertThatThrownBy(() -> a.loadWeights(dir.resolve("missing.safetensors")))
                .hasMessageContaining("cannot read");
    }

    @Test
    void matchingByName() {
        Sequential a = model(8);
        Path p = dir.resolve("n.safetensors");
        a.saveWeights(p);
        Checkpoints.loadWeights(a, p, Checkpoints.Match.NAME);
        Sequential other = model(8);
        assertThatThrownBy(() -> Checkpoints.loadWeights(other, p, Checkpoints.Match.NAME))
                .hasMessageContaining("no tensor for [dense_2/kernel");
        Map<String, Tensor> extra = new LinkedHashMap<>(SafeTensors.read(p));
        extra.put("stray", Tensor.ones(1));
        Path q = dir.resolve("extra.safetensors");
        SafeTensors.write(q, extra, Map.of());
        assertThatThrownBy(() -> Checkpoints.loadWeights(a, q, Checkpoints.Match.NAME))
                .hasMessageContaining("tensors [stray] that model 'sequential' does not have");
        Map<String, Tensor> reordered = new LinkedHashMap<>();
        List<String> keys = List.copyOf(SafeTensors.read(p).keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reordered.put(keys.get(i), SafeTensors.read(p).get(keys.get(i)));
        }
        Path r = dir.resolve("reversed.safetensors");
        SafeTensors.write(r, reordered, Map.of());
        Checkpoints.loadWeights(a, r, Checkpoints.Match.NAME);
        assertThat(Files.exists(r)).isTrue();
    }
}
