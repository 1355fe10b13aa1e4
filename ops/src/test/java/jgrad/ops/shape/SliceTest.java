package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import org.junit.jupiter.api.Test;

class SliceTest {
    private static final int NONE_BACKWARD = Integer.MIN_VALUE;
    private static final int NONE_FORWARD = Integer.MAX_VALUE;

    /** {start, stop, step, expected...}: list(range(5))[start:stop:step] as Python prints it. */
    private static final int[][] PYTHON = {
        {1, 4, 1, 1, 2, 3},
        {-1, -6, -2, 4, 2, 0},
        {-100, 100, 2, 0, 2, 4},
        {3, NONE_BACKWARD, -1, 3, 2, 1, 0},
        {4, 1, 1},
        {NONE_FORWARD, NONE_BACKWARD, -2, 4, 2, 0},
        {10, -10, -1, 4, 3, 2, 1, 0},
        {-3, NONE_FORWARD, 1, 2, 3, 4},
        {2, -1, 1, 2, 3},
        {-1, -2, 1},
        {5, 0, -3, 4, 1},
        {0, 5, 3, 0, 3},
        {-5, -4, 1, 0},
    };

    @Test
    void followsPythonSlicing() {
        Tensor x = iota(5);
        for (int[] c : PYTHON) {
            Tensor y = x.slice(0, c[0], c[1], c[2]);
            double[] expected = new double[c.length - 3];
            for (int i = 3; i < c.length; i++) {
                expected[i - 3] = c[i];
            }
            assertThat(y.toDoubleArray()).as("[%d:%d:%d]", c[0], c[1], c[2]).containsExactly(expected);
        }
    }

    @Test
    void isAViewAlongOneAxis() {
        Tensor x = iota(4, 5);
        Tensor y = x.slice(1, -1, NONE_BACKWARD, -2);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 3));
        assertThat(y.storage()).isSameAs(x.storage());
        assertThat(y.strides()).containsExactly(5, -2);
        assertThat(y.toDoubleArray()).containsExactly(4, 2, 0, 9, 7, 5, 14, 12, 10, 19, 17, 15);
        Tensor rows = x.slice(0, 1, 3);
        assertThat(rows.offset()).isEqualTo(5);
        assertThat(rows.isContiguous()).isTrue();
        assertThat(x.slice(0, 3, 1).shape()).isEqualTo(Shape.of(0, 5));
        assertThat(x.transpose().slice(0, 1, 2).toDoubleArray()).containsExactly(1, 6, 11, 16);
    }

    @Test
    void gradientScattersIntoZeros() {
        Tensor x = iota(5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.slice(0, -1, NONE_BACKWARD, -2); // elements 4, 2, 0
            Tensor g = tape.gradient(y, List.of(x), Tensor.of(new double[] {10, 20, 30}), UnconnectedGradients.ZERO)
                    .get(0);
            assertThat(g.toDoubleArray()).containsExactly(30, 0, 20, 0, 10);
        }
        ShapeTestSupport.assertAdjoint(t -> t.slice(1, -1, -6, -2), 4, 5);
        ShapeTestSupport.assertAdjoint(t -> t.slice(0, 1, 3), 4, 5);
        ShapeTestSupport.assertAdjoint(t -> t.slice(0, 4, 1), 5);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> iota(4).slice(0, 0, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slice: step must not be 0");
        assertThatThrownBy(() -> Tensor.of(1.0).slice(0, 0, 1)).hasMessageContaining("slice: x is a scalar");
        assertThatThrownBy(() -> iota(2, 3).slice(2, 0, 1)).hasMessageContaining("axis 2 is out of range");
    }
}
