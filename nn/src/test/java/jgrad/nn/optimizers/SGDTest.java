package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SGDTest {
    @Test
    void plainStepIsWMinusLrG() {
        double[][] w = Steps.run(new SGD(0.1), 2);
        for (int j = 0; j < 2; j++) {
            assertThat(w[0][j]).isEqualTo(W0[j] - 0.1 * GRADS[0][j], within(1e-15));
            assertThat(w[1][j]).isEqualTo(W0[j] - 0.1 * GRADS[0][j] - 0.1 * GRADS[1][j], within(1e-15));
        }
        assertThat(new SGD().learningRate()).isEqualTo(0.01);
    }

    @Test
    void momentumAndNesterovFollowKeras() {
        double lr = 0.1;
        double mu = 0.9;
        double[][] w = Steps.run(new SGD(lr).momentum(mu), 3);
        double[][] wn = Steps.run(new SGD(lr).momentum(mu).nesterov(true), 3);
        for (int j = 0; j < 2; j++) {
            double v = 0;
            double x = W0[j];
            double vn = 0;
            double xn = W0[j];
            for (int t = 0; t < 3; t++) {
                v = mu * v - lr * GRADS[t][j];
                x += v;
                vn = mu * vn - lr * GRADS[t][j];
                xn += mu * vn - lr * GRADS[t][j];
                assertThat(w[t][j]).isEqualTo(x, within(1e-14));
                assertThat(wn[t][j]).isEqualTo(xn, within(1e-14));
            }
        }
        assertThatThrownBy(() -> new SGD().momentum(1.5)).hasMessageContaining("momentum must be in [0.0, 1.0]");
    }
}
