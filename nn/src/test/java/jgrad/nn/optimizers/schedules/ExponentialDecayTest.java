package jgrad.nn.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {
    @Test
    void theNotesHalfTimesPointNineSevenToTheTOver100() {
        ExponentialDecay s = new ExponentialDecay(0.5, 100, 0.97);
        assertThat(s.rate(0)).isEqualTo(0.5);
        assertThat(s.rate(100)).isEqualTo(0.485, within(1e-15));
        assertThat(s.rate(50)).isEqualTo(0.5 * Math.pow(0.97, 0.5), within(1e-15));
        assertThat(s.rate(1000)).isEqualTo(0.5 * Math.pow(0.97, 10), within(1e-15));
        ExponentialDecay stairs = new ExponentialDecay(0.5, 100, 0.97, true);
        assertThat(stairs.rate(199)).isEqualTo(0.485, within(1e-15));
        assertThat(s.config()).containsEntry("decay_rate", 0.97);
        assertThatThrownBy(() -> new ExponentialDecay(0.5, 0, 0.9)).hasMessageContaining("decaySteps must be > 0");
    }
}
