package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input, InputLayer and SymbolicTensor. */
class InputTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    @Test
    void inputsAreSymbolicTensorsFromInputLayers() {
        SymbolicTensor x = Input.of(28, 28, 1);
        assertThat(x.shape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.layer()).isInstanceOf(InputLayer.class);
        assertThat(x.layer().name()).isEqualTo("input_1");
        assertThat(x.outputIndex()).isZero();
        assertThat(x.toString()).isEqualTo("SymbolicTensor(shape=(None, 28, 28, 1), dtype=float32, from 'input_1')");
        assertThat(Input.of(DType.INT64, 5).dtype()).isEqualTo(DType.INT64);
        assertThat(Input.named("features", 3).layer().name()).isEqualTo("features");
        assertThat(Input.of().batchShapeString()).isEqualTo("(None,)");
        InputLayer in = (InputLayer) Input.of(Shape.of(2), DType.FLOAT64, null).layer();
        assertThat(in.name()).isEqualTo("input_4");
        assertThat(in.call(Tensor.ones(3, 2)).shape()).isEqualTo(Shape.of(3, 2));
        assertThatThrownBy(() -> in.call(Tensor.ones(3, 3))).hasMessageContaining("expects shape (None, 2)");
        assertThat(in.countParams()).isZero();
    }

    @Test
    void shapesHelpers() {
        assertThat(Shapes.batchShape(Shape.of(13))).isEqualTo("(None, 13)");
        assertThat(Shapes.batchShapes(java.util.List.of(Shape.of(1), Shape.of(2, 3))))
                .isEqualTo("[(None, 1), (None, 2, 3)]");
        assertThat(Shapes.perSample(Shape.of(4, 5, 6), "t")).isEqualTo(Shape.of(5, 6));
        assertThat(Shapes.withBatch(7, Shape.of(2))).containsExactly(7, 2);
        assertThatThrownBy(() -> Shapes.perSample(Shape.scalar(), "t")).hasMessageContaining("got a scalar");
    }
}
