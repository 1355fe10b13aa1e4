package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import org.junit.jupiter.api.Test;

class FlattenTest {
    @Test
    void flattensEachSample() {
        Flatten f = new Flatten();
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor y = f.call(x);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 12));
        assertThat(y.getDouble(1, 0)).isEqualTo(12);
        assertThat(f.call(Input.of(28, 28, 1)).shape()).isEqualTo(Shape.of(784));
        assertThat(new Flatten().call(Tensor.zeros(0, 3, 2)).shape()).isEqualTo(Shape.of(0, 6));
    }
}
