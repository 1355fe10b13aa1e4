package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import org.junit.jupiter.api.Test;

class MergeTest {
    static final Tensor A = Tensor.of(new float[][] {{1, 5}});
    static final Tensor B = Tensor.of(new float[][] {{3, 2}});

    @Test
    void elementwiseMerges() {
        assertThat(new Add().call(List.of(A, B), false).toFloatArray()).containsExactly(4f, 7f);
        assertThat(new Subtract().call(List.of(A, B), false).toFloatArray()).containsExactly(-2f, 3f);
        assertThat(new Multiply().call(List.of(A, B), false).toFloatArray()).containsExactly(3f, 10f);
        assertThat(new Average().call(List.of(A, B), false).toFloatArray()).containsExactly(2f, 3.5f);
        assertThat(new Maximum().call(List.of(A, B), false).toFloatArray()).containsExactly(3f, 5f);
        assertThat(new Minimum().call(List.of(A, B), false).toFloatArray()).containsExactly(1f, 2f);
        assertThat(new Add().call(List.of(A, B, A), false).toFloatArray()).containsExactly(5f, 12f);
    }

    @Test
    void shapesMustAgreeOrBroadcast() {
        assertThat(new Add().call(Input.of(1), Input.of(5)).shape()).isEqualTo(Shape.of(5));
        assertThatThrownBy(() -> new Add().call(Input.of(3), Input.of(5)))
                .hasMessageContaining("(None, 3) and (None, 5)");
        assertThatThrownBy(() -> new Add().call(Input.of(3))).hasMessageContaining("at least 2 inputs");
        assertThatThrownBy(() -> new Subtract().call(Input.of(3), Input.of(3), Input.of(3)))
                .hasMessageContaining("exactly 2 inputs");
    }
}
