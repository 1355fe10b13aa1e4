package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import org.junit.jupiter.api.Test;

class ReshapeTest {
    @Test
    void reshapesSamplesAndInfersMinusOne() {
        assertThat(new Reshape(2, 6).call(Tensor.ones(5, 12)).shape()).isEqualTo(Shape.of(5, 2, 6));
        assertThat(new Reshape(-1, 3).call(Input.of(4, 3)).shape()).isEqualTo(Shape.of(4, 3));
        assertThatThrownBy(() -> new Reshape(5, -1).call(Input.of(12)))
                .hasMessageContaining("cannot reshape (None, 12)");
        assertThatThrownBy(() -> new Reshape(-1, -1)).hasMessageContaining("at most one -1");
        Reshape r = new Reshape(new int[] {3, 4}, "r");
        assertThat(Reshape.fromConfig(r.config()).targetShape()).containsExactly(3, 4);
    }
}
