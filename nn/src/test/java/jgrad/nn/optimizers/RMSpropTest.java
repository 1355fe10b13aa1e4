package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RMSpropTest {
    @Test
    void plainCenteredAndMomentumFollowKeras() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-7;
        double[][] plain = Steps.run(new RMSprop(lr), 3);
        double[][] centered = Steps.run(new RMSprop(lr).centered(true), 3);
        double[][] mom = Steps.run(new RMSprop(lr).momentum(0.5), 3);
        for (int j = 0; j < 2; j++) {
            double v = 0;
            double x = W0[j];
            double vc = 0;
            double avg = 0;
            double xc = W0[j];
            double vm = 0;
            double m = 0;
            double xm = W0[j];
            for (int t = 0; t < 3; t++) {
                double g = GRADS[t][j];
                v = rho * v + (1 - rho) * g * g;
                x -= lr * g / Math.sqrt(v + eps);
                vc = rho * vc + (1 - rho) * g * g;
                avg = rho * avg + (1 - rho) * g;
                xc -= lr * g / Math.sqrt(vc - avg * avg + eps);
                vm = rho * vm + (1 - rho) * g * g;
                m = 0.5 * m + lr * g / Math.sqrt(vm + eps);
                xm -= m;
                assertThat(plain[t][j]).isEqualTo(x, within(1e-14));
                assertThat(centered[t][j]).isEqualTo(xc, within(1e-14));
                assertThat(mom[t][j]).isEqualTo(xm, within(1e-14));
            }
        }
        assertThat(new RMSprop().config()).containsEntry("rho", 0.9).containsEntry("learning_rate", 0.001);
    }
}
