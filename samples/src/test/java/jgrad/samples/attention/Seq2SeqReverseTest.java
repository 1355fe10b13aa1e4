package jgrad.samples.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of the reversal seq2seq: attention wins and its weights lie on the anti-diagonal. */
class Seq2SeqReverseTest {
    @TempDir
    Path out;

    @Test
    @Tag("slow")
    void attentionBeatsThePlainSeq2SeqAndFindsTheAntiDiagonal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<Seq2SeqReverse.Result> r = Seq2SeqReverse.run(new PrintStream(buf, true, StandardCharsets.UTF_8), out,
                300);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("check: attention is more accurate and attends along the anti-diagonal: OK");
        assertThat(r.get(1).digitAccuracy()).isGreaterThan(r.get(0).digitAccuracy()).isGreaterThan(0.8);
        assertThat(r.get(1).antiDiagonal()).isGreaterThan(0.5);
        for (double[] row : r.get(1).weights()) {
            assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.offset(1e-5));
        }
        assertThat(Files.exists(out.resolve("seq2seq-attention.png"))).isTrue();
    }
}
