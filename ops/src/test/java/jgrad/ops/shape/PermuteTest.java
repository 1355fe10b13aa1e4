package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class PermuteTest {

    @Test
    void outputAxisIIsInputAxisAxesI() {
        Tensor x = iota(2, 3, 4);
        Tensor y = x.permute(2, 0, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThat(y.storage()).isSameAs(x.storage());
        assertThat(y.strides()).containsExactly(1, 12, 4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(y.getDouble(k, i, j)).isEqualTo(x.getDouble(i, j, k));
                }
            }
        }
        assertThat(x.permute(-1, 0, -2).shape()).isEqualTo(Shape.of(4, 2, 3));
    }

    @Test
    void transposeOfAMatrixAndOfAScalar() {
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(m.transpose().toFloatArray2D()).isEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
        assertThat(Tensor.of(2.0).permute().item()).isEqualTo(2.0);
    }

    @Test
    void gradientIsTheInversePermutation() {
        ShapeTestSupport.assertAdjoint(x -> x.permute(2, 0, 1), 2, 3, 4);
        ShapeTestSupport.assertAdjoint(x -> x.permute(1, 0).permute(1, 0), 2, 3);
    }

    @Test
    void notAPermutation() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.permute(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("permute: axes [0, 0] are not a permutation of the 2 axes of x [2, 3]");
        assertThatThrownBy(() -> x.permute(0)).hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> x.permute(0, 1, 2)).hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> x.permute(0, -3)).hasMessageContaining("not a permutation");
    }
}
