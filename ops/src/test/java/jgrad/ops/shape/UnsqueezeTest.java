package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class UnsqueezeTest {

    @Test
    void insertsASizeOneAxis() {
        Tensor x = iota(2, 3);
        assertThat(x.unsqueeze(0).shape()).isEqualTo(Shape.of(1, 2, 3));
        assertThat(x.unsqueeze(1).shape()).isEqualTo(Shape.of(2, 1, 3));
        assertThat(x.unsqueeze(2).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(x.unsqueeze(-1).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(x.unsqueeze(-3).shape()).isEqualTo(Shape.of(1, 2, 3));
        Tensor u = x.unsqueeze(1);
        assertThat(u.storage()).isSameAs(x.storage());
        assertThat(u.isContiguous()).isTrue();
        assertThat(u.getDouble(1, 0, 2)).isEqualTo(5);
        assertThat(Tensor.of(4.0).unsqueeze(0).shape()).isEqualTo(Shape.of(1));
        assertThat(x.transpose().unsqueeze(1).toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void gradientReshapesBack() {
        ShapeTestSupport.assertAdjoint(x -> x.unsqueeze(1), 2, 3);
        ShapeTestSupport.assertAdjoint(x -> x.unsqueeze(0), new int[0]);
    }

    @Test
    void axisRange() {
        assertThatThrownBy(() -> iota(2, 3).unsqueeze(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsqueeze: axis 3 is out of range for x [2, 3] (valid: -3 to 2)");
        assertThatThrownBy(() -> iota(2, 3).unsqueeze(-4)).hasMessageContaining("axis -4 is out of range");
    }
}
