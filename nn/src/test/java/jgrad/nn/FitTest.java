package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.BinaryCrossentropy;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FitTest {
    static final Tensor XOR_X = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final Tensor XOR_Y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(3);
    }

    @Test
    void xorWithAdamReachesFullAccuracy() {
        Sequential model = new Sequential(Input.of(2), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), new BinaryCrossentropy(), Metric.get("accuracy"));
        History h = model.fit(XOR_X, XOR_Y, FitOptions.builder().epochs(300).batchSize(4).verbose(0).seed(1).build());
        assertThat(h.epochs()).hasSize(300);
        assertThat(h.last("accuracy")).isEqualTo(1.0);
        assertThat(h.last("loss")).isLessThan(h.get("loss").get(0));
        Map<String, Double> eval = model.evaluate(XOR_X, XOR_Y);
        assertThat(eval).containsKeys("loss", "accuracy");
        assertThat(eval.get("accuracy")).isEqualTo(1.0);
        Tensor p = model.predict(XOR_X);
        assertThat(p.round().toFloatArray()).containsExactly(0f, 1f, 1f, 0f);
    }

    @Test
    void xorWithTheNotesKerasSetupSgdLearningRateOneBatchOne() {
        // A 2-2-1 sigmoid net falls into XOR's local minimum (loss ~0.42) from about half of all
        // starts, in Keras too; this seed is one that converges.
        Rng.setGlobalSeed(1);
        Sequential model = new Sequential(Input.of(2), new Dense(2, "sigmoid"), new Dense(1, "sigmoid"));
        model.compile(new SGD(1.0), "binary_crossentropy", "accuracy");
        History h = model.fit(XOR_X, XOR_Y, FitOptions.builder().epochs(500).batchSize(1).verbose(0).seed(1).build());
        assertThat(h.last("loss")).isLessThan(0.05);
        assertThat(h.last("accuracy")).isEqualTo(1.0);
    }

    @Test
    void progressLineLooksLikeKeras() {
        Sequential model = new Sequential(Input.of(2), new Dense(1, "sigmoid"));
        model.compile("sgd", "binary_crossentropy", "accuracy");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Tensor x = Tensor.randomNormal(new Rng(1), 0, 1, 64, 2);
        Tensor y = x.slice(1, 0, 1).greater(0).cast(jgrad.core.DType.FLOAT32);
        model.fit(x, y, FitOptions.builder().epochs(2).batchSize(32).validationSplit(0.25).output(out).build());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Epoch 1/2\n").contains("Epoch 2/2\n");
        assertThat(text).containsPattern(
                "2/2 \\[==============================\\] - \\d+s \\d+(ms|us|s)/step - loss: \\d\\.\\d{4} - accuracy: "
                        + "\\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}\n");
        bytes.reset();
        model.fit(x, y, FitOptions.builder().epochs(1).batchSize(32).verbose(2).output(out).build());
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .containsPattern("2/2 - \\d+s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - \\d+(ms|us|s)/epoch - "
                        + "\\d+(ms|us|s)/step\n");
        bytes.reset();
        model.fit(x, y, FitOptions.builder().epochs(1).verbose(0).output(out).build());
        assertThat(bytes.size()).isZero();
    }
}
