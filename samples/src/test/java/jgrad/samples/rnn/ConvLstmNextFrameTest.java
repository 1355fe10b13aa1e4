package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ConvLSTM predicts moving digits' next frames better than copying the last frame or the mean frame. */
class ConvLstmNextFrameTest {
    @TempDir
    Path out;

    @Test
    @Tag("slow")
    void beatsCopyingTheLastFrame() {
        ConvLstmNextFrame.Result r = ConvLstmNextFrame.run(600, 300, 8, 1,
                new PrintStream(OutputStream.nullOutputStream()), out);
        assertThat(r.modelMse()).isLessThan(0.75 * r.copyLastMse()).isLessThan(r.meanFrameMse());
        assertThat(Files.exists(out.resolve("next-frames.png"))).isTrue();
    }
}
