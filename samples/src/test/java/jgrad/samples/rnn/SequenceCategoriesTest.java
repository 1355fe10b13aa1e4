package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Note 002, 6.3's four categories learn their synthetic tasks (the sample's quick settings, about 20 s). */
class SequenceCategoriesTest {
    @Test
    @Tag("slow")
    void everyCategoryLearnsItsTask() {
        SequenceCategories.Result r = SequenceCategories.run(500, 5, 1, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(r.manyToOne()).as("many-to-one accuracy").isGreaterThan(0.95);
        assertThat(r.oneToManyMse()).as("one-to-many MSE").isLessThan(r.oneToManyBaseline() / 3);
        assertThat(r.tagging()).as("tagging accuracy").isGreaterThan(0.9);
        assertThat(r.encoderDecoderTokens()).as("encoder-decoder token accuracy (chance 1/6)").isGreaterThan(0.7);
    }
}
