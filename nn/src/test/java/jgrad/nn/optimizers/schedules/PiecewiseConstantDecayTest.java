package jgrad.nn.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiecewiseConstantDecayTest {
    @Test
    void stepsAtTheBoundariesAsKeras() {
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new long[] {100, 200}, new double[] {1, 0.5, 0.1});
        assertThat(s.rate(0)).isEqualTo(1);
        assertThat(s.rate(100)).isEqualTo(1);
        assertThat(s.rate(101)).isEqualTo(0.5);
        assertThat(s.rate(201)).isEqualTo(0.1);
        PiecewiseConstantDecay step = PiecewiseConstantDecay.stepDecay(0.8, 10, 0.5, 2);
        assertThat(step.rate(9)).isEqualTo(0.8);
        assertThat(step.rate(10)).isEqualTo(0.4);
        assertThat(step.rate(25)).isEqualTo(0.2);
        assertThat(step.rate(1000)).isEqualTo(0.2);
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[] {1}, new double[] {1}))
                .hasMessageContaining("one more value than boundaries");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {1, 2, 3}))
                .hasMessageContaining("must increase");
    }
}
