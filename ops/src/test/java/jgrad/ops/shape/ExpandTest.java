package jgrad.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import org.junit.jupiter.api.Test;

class ExpandTest {

    @Test
    void broadcastIsAViewWithStrideZero() {
        Tensor x = Tensor.fromFlat(new double[] {1, 2, 3}, 3, 1);
        Tensor y = x.expand(2, 3, 4);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(y.storage()).isSameAs(x.storage());
        assertThat(y.strides()).containsExactly(0, 1, 0);
        assertThat(y.getDouble(1, 2, 3)).isEqualTo(3);
        assertThat(y.broadcastTo(Shape.of(2, 3, 4)).toDoubleArray()).containsExactly(y.toDoubleArray());
        assertThat(Tensor.of(5.0).expand(2, 2).toDoubleArray()).containsExactly(5, 5, 5, 5);
        assertThat(Tensor.zeros(1, 3).expand(0, 3).shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void gradientSumsOverTheBroadcastAxes() {
        Tensor x = Tensor.fromFlat(new double[] {1, 2, 3}, 3, 1);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.expand(2, 3, 4);
            Tensor g = tape.gradient(y, List.of(x), ShapeTestSupport.iota(2, 3, 4),
                    UnconnectedGradients.ZERO).get(0);
            // sum over i and k of 12 i + 4 j + k, for j = 0, 1, 2
            assertThat(g.shape()).isEqualTo(Shape.of(3, 1));
            assertThat(g.toDoubleArray()).containsExactly(60, 92, 124);
        }
        ShapeTestSupport.assertAdjoint(t -> t.expand(2, 3, 4), 3, 1);
        ShapeTestSupport.assertAdjoint(t -> t.expand(2, 3), new int[0]);
        ShapeTestSupport.assertAdjoint(t -> t.expand(2, 3), 2, 3);
    }

    @Test
    void incompatibleTargets() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.expand(4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expand: cannot expand x [2, 3] to [4, 3]: axis 0 of x has extent 2, which must be 1 or 4");
        assertThatThrownBy(() -> x.expand(3)).hasMessageContaining("the target has fewer axes than x");
    }
}
