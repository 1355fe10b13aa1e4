package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.SymbolicTensor;
import org.junit.jupiter.api.Test;

class LambdaTest {
    @Test
    void wrapsAFunctionAndInfersItsShape() {
        Lambda doubled = new Lambda(x -> x.mul(2));
        assertThat(doubled.call(Tensor.ones(1, 2)).toFloatArray()).containsExactly(2f, 2f);
        SymbolicTensor s = new Lambda(x -> x.sum(new int[] {1}, true)).call(Input.of(7));
        assertThat(s.shape()).isEqualTo(Shape.of(1));
        Lambda pair = Lambda.ofList(xs -> xs.get(0).mul(xs.get(1)), "pair");
        assertThat(pair.call(List.of(Tensor.ones(1, 2), Tensor.full(jgrad.core.DType.FLOAT32, 3, 1, 2)), false)
                .toFloatArray()).containsExactly(3f, 3f);
        assertThatThrownBy(doubled::config).hasMessageContaining("cannot be saved");
    }
}
