package jgrad.nn.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InverseTimeDecayTest {
    @Test
    void dividesByOnePlusRateTimesSteps() {
        InverseTimeDecay s = new InverseTimeDecay(1.0, 10, 0.5, false);
        assertThat(s.rate(0)).isEqualTo(1.0);
        assertThat(s.rate(10)).isEqualTo(1 / 1.5, within(1e-15));
        assertThat(new InverseTimeDecay(1.0, 10, 0.5, true).rate(19)).isEqualTo(1 / 1.5, within(1e-15));
    }
}
