package jgrad.samples.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of the Transformer classifier: it beats both baselines and attends to the matching tokens. */
class TransformerClassifierTest {
    @TempDir
    Path out;

    @Test
    @Tag("slow")
    void beatsTheBaselinesAndAttendsToTheMatches() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TransformerClassifier.Result r = TransformerClassifier.run(new PrintStream(buf, true, StandardCharsets.UTF_8),
                out, 400);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("check: the Transformer beats both baselines and attends to the matching tokens: OK");
        assertThat(r.accuracy()).isGreaterThan(r.bagOfTokens() + 0.1).isGreaterThan(r.majority() + 0.1);
        assertThat(r.matchShare()).isGreaterThan(2 * r.chanceShare());
        assertThat(Files.exists(out.resolve("transformer-classifier-attention.png"))).isTrue();
    }
}
