package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamWTest {
    @Test
    void decaysWeightsBeforeTheAdamStep() {
        double lr = 0.01;
        double wd = 0.1;
        double[][] w = Steps.run(new AdamW(lr, wd), 2);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double v = 0;
            double x = W0[j];
            for (int t = 1; t <= 2; t++) {
                double g = GRADS[t - 1][j];
                x -= x * wd * lr;
                m += (g - m) * 0.1;
                v += (g * g - v) * 0.001;
                x -= lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(v) + 1e-7);
                assertThat(w[t - 1][j]).isEqualTo(x, within(1e-14));
            }
        }
        assertThat(new AdamW().weightDecay()).isEqualTo(0.004);
        assertThat(new AdamW().name()).isEqualTo("AdamW");
    }
}
