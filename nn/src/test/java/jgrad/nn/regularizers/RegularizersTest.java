package jgrad.nn.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** L1, L2, L1L2 and lookup by name. */
class RegularizersTest {
    static final Tensor W = Tensor.of(new double[][] {{1, -2}, {0.5, 0}});

    @Test
    void penaltiesByHand() {
        assertThat(new L1(0.1).penalty(W).item()).isEqualTo(0.1 * 3.5, within(1e-12));
        assertThat(new L2(0.1).penalty(W).item()).isEqualTo(0.1 * 5.25, within(1e-12));
        assertThat(L1L2.of(0.1, 0.2).penalty(W).item()).isEqualTo(0.35 + 1.05, within(1e-12));
        assertThat(L1L2.of(0, 0).penalty(W).item()).isZero();
        assertThat(new L1().l1()).isEqualTo(0.01);
        assertThat(new L2().l2()).isEqualTo(0.01);
        try (GradientTape tape = new GradientTape()) {
            Tensor w = Tensor.of(new double[] {3, -1});
            tape.watch(w);
            Tensor g = tape.gradient(new L2(0.5).penalty(w), w);
            assertThat(g.toDoubleArray()).containsExactly(3, -1);
        }
        assertThatThrownBy(() -> new L2(-1)).hasMessageContaining("finite number >= 0");
    }

    @Test
    void byNameAndConfig() {
        assertThat(Regularizers.get("l1")).isEqualTo(new L1(0.01));
        assertThat(Regularizers.get("L2")).isEqualTo(new L2(0.01));
        assertThat(Regularizers.get("l1_l2")).isEqualTo(new L1L2(0.01, 0.01));
        assertThat(Regularizers.fromConfig("l2", new L2(0.3).config())).isEqualTo(new L2(0.3));
        assertThat(Regularizers.fromConfig("l1_l2", new L1L2(0.1, 0.2).config())).isEqualTo(new L1L2(0.1, 0.2));
        assertThatThrownBy(() -> Regularizers.get("l3")).hasMessageContaining("unknown regularizer 'l3'");
        assertThatThrownBy(() -> Regularizers.fromConfig("l2", java.util.Map.of())).hasMessageContaining("'l2' is missing");
    }
}
