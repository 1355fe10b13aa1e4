package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Carried states beat cold starts under truncated BPTT; clipping keeps an exploding RNN finite and learning. */
class TruncatedBpttTest {
    @Test
    @Tag("slow")
    void carriedStatesHelpAndClippingTamesExplodingGradients() {
        TruncatedBptt.Result r = TruncatedBptt.run(3, 150, 1, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(r.statefulMse()).isLessThan(r.resetMse());
        assertThat(r.statefulEarlyMse()).as("first steps of each chunk").isLessThan(r.resetEarlyMse() / 2);
        assertThat(Double.isFinite(r.plainFinalLoss()) && r.plainFinalLoss() < r.zeroLoss())
                .as("unclipped SGD diverges").isFalse();
        assertThat(r.clippedFinalLoss()).as("clipped SGD learns").isLessThan(r.zeroLoss());
    }
}
