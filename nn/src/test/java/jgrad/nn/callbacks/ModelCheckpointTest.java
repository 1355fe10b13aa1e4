package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.io.SafeTensors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    @Test
    void savesEveryEpochWithFormattedNames() throws IOException {
        Sequential m = EarlyStoppingTest.model();
        String pattern = dir.resolve("w-{epoch:02d}-{loss:.2f}.safetensors").toString();
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(3).verbose(0)
                .callbacks(new ModelCheckpoint(pattern).saveWeightsOnly(true)).build());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("w-01-1.00.safetensors", "w-02-0.36.safetensors", "w-03-0.13.safetensors");
        }
        assertThat(SafeTensors.read(dir.resolve("w-03-0.13.safetensors")).get("dense/kernel").contentEquals(
                ((jgrad.nn.layers.Dense) m.getLayer(0)).kernel().value())).isTrue();
    }

    @Test
    void saveBestOnlyKeepsTheBestWholeModel() {
        Sequential m = EarlyStoppingTest.model();
        Path best = dir.resolve("best.jgrad");
        ModelCheckpoint ckpt = new ModelCheckpoint(best).monitor("val_loss").saveBestOnly(true);
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(3).verbose(0)
                .validationData(EarlyStoppingTest.X, Tensor.full(DType.FLOAT32, -1, 4, 1)).callbacks(ckpt).build());
        Model back = Model.load(best);
        // val_loss is best after the first epoch: kernel and bias each took -0.1 * 2 * (0 - 1), so the prediction
        // for x = 1 was 0.4 and val_loss (0.4 + 1)^2 = 1.96.
        assertThat(back.predict(Tensor.ones(1, 1)).getDouble(0, 0)).isEqualTo(0.4, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(ckpt.best()).isEqualTo(1.96, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void messagesGoToFitsProgressOutput() {
        Sequential m = EarlyStoppingTest.model();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        Path best = dir.resolve("best.jgrad");
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(2).verbose(0).output(out)
                .callbacks(new ModelCheckpoint(best).monitor("loss").saveBestOnly(true).verbose(true),
                        new ModelCheckpoint(dir.resolve("x.jgrad")).monitor("val_auc").saveBestOnly(true))
                .build());
        String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("Epoch 1: loss improved from inf to ").contains(", saving model to " + best)
                .containsPattern("Epoch 2: loss (improved from [01]\\.\\d{5}|did not improve from [01]\\.\\d{5})")
                .contains("ModelCheckpoint: warning: 'val_auc' is not in the logs [loss]; the model is not saved");
    }

    @Test
    void formatFillsFields() {
        assertThat(ModelCheckpoint.format("m{epoch}.x", 7, Map.of())).isEqualTo("m7.x");
        assertThat(ModelCheckpoint.format("m{epoch:03d}-{val_acc:.3f}", 7, Map.of("val_acc", 0.91234)))
                .isEqualTo("m007-0.912");
        assertThatThrownBy(() -> ModelCheckpoint.format("{nope}", 1, Map.of("loss", 1.0)))
                .hasMessageContaining("{nope}, which is not in the logs [loss]");
    }
}
