package jgrad.nn.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineDecayTest {
    @Test
    void halfCosineToAlphaThenFlat() {
        CosineDecay s = new CosineDecay(1.0, 100, 0.1);
        assertThat(s.rate(0)).isEqualTo(1.0);
        assertThat(s.rate(50)).isEqualTo(0.9 * 0.5 + 0.1, within(1e-15));
        assertThat(s.rate(100)).isEqualTo(0.1, within(1e-15));
        assertThat(s.rate(500)).isEqualTo(0.1, within(1e-15));
    }

    @Test
    void warmupRisesLinearlyToTheTargetFirst() {
        CosineDecay s = new CosineDecay(0.0, 100, 0.0, 1.0, 10);
        assertThat(s.rate(0)).isEqualTo(0.0);
        assertThat(s.rate(5)).isEqualTo(0.5, within(1e-15));
        assertThat(s.rate(10)).isEqualTo(1.0, within(1e-15));
        assertThat(s.rate(60)).isEqualTo(0.5, within(1e-15));
    }
}
