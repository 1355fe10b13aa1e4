package jgrad.nn.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearWarmupTest {
    @Test
    void rampsThenHandsOver() {
        LinearWarmup s = new LinearWarmup(0.0, 4, new ExponentialDecay(0.8, 10, 0.5));
        assertThat(s.rate(0)).isEqualTo(0.0);
        assertThat(s.rate(2)).isEqualTo(0.4, within(1e-15));
        assertThat(s.rate(4)).isEqualTo(0.8, within(1e-15));
        assertThat(s.rate(14)).isEqualTo(0.4, within(1e-15));
        assertThat(LearningRateSchedule.constant(0.3).rate(99)).isEqualTo(0.3);
        assertThatThrownBy(() -> LearningRateSchedule.constant(-1)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new LinearWarmup(0, 0, s)).hasMessageContaining("warmupSteps > 0");
    }
}
