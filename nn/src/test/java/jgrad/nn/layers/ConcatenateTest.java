package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import org.junit.jupiter.api.Test;

class ConcatenateTest {
    @Test
    void joinsAlongTheAxis() {
        Tensor y = new Concatenate().call(List.of(Tensor.ones(2, 3), Tensor.zeros(2, 1)), false);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 4));
        assertThat(y.getDouble(1, 3)).isZero();
        assertThat(new Concatenate(1).call(Input.of(2, 5), Input.of(3, 5)).shape()).isEqualTo(Shape.of(5, 5));
        assertThatThrownBy(() -> new Concatenate().call(Input.of(2, 5), Input.of(3, 5)))
                .hasMessageContaining("(None, 2, 5) and (None, 3, 5)");
        assertThatThrownBy(() -> new Concatenate(0).call(Input.of(2), Input.of(2))).hasMessageContaining("axis 0");
        assertThat(Concatenate.fromConfig(new Concatenate(2, "c").config()).axis()).isEqualTo(2);
    }
}
