package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jgrad.core.DType;
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
        Layer.resetNames(); // as in a new run: the same code gives the same layer names
        Sequential b = model(64);
        assertThat(same(a.getWeights(), b.getWeights())).isFalse();
        b.loadWeights(p);
        assertThat(same(a.getWeights(), b.getWeights())).isTrue();
        Tensor x = Tensor.randomNormal(new Rng(1), 0, 1, 4, 13);
        assertThat(a.predict(x).contentEquals(b.predict(x))).isTrue();
    }

    @Test
    void aFileWrittenInSortedOrderLoadsByNameNotByPosition() {
        // The reference Python writer sorts names, so beta comes before gamma in the file; loading by
        // position used to give gamma = 10, beta = 2.
        Sequential m = new Sequential(Input.of(3), BatchNormalization.builder().build());
        Map<String, Tensor> sorted = new TreeMap<>();
        sorted.put("batch_normalization/gamma", Tensor.full(DType.FLOAT32, 2, 3));
        sorted.put("batch_normalization/beta", Tensor.full(DType.FLOAT32, 10, 3));
        sorted.put("batch_normalization/moving_mean", Tensor.full(DType.FLOAT32, 0.5, 3));
        sorted.put("batch_normalization/moving_variance", Tensor.full(DType.FLOAT32, 4, 3));
        Path p = dir.resolve("sorted.safetensors");
        SafeTensors.write(p, sorted, Map.of());
        assertThat(SafeTensors.readHeader(p).entries()).extracting(SafeTensors.Entry::name).startsWith(
                "batch_normalization/beta", "batch_normalization/gamma");
        m.loadWeights(p);
        BatchNormalization bn = (BatchNormalization) m.getLayer(0);
        Map<String, float[]> byName = new LinkedHashMap<>();
        for (var v : bn.weights()) {
            byName.put(v.name(), v.value().toFloatArray());
        }
        assertThat(byName.get("batch_normalization/gamma")).containsExactly(2f, 2f, 2f);
        assertThat(byName.get("batch_normalization/beta")).containsExactly(10f, 10f, 10f);
        assertThat(byName.get("batch_normalization/moving_variance")).containsExactly(4f, 4f, 4f);
        // x = 0.5 (the moving mean) normalizes to 0 in inference: the output is beta.
        assertThat(m.predict(Tensor.full(DType.FLOAT32, 0.5, 1, 3)).toFloatArray()).containsExactly(10f, 10f, 10f);
        // Position only when asked, and then the file's order rules (the hazard the default avoids).
        m.loadWeights(p, Checkpoints.Match.ORDER);
        assertThat(bn.weights().get(0).value().toFloatArray()).containsExactly(10f, 10f, 10f);
    }

    @Test
    void everyMissingUnexpectedAndMisshapedNameIsReportedInOneErrorAndNothingChanges() {
        Sequential a = model(64);
        Path p = dir.resolve("a.safetensors");
        a.saveWeights(p);
        Layer.resetNames();
        Sequential wider = model(128);
        List<Tensor> before = wider.getWeights();
        assertThatThrownBy(() -> wider.loadWeights(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the weights do not match model 'sequential' by name")
                .hasMessageContaining("different shape or dtype (7): [dense/kernel: the file has [13, 64], the model"
                        + " [13, 128], dense/bias: the file has [64], the model [128]")
                .hasMessageNotContaining("missing").hasMessageNotContaining("unexpected");
        assertThat(same(before, wider.getWeights())).isTrue();

        Layer.resetNames();
        Sequential other = new Sequential(Input.of(13), new Dense(64, "relu"), new Dense(1),
                new Dense(3, "softmax"));
        List<Tensor> otherBefore = other.getWeights();
        assertThatThrownBy(() -> other.loadWeights(p))
                .hasMessageContaining("missing from the file (2): [dense_2/kernel [1, 3], dense_2/bias [3]]")
                .hasMessageContaining("unexpected in the file (4): [batch_normalization/gamma [64],")
                .hasMessageNotContaining("different shape");
        assertThat(same(otherBefore, other.getWeights())).as("matching tensors were not assigned either").isTrue();

        Layer.resetNames();
        Sequential f64 = model(64);
        Path doubles = dir.resolve("d.safetensors");
        Map<String, Tensor> ws = new LinkedHashMap<>();
        for (var v : f64.weights()) {
            ws.put(v.name(), v.value().cast(jgrad.core.DType.FLOAT64));
        }
        SafeTensors.write(doubles, ws, Map.of());
        assertThatThrownBy(() -> f64.loadWeights(doubles)).hasMessageContaining("[13, 64] float64, the model [13, 64]"
                + " float32");
        assertThatThrownBy(() -> new Sequential(new Dense(3)).loadWeights(p)).hasMessageContaining("is not built yet");
        assertThatThrownBy(() -> a.loadWeights(dir.resolve("missing.safetensors")))
                .hasMessage("cannot read " + dir.resolve("missing.safetensors") + ": no such file");
    }

    @Test
    void anotherRunsLayerNamesLoadByPositionWhenAskedAndTheErrorSaysHow() {
        Sequential a = model(8);
        Path p = dir.resolve("n.safetensors");
        a.saveWeights(p);
        Sequential other = model(8); // same JVM, no reset: dense_2, batch_normalization_1, dense_3
        assertThatThrownBy(() -> other.loadWeights(p))
                .hasMessageContaining("missing from the file (8): [dense_2/kernel [13, 8]")
                .hasMessageContaining("unexpected in the file (8): [dense/kernel [13, 8]")
                .hasMessageContaining("Checkpoints.Match.ORDER");
        other.loadWeights(p, Checkpoints.Match.ORDER);
        assertThat(same(a.getWeights(), other.getWeights())).isTrue();
        Sequential shorter = new Sequential(Input.of(13), new Dense(8, "relu"), new Dense(1));
        assertThatThrownBy(() -> shorter.loadWeights(p, Checkpoints.Match.ORDER))
                .hasMessageContaining("the checkpoint has 8 tensors").hasMessageContaining("has 4 weights");
        Sequential last = new Sequential(Input.of(13), new Dense(8, "relu"), BatchNormalization.builder().build(),
                new Dense(2));
        assertThatThrownBy(() -> last.loadWeights(p, Checkpoints.Match.ORDER))
                .hasMessageContaining("checkpoint has dense_1/kernel [8, 1]");
    }

    @Test
    void extraTensorsAreUnexpectedAndAnyOrderLoads() {
        Sequential a = model(8);
        Path p = dir.resolve("n.safetensors");
        a.saveWeights(p);
        Map<String, Tensor> extra = new LinkedHashMap<>(SafeTensors.read(p));
        extra.put("stray", Tensor.ones(1));
        Path q = dir.resolve("extra.safetensors");
        SafeTensors.write(q, extra, Map.of());
        assertThatThrownBy(() -> a.loadWeights(q)).hasMessageContaining("unexpected in the file (1): [stray [1]]")
                .hasMessageNotContaining("missing");
        Map<String, Tensor> reordered = new LinkedHashMap<>();
        Map<String, Tensor> all = SafeTensors.read(p);
        List<String> keys = List.copyOf(all.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reordered.put(keys.get(i), all.get(keys.get(i)).mul(2));
        }
        Path r = dir.resolve("reversed.safetensors");
        SafeTensors.write(r, reordered, Map.of());
        a.loadWeights(r);
        assertThat(a.weights().get(0).value().contentEquals(all.get("dense/kernel").mul(2))).isTrue();
    }
}
