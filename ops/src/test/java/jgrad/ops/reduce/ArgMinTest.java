package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ArgMinTest {
    @Test
    void firstIndexOfTheSmallest() {
        Tensor x = Tensor.of(new double[][] {{1, 0, 0}, {-4, 2, -4}});
        assertThat(x.argmin(1).toLongArray()).containsExactly(1, 0);
        assertThat(x.argmin(0, true).toLongArray()).containsExactly(1, 0, 1);
        assertThat(x.argmin(0, true).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(Tensor.of(new double[] {3, Double.NaN, -1}).argmin(0).longValue()).isEqualTo(1);
    }
}
