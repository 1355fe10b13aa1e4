package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepsFollowKerasFormula() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double[][] w = Steps.run(new Adam(lr), 3);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double v = 0;
            double x = W0[j];
            for (int t = 1; t <= 3; t++) {
                double g = GRADS[t - 1][j];
                m += (g - m) * (1 - b1);
                v += (g * g - v) * (1 - b2);
                double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                x -= alpha * m / (Math.sqrt(v) + eps);
                assertThat(w[t - 1][j]).isEqualTo(x, within(1e-14));
            }
        }
        // The first Adam step moves every weight by about lr against its gradient's sign.
        assertThat(w[0][0]).isEqualTo(W0[0] - lr, within(1e-6));
        assertThat(w[0][1]).isEqualTo(W0[1] + lr, within(1e-6));
    }

    @Test
    void amsgradUsesTheRunningMaximumOfV() {
        double lr = 0.1;
        double[][] w = Steps.run(new Adam(lr).amsgrad(true).beta2(0.5), 3);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double v = 0;
            double vMax = 0;
            double x = W0[j];
            for (int t = 1; t <= 3; t++) {
                double g = GRADS[t - 1][j];
                m += (g - m) * 0.1;
                v += (g * g - v) * 0.5;
                vMax = Math.max(vMax, v);
                double alpha = lr * Math.sqrt(1 - Math.pow(0.5, t)) / (1 - Math.pow(0.9, t));
                x -= alpha * m / (Math.sqrt(vMax) + 1e-7);
                assertThat(w[t - 1][j]).isEqualTo(x, within(1e-14));
            }
        }
        assertThat(new Adam().config()).containsEntry("beta_1", 0.9).containsEntry("beta_2", 0.999)
                .containsEntry("epsilon", 1e-7).containsEntry("amsgrad", false);
    }
}
