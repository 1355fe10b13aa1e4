package jgrad.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SliceGradTest {

    @Test
    void writesTheGradientWhereTheSliceTookItsElements() {
        Tensor g = Tensor.fromFlat(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor out = new SliceGrad(Shape.of(2, 5), 1, -1, -6, -3).apply(g); // columns 4 and 1
        assertThat(out.toDoubleArray2D()).isEqualTo(new double[][] {{0, 2, 0, 0, 1}, {0, 4, 0, 0, 3}});
        Tensor f = new SliceGrad(Shape.of(3), 0, 1, 2, 1).apply(Tensor.of(new float[] {7}));
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.toFloatArray()).containsExactly(0, 7, 0);
    }

    @Test
    void gradientIsTheSlice() {
        ShapeTestSupport.assertAdjoint(t -> new SliceGrad(Shape.of(4, 5), 1, -1, -6, -2).apply(t), 4, 3);
    }

    @Test
    void shapeMismatch() {
        assertThatThrownBy(() -> new SliceGrad(Shape.of(4, 5), 1, 0, 2, 1).apply(Tensor.zeros(4, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slice_grad: gradient [4, 3] does not match the slice [4, 2] taken from [4, 5]");
    }
}
