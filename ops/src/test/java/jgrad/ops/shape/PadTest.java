package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class PadTest {

    @Test
    void constantPaddingOnEachSide() {
        Tensor x = Tensor.fromFlat(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor y = x.pad(new int[][] {{1, 0}, {0, 2}}, 0);
        assertThat(y.toDoubleArray2D()).isEqualTo(new double[][] {{0, 0, 0, 0}, {1, 2, 0, 0}, {3, 4, 0, 0}});
        Tensor f = x.transpose().pad(new int[][] {{0, 1}, {1, 0}}, -1);
        assertThat(f.toDoubleArray2D()).isEqualTo(new double[][] {{-1, 1, 3}, {-1, 2, 4}, {-1, -1, -1}});
        assertThat(Tensor.of(2.0).pad(new int[0][], 7).item()).isEqualTo(2.0);
        assertThat(Tensor.zeros(0, 2).pad(new int[][] {{1, 0}, {0, 0}}, 3).toFloatArray()).containsExactly(3, 3);
    }

    @Test
    void integerAndBoolTensors() {
        Tensor l = Tensor.of(new long[] {5}).pad(new int[][] {{2, 1}}, 9);
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        assertThat(l.toLongArray()).containsExactly(9, 9, 5, 9);
        Tensor b = Tensor.of(new boolean[] {false}).pad(new int[][] {{1, 0}}, 1);
        assertThat(b.toBooleanArray()).containsExactly(true, false);
    }

    @Test
    void gradientCropsThePaddingOff() {
        ShapeTestSupport.assertAdjoint(t -> t.pad(new int[][] {{1, 0}, {2, 1}}, 0.5), 2, 3);
        ShapeTestSupport.assertAdjoint(t -> t.pad(new int[0][], 0.5), new int[0]);
        assertThat(iota(2).pad(new int[][] {{1, 1}}, 0).shape()).isEqualTo(Shape.of(4));
    }

    @Test
    void badWidths() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.pad(new int[][] {{0, 0}, {-1, 2}}, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad: widths[1] = [-1, 2] is negative; pad widths must be >= 0");
        assertThatThrownBy(() -> x.pad(new int[][] {{1, 1}}, 0))
                .hasMessageContaining("pad: got 1 widths for x [2, 3] of rank 2");
        assertThatThrownBy(() -> x.pad(new int[][] {{1}, {1, 1}}, 0))
                .hasMessageContaining("widths[0] = [1] must be a {before, after} pair");
        assertThatThrownBy(() -> Tensor.zeros(DType.INT64, 2).pad(new int[][] {{1, 1}}, 0.5))
                .hasMessage("pad: value 0.5 is not an integer, but x is int64");
    }
}
