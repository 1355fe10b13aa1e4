package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void formatsLikeKeras() {
        assertThat(Progress.perStep(0.005)).isEqualTo("5ms/step");
        assertThat(Progress.perStep(2.4)).isEqualTo("2s/step");
        assertThat(Progress.perStep(0.00012)).isEqualTo("120us/step");
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.12345);
        logs.put("tiny", 0.0000123);
        assertThat(Progress.metrics(logs)).isEqualTo(" - loss: 0.1235 - tiny: 1.2300e-05");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);
        p.epochBegin(2, 10, 1500);
        p.epochEnd(1500, Map.of("loss", 0.5));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Epoch 3/10\n1500/1500 [==============================] - ")
                .endsWith(" - loss: 0.5000\n");
        bytes.reset();
        p.epochBegin(0, 1, -1);
        p.epochEnd(7, Map.of());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("7/Unknown - ");
    }
}
