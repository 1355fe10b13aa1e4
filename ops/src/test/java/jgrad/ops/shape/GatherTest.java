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

class GatherTest {

    @Test
    void picksRowsOrColumnsLikeIndexSelect() {
        Tensor x = iota(3, 4);
        Tensor rows = x.gather(Tensor.of(new long[] {2, 0, 2}), 0);
        assertThat(rows.toDoubleArray2D()).isEqualTo(new double[][] {{8, 9, 10, 11}, {0, 1, 2, 3}, {8, 9, 10, 11}});
        Tensor cols = x.gather(Tensor.of(new long[] {3, 1}), -1);
        assertThat(cols.toDoubleArray2D()).isEqualTo(new double[][] {{3, 1}, {7, 5}, {11, 9}});
    }

    @Test
    void outputShapeSplicesInTheIndexShape() {
        Tensor x = iota(2, 3, 4);
        Tensor idx = Tensor.of(new long[][] {{0, 2}, {1, 1}, {2, 0}});
        Tensor y = x.gather(idx, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 2, 4));
        assertThat(y.getDouble(1, 2, 0, 3)).isEqualTo(x.getDouble(1, 2, 3));
        assertThat(y.getDouble(0, 0, 1, 1)).isEqualTo(x.getDouble(0, 2, 1));
        Tensor scalarIndex = x.gather(Tensor.of(1L), 2);
        assertThat(scalarIndex.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(scalarIndex.toDoubleArray()).containsExactly(1, 5, 9, 13, 17, 21);
        assertThat(x.gather(Tensor.of(new long[0]), 0).shape()).isEqualTo(Shape.of(0, 3, 4));
    }

    @Test
    void stridedInputsAndOtherDtypes() {
        Tensor t = iota(4, 3).transpose(); // [3, 4]
        assertThat(t.gather(Tensor.of(new long[] {1}), 0).toDoubleArray()).containsExactly(1, 4, 7, 10);
        Tensor idx = Tensor.of(new long[][] {{0, 2}, {1, 3}}).transpose(); // [[0, 1], [2, 3]]
        assertThat(iota(4).gather(idx, 0).toDoubleArray()).containsExactly(0, 1, 2, 3);
        Tensor labels = Tensor.of(new long[] {7, 8, 9});
        assertThat(labels.gather(Tensor.of(new long[] {2, 2}), 0).toLongArray()).containsExactly(9, 9);
        Tensor f = Tensor.of(new float[][] {{1, 2}, {3, 4}}).gather(Tensor.of(new long[] {1}), 1);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.toFloatArray()).containsExactly(2, 4);
    }

    @Test
    void gradientAddsUpRepeatedIndices() {
        Tensor x = iota(3, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.gather(Tensor.of(new long[] {2, 0, 2}), 0);
            Tensor g = tape.gradient(y, List.of(x), iota(3, 2), UnconnectedGradients.ZERO).get(0);
            assertThat(g.toDoubleArray2D()).isEqualTo(new double[][] {{2, 3}, {0, 0}, {0 + 4, 1 + 5}});
        }
        Tensor idx = Tensor.of(new long[][] {{0, 3}, {3, 3}});
        ShapeTestSupport.assertAdjoint(t -> t.gather(idx, 1), 3, 4);
        ShapeTestSupport.assertAdjoint(t -> t.gather(Tensor.of(2L), 0), 3, 4);
    }

    @Test
    void badIndices() {
        Tensor x = Tensor.zeros(3, 2);
        assertThatThrownBy(() -> x.gather(Tensor.of(new long[] {0, 3}), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index 3 is out of range for axis 0 with extent 3 (valid: 0 to 2)");
        assertThatThrownBy(() -> x.gather(Tensor.of(new long[] {-1}), 1))
                .hasMessage("gather: index -1 is out of range for axis 1 with extent 2 (valid: 0 to 1);"
                        + " negative indices are not wrapped around");
        assertThatThrownBy(() -> x.gather(Tensor.of(new float[] {0}), 0))
                .hasMessage("gather: indices must be int64, got float32 [1]");
        assertThatThrownBy(() -> Tensor.zeros(0, 2).gather(Tensor.of(0L), 0))
                .hasMessage("gather: index 0 is out of range for axis 0 with extent 0");
        assertThatThrownBy(() -> x.gather(Tensor.of(0L), 2)).hasMessageContaining("axis 2 is out of range");
    }
}
