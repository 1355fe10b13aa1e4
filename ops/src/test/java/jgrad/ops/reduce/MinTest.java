package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MinTest {
    @Test
    void minOverAxes() {
        Tensor x = Tensor.of(new float[][] {{1, 7, 3}, {4, -5, 6}});
        assertThat(x.min().item()).isEqualTo(-5);
        assertThat(x.min(0).toFloatArray()).containsExactly(1, -5, 3);
        assertThat(x.min(new int[] {1}, true).toFloatArray()).containsExactly(1, -5);
    }

    @Test
    void tiesShareTheGradient() {
        Tensor x = Tensor.of(new double[] {2, -1, 5, -1});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor g = tape.gradient(x.min().mul(4.0), x);
            assertThat(g.toDoubleArray()).containsExactly(0, 2, 0, 2);
        }
    }

    @Test
    void emptyReductionIsAnError() {
        assertThatThrownBy(() -> Tensor.zeros(0).min()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min: cannot reduce over axis 0 of extent 0 in shape [0]");
    }
}
