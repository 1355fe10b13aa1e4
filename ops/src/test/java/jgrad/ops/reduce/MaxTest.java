package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MaxTest {
    @Test
    void maxOverAxes() {
        Tensor x = Tensor.of(new float[][] {{1, 7, 3}, {4, -5, 6}});
        assertThat(x.max().item()).isEqualTo(7);
        assertThat(x.max(0).toFloatArray()).containsExactly(4, 7, 6);
        assertThat(x.max(new int[] {-1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.transpose().max(1).toFloatArray()).containsExactly(4, 7, 6);
        assertThat(Tensor.of(new long[] {3, 9, -1}).max().longValue()).isEqualTo(9);
    }

    @Test
    void nanWins() {
        assertThat(Tensor.of(new double[] {1, Double.NaN, 3}).max().item()).isNaN();
    }

    @Test
    void tiesShareTheGradient() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3, 0}, {2, 2, 2, 2}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor g = tape.gradient(x.max(1), x);
            assertThat(g.toDoubleArray()).containsExactly(0, 0.5, 0.5, 0, 0.25, 0.25, 0.25, 0.25);
        }
    }

    @Test
    void emptyReductionIsAnError() {
        assertThatThrownBy(() -> Tensor.zeros(2, 0).max(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: cannot reduce over axis 1 of extent 0 in shape [2, 0] (the max of no elements is"
                        + " undefined)");
        assertThat(Tensor.zeros(0, 2).max(1).shape()).isEqualTo(Shape.of(0));
    }
}
