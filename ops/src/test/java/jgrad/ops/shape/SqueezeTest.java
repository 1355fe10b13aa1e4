package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SqueezeTest {

    @Test
    void removesTheGivenOrAllSizeOneAxes() {
        Tensor x = iota(1, 3, 1);
        assertThat(x.squeeze().shape()).isEqualTo(Shape.of(3));
        assertThat(x.squeeze(-1).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(x.squeeze(0, 2).shape()).isEqualTo(Shape.of(3));
        assertThat(x.squeeze().storage()).isSameAs(x.storage());
        assertThat(x.squeeze().toDoubleArray()).containsExactly(0, 1, 2);
        assertThat(iota(1, 1).squeeze().isScalar()).isTrue();
        assertThat(Tensor.of(1.0).squeeze().isScalar()).isTrue();
        assertThat(Tensor.zeros(0, 1).squeeze().shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void keepsTheStridesOfAView() {
        Tensor t = iota(3, 1, 2).permute(2, 1, 0); // [2, 1, 3]
        Tensor s = t.squeeze(1);
        assertThat(s.toDoubleArray()).containsExactly(0, 2, 4, 1, 3, 5);
    }

    @Test
    void gradientReshapesBack() {
        ShapeTestSupport.assertAdjoint(x -> x.squeeze(), 1, 3, 1);
        ShapeTestSupport.assertAdjoint(x -> x.squeeze(1), 2, 1, 3);
    }

    @Test
    void onlySizeOneAxes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).squeeze(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("squeeze: axis 1 of x [2, 3] has extent 3; only size-1 axes can be squeezed");
        assertThatThrownBy(() -> Tensor.zeros(2, 1).squeeze(2)).hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> Tensor.zeros(2, 1).squeeze(1, -1)).hasMessageContaining("axis 1 is listed twice");
    }
}
