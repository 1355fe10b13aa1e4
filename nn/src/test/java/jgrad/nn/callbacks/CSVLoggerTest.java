package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {
    @TempDir
    Path dir;

    @Test
    void writesAHeaderAndOneRowPerEpochAndAppends() throws IOException {
        Layer.resetNames();
        Sequential m = EarlyStoppingTest.model();
        Path csv = dir.resolve("logs/train.csv");
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(2).verbose(0)
                .callbacks(new CSVLogger(csv)).build());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,loss");
        assertThat(lines.get(1)).isEqualTo("0,1.0");
        assertThat(lines.get(2)).startsWith("1,0.36");
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(1).verbose(0)
                .callbacks(new CSVLogger(csv, ",", true)).build());
        assertThat(Files.readAllLines(csv)).hasSize(4);
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(1).verbose(0)
                .callbacks(new CSVLogger(csv)).build());
        assertThat(Files.readAllLines(csv)).hasSize(2);
    }
}
