package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jgrad.core.Rng;
import org.junit.jupiter.api.Test;

/** The character-level LSTM: the shipped text, temperature sampling, and a short run that must beat the unigram model. */
class CharLstmTest {
    @Test
    void theShippedTextIsTheConstitutionAndTheDeclaration() {
        String text = CharLstm.text();
        assertThat(text).startsWith("The Constitution of the United States of America")
                .contains("We the People of the United States, in Order to form a more perfect")
                .contains("When in the Course of human events").doesNotContain("\n\n\n").doesNotContain("\r");
        assertThat(text.length()).isEqualTo(54_590);
        assertThat(CharLstm.vocabulary(text)).hasSize(74);
    }

    @Test
    void temperatureSharpensOrFlattensTheDistribution() {
        double[] logits = {1.0, 2.0, 0.5};
        Rng rng = new Rng(1);
        int[] cold = new int[3];
        int[] warm = new int[3];
        for (int i = 0; i < 2000; i++) {
            cold[CharLstm.sample(logits, 0.05, rng)]++;
            warm[CharLstm.sample(logits, 1.0, rng)]++;
        }
        assertThat(cold[1]).as("T -> 0 is greedy").isEqualTo(2000);
        // T = 1: softmax(1, 2, 0.5) = (0.2312, 0.6285, 0.1402).
        assertThat(warm[0] / 2000.0).isBetween(0.20, 0.26);
        assertThat(warm[1] / 2000.0).isBetween(0.59, 0.67);
        assertThat(warm[2] / 2000.0).isBetween(0.11, 0.17);
    }

    @Test
    void aShortRunFallsClearlyBelowTheUnigramEntropyAndGenerates() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CharLstm.Result r = CharLstm.run(CharLstm.Config.quick(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(r.unigramEntropy()).isBetween(3.0, 3.2);
        // Clearly below: at least 0.3 nats/char (a perplexity 26% lower) under the unigram model, on held-out text.
        assertThat(r.finalHeldOut()).isLessThan(r.unigramHeldOut() - 0.3).isLessThan(r.unigramEntropy() - 0.3);
        assertThat(r.trainLoss()[r.trainLoss().length - 1]).isLessThan(r.trainLoss()[0]);
        assertThat(r.samples()).containsOnlyKeys(0.2, 0.5, 1.0);
        for (String s : r.samples().values()) {
            assertThat(s).startsWith(CharLstm.PROMPT).hasSize(CharLstm.PROMPT.length() + 80);
        }
        assertThat(text).contains("unigram baseline").contains("perplexity").contains("--- T = 0.2 ---")
                .contains("--- T = 1.0 ---");
    }
}
