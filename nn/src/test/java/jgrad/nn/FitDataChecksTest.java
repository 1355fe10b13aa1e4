package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.BinaryCrossentropy;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks fit makes on the data before training starts, and the label shapes it accepts. */
class FitDataChecksTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(5);
    }

    @Test
    void inputWidthIsCheckedBeforeTheFirstEpochAndNamesTheDataShape() {
        Sequential m = new Sequential(Input.of(4), new Dense(1));
        m.compile("adam", "mse");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        FitOptions o = FitOptions.builder().epochs(2).batchSize(8).verbose(2)
                .output(new PrintStream(buffer, true, StandardCharsets.UTF_8)).build();
        assertThatThrownBy(() -> m.fit(Tensor.ones(100, 5), Tensor.ones(100, 1), o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fit: x has shape [100, 5]")
                .hasMessageContaining("expects input 'input_1' of shape (None, 4)")
                .hasMessageContaining("5 features per sample, the model takes 4")
                .hasMessageNotContaining("[8, 5]");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).doesNotContain("Epoch 1/2");
    }

    @Test
    void functionalModelsCheckEachInputAndEvaluateDoesToo() {
        SymbolicTensor a = Input.named("a", 3);
        SymbolicTensor b = Input.named("b", 2, 2);
        Model m = Model.of(List.of(a, b), List.of(new Dense(1).call(a)));
        m.compile("sgd", "mse");
        assertThatThrownBy(() -> m.fit(List.of(Tensor.ones(10, 3), Tensor.ones(10, 2, 3)), List.of(Tensor.ones(10, 1)),
                FitOptions.builder().epochs(1).verbose(0).build()))
                .hasMessageContaining("fit: x[1] has shape [10, 2, 3], that is samples of shape (None, 2, 3), but model")
                .hasMessageContaining("expects input 'b' of shape (None, 2, 2)");
        assertThatThrownBy(() -> m.evaluate(List.of(Tensor.ones(10, 2), Tensor.ones(10, 2, 2)),
                List.of(Tensor.ones(10, 1)), 4))
                .hasMessageContaining("evaluate: x[0] has shape [10, 2]");
    }

    @Test
    void binaryCrossentropyTakesLabelsOfShapeNAgainstAnNBy1Output() {
        Rng rng = new Rng(1);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 64, 2);
        float[] labels = new float[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = x.getFloat(i, 0) + x.getFloat(i, 1) > 0 ? 1 : 0;
        }
        Tensor yFlat = Tensor.of(labels);
        Tensor yColumn = yFlat.reshape(64, 1);

        History flat = train(x, yFlat);
        History column = train(x, yColumn);
        // The same labels in either shape train the same model to the same losses and accuracy.
        assertThat(flat.history().get("loss")).isEqualTo(column.history().get("loss"));
        assertThat(flat.history().get("accuracy")).isEqualTo(column.history().get("accuracy"));
        assertThat(flat.history().get("accuracy").getLast()).isGreaterThan(0.9);
        for (String metric : new String[] {"auc", "precision", "recall"}) {
            assertThat(flat.history().get(metric)).as(metric).hasSize(20).isEqualTo(column.history().get(metric));
        }

        Tensor p = Tensor.of(new float[][] {{0.9f}, {0.2f}});
        BinaryCrossentropy bce = new BinaryCrossentropy();
        assertThat(bce.call(Tensor.of(new float[] {1, 0}), p).item())
                .isEqualTo(bce.call(Tensor.of(new float[][] {{1}, {0}}), p).item());
        // Other shape differences are still refused, by fit before training and by the loss itself.
        Sequential m = new Sequential(Input.of(2), new Dense(2, "sigmoid"));
        m.compile("adam", "binary_crossentropy");
        assertThatThrownBy(() -> m.fit(x, yFlat, FitOptions.builder().epochs(1).verbose(0).build()))
                .hasMessageContaining("y has shape (None,) but model output");
        assertThatThrownBy(() -> bce.call(Tensor.of(new float[] {1, 0, 1}), p)).isInstanceOf(IllegalArgumentException.class);
    }

    private static History train(Tensor x, Tensor y) {
        Layer.resetNames();
        Sequential m = new Sequential(Input.of(2), new Dense(1, "sigmoid"));
        m.compile(new Adam(0.05), "binary_crossentropy", "accuracy", "auc", "precision", "recall");
        m.setWeights(List.of(Tensor.of(new float[][] {{0.1f}, {-0.2f}}), Tensor.of(new float[] {0})));
        return m.fit(x, y, FitOptions.builder().epochs(20).batchSize(16).shuffle(false).verbose(0).build());
    }
}
