package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdagradTest {
    @Test
    void accumulatesSquaresFromPointOneAndDividesInsideTheRoot() {
        double[][] w = Steps.run(new Adagrad(0.1), 3);
        for (int j = 0; j < 2; j++) {
            double a = 0.1;
            double x = W0[j];
            for (int t = 0; t < 3; t++) {
                a += GRADS[t][j] * GRADS[t][j];
                x -= 0.1 * GRADS[t][j] / Math.sqrt(a + 1e-7);
                assertThat(w[t][j]).isEqualTo(x, within(1e-14));
            }
        }
        assertThat(new Adagrad().learningRate()).isEqualTo(0.001);
        assertThat(new Adagrad().config()).containsEntry("initial_accumulator_value", 0.1).containsEntry("epsilon", 1e-7);
    }
}
