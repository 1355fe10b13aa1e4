package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamaxTest {
    @Test
    void usesTheInfinityNorm() {
        double lr = 0.02;
        double[][] w = Steps.run(new Adamax(lr), 3);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double u = 0;
            double x = W0[j];
            for (int t = 1; t <= 3; t++) {
                double g = GRADS[t - 1][j];
                m += (g - m) * 0.1;
                u = Math.max(0.999 * u, Math.abs(g));
                x -= lr / (1 - Math.pow(0.9, t)) * m / (u + 1e-7);
                assertThat(w[t - 1][j]).isEqualTo(x, within(1e-14));
            }
        }
    }
}
