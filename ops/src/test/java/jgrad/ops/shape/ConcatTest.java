package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import org.junit.jupiter.api.Test;

class ConcatTest {

    @Test
    void joinsAlongAnExistingAxis() {
        Tensor a = iota(2, 2); // [[0, 1], [2, 3]]
        Tensor b = Tensor.fromFlat(new double[] {10, 11}, 2, 1);
        assertThat(Tensor.concat(List.of(a, b), 1).toDoubleArray2D())
                .isEqualTo(new double[][] {{0, 1, 10}, {2, 3, 11}});
        assertThat(Tensor.concat(List.of(a, b.transpose()), 0).toDoubleArray2D())
                .isEqualTo(new double[][] {{0, 1}, {2, 3}, {10, 11}});
        assertThat(Tensor.concat(List.of(a.transpose(), b), -1).toDoubleArray2D())
                .isEqualTo(new double[][] {{0, 2, 10}, {1, 3, 11}});
        assertThat(Tensor.concat(List.of(Tensor.zeros(DType.FLOAT64, 0, 2), a), 0).toDoubleArray())
                .containsExactly(0, 1, 2, 3);
        assertThat(Tensor.concat(List.of(a), 0).toDoubleArray()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void keepsIntegerAndBoolDtypes() {
        Tensor l = Tensor.concat(List.of(Tensor.of(new long[] {1, 2}), Tensor.of(new long[] {3})), 0);
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        assertThat(l.toLongArray()).containsExactly(1, 2, 3);
        Tensor b = Tensor.concat(List.of(Tensor.of(new boolean[] {true}), Tensor.of(new boolean[] {false, true})), 0);
        assertThat(b.toBooleanArray()).containsExactly(true, false, true);
    }

    @Test
    void gradientOfEachInputIsItsSlice() {
        Tensor a = iota(2, 2);
        Tensor b = iota(2, 1);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a, b);
            Tensor y = Tensor.concat(List.of(a, b), 1);
            List<Tensor> g = tape.gradient(y, List.of(a, b), iota(2, 3), UnconnectedGradients.ZERO);
            assertThat(g.get(0).toDoubleArray()).containsExactly(0, 1, 3, 4);
            assertThat(g.get(1).shape()).isEqualTo(Shape.of(2, 1));
            assertThat(g.get(1).toDoubleArray()).containsExactly(2, 5);
        }
        Tensor c = iota(3, 3);
        ShapeTestSupport.assertAdjoint(x -> Tensor.concat(List.of(c, x.transpose()), 1), 2, 3);
    }

    @Test
    void mismatchesNameTheInput() {
        Tensor a = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> Tensor.concat(List.of(a, Tensor.zeros(2, 4), Tensor.zeros(3, 4)), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("concat: input 2 has shape [3, 4], expected [2, *] with axis 1 free");
        assertThatThrownBy(() -> Tensor.concat(List.of(a, Tensor.zeros(6)), 0))
                .hasMessageContaining("input 1 has shape [6], expected [*, 3] with axis 0 free");
        assertThatThrownBy(() -> Tensor.concat(List.of(a, Tensor.zeros(DType.FLOAT64, 2, 3)), 0))
                .hasMessage("concat: input 1 is float64, expected float32 like input 0");
        assertThatThrownBy(() -> Tensor.concat(List.of(), 0)).hasMessage("concat: needs at least one tensor");
        assertThatThrownBy(() -> Tensor.concat(List.of(Tensor.of(1f)), 0)).hasMessageContaining("is a scalar");
    }
}
