package jgrad.nn.optimizers;

import static jgrad.nn.optimizers.Steps.GRADS;
import static jgrad.nn.optimizers.Steps.W0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

class NadamTest {
    @Test
    void followsKeras3Formula() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double[][] w = Steps.run(new Nadam(lr), 3);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double v = 0;
            double product = 1;
            double x = W0[j];
            for (int t = 1; t <= 3; t++) {
                double g = GRADS[t - 1][j];
                double ut = b1 * (1 - 0.5 * Math.pow(0.96, t));
                double ut1 = b1 * (1 - 0.5 * Math.pow(0.96, t + 1));
                product *= ut;
                m += (g - m) * (1 - b1);
                v += (g * g - v) * (1 - b2);
                double mHat = ut1 * m / (1 - product * ut1) + (1 - ut) * g / (1 - product);
                double vHat = v / (1 - Math.pow(b2, t));
                x -= lr * mHat / (Math.sqrt(vHat) + 1e-7);
                assertThat(w[t - 1][j]).isEqualTo(x, within(1e-14));
            }
        }
    }

    @Test
    void productIsSharedAcrossVariablesWithinAStep() {
        Nadam opt = new Nadam(0.01);
        Variable a = Variable.of(Tensor.of(new double[] {1}), "a");
        Variable b = Variable.of(Tensor.of(new double[] {1}), "b");
        for (int i = 0; i < 3; i++) {
            opt.apply(List.of(Tensor.of(new double[] {0.5}), Tensor.of(new double[] {0.5})), List.of(a, b));
        }
        assertThat(a.getDouble(0)).isEqualTo(b.getDouble(0));
        double[][] single = Steps.run(new Nadam(0.01), 1);
        assertThat(single[0][0]).isLessThan(W0[0]);
        assertThat(GRADS).isNotEmpty();
    }
}
