package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeRankAndStrides() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.contiguousStrides()).containsExactly(12, 4, 1);
        assertThat(s.get(-1)).isEqualTo(4);
        assertThat(s).hasToString("[2, 3, 4]");
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.of(3, 0).size()).isZero();
    }

    @Test
    void dimsAreCopied() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        s.dims()[1] = 9;
        assertThat(s).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void negativeExtentIsRejected() {
        assertThatThrownBy(() -> Shape.of(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 1 has negative extent -1");
    }

    @Test
    void broadcastFollowsNumPy() {
        assertThat(Shape.broadcast("add", "x", Shape.of(3, 1), "y", Shape.of(1, 4))).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.broadcast("add", "x", Shape.of(), "y", Shape.of(2, 2))).isEqualTo(Shape.of(2, 2));
        assertThat(Shape.broadcast("add", "x", Shape.of(5, 1, 3), "y", Shape.of(4, 1))).isEqualTo(Shape.of(5, 4, 3));
        assertThat(Shape.broadcast("add", "x", Shape.of(0, 1), "y", Shape.of(3))).isEqualTo(Shape.of(0, 3));
        assertThatThrownBy(() -> Shape.broadcast("add", "x", Shape.of(2, 3), "y", Shape.of(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add: cannot broadcast x [2, 3] with y [4]");
    }

    @Test
    void axesAreNormalised() {
        assertThat(Shape.normalizeAxis(-1, 3, "sum")).isEqualTo(2);
        assertThatThrownBy(() -> Shape.normalizeAxis(3, 3, "sum")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 3 is out of range for rank 3 (valid: -3 to 2)");
    }
}
