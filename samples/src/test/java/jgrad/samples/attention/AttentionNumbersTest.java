package jgrad.samples.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The note's attention numbers (SEEDS-4-8, 6.5) and the one-head tape page. */
class AttentionNumbersTest {
    @TempDir
    Path out;

    @Test
    void printsTheNotesNumbersAndTheHeadPage() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AttentionNumbers.Result r = AttentionNumbers.run(new PrintStream(buf, true, StandardCharsets.UTF_8), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("pos 1: [0.841471, 0.540302, 0.010000, 0.999950]")
                .contains("pos 2: [0.909297, -0.416147, 0.019999, 0.999800]")
                .contains("A = [[0.4223, 0.1554, 0.4223], [0.1554, 0.4223, 0.4223], [0.2119, 0.2119, 0.5761]]")
                .contains("Z = A X = [[0.8446, 0.5777], [0.5777, 0.8446], [0.7881, 0.7881]]")
                .contains("A = [[0.4011, 0.1978, 0.4011], [0.1978, 0.4011, 0.4011], [0.2483, 0.2483, 0.5035]]")
                .contains("all numbers match the note");
        assertThat(r.z()[0]).isCloseTo(0.8446, offset(5e-5));
        String html = Files.readString(out.resolve("attention-head-graph.html"));
        assertThat(html).contains("softmax").contains("A = softmax(S)").contains("W_K");
    }
}
