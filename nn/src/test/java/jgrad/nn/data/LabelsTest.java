package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void indicesAcceptInt64AndWholeFloatsAsVectorsOrColumns() {
        assertThat(Labels.indices(Tensor.of(new long[] {0, 2, 1}), 3).toLongArray()).containsExactly(0, 2, 1);
        Tensor col = Tensor.of(new float[][] {{1}, {0}});
        Tensor idx = Labels.indices(col, 2);
        assertThat(idx.dtype()).isEqualTo(DType.INT64);
        assertThat(idx.toLongArray()).containsExactly(1, 0);
    }

    @Test
    void indicesRejectLabelsOutsideTheClassesFractionsAndWrongShapes() {
        assertThatThrownBy(() -> Labels.indices(Tensor.of(new long[] {0, 10, 3}), 10))
                .hasMessageContaining("y[1] = 10 is outside [0, 10) for 10 classes")
                .hasMessageContaining("counted from 1");
        assertThatThrownBy(() -> Labels.indices(Tensor.of(new long[] {-1}), 3)).hasMessageContaining("y[0] = -1");
        assertThatThrownBy(() -> Labels.indices(Tensor.of(new float[] {0.5f}), 3)).hasMessageContaining("not a whole");
        assertThatThrownBy(() -> Labels.indices(Tensor.zeros(2, 3), 3)).hasMessageContaining("[2, 3]")
                .hasMessageContaining("Labels.argmax");
        assertThatThrownBy(() -> Labels.indices(Tensor.of(new long[] {0}), 0)).hasMessageContaining("classes must be");
    }

    @Test
    void oneHotArgmaxAndCounts() {
        Tensor y = Tensor.of(new long[] {2, 0, 2});
        Tensor oh = Labels.oneHot(y, 3);
        assertThat(oh.toFloatArray2D()).isEqualTo(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 0, 1}});
        assertThat(Labels.argmax(oh).toLongArray()).containsExactly(2, 0, 2);
        assertThat(Labels.countClasses(y)).isEqualTo(3);
        assertThat(Labels.classCounts(y, 4)).containsExactly(1, 0, 2, 0);
        Labels.requireOneHot(oh);
        assertThatThrownBy(() -> Labels.argmax(Tensor.zeros(3))).hasMessageContaining("[n, classes]");
        assertThatThrownBy(() -> Labels.countClasses(Tensor.of(new float[] {1.5f}))).hasMessageContaining("1.5");
    }

    @Test
    void requireOneHotNamesTheBadRow() {
        assertThatThrownBy(() -> Labels.requireOneHot(Tensor.of(new float[][] {{1, 0}, {1, 1}})))
                .hasMessageContaining("row 1").hasMessageContaining("2 ones");
        assertThatThrownBy(() -> Labels.requireOneHot(Tensor.of(new float[][] {{0.5f, 0.5f}})))
                .hasMessageContaining("0.5 at class 0");
        assertThatThrownBy(() -> Labels.requireOneHot(Tensor.zeros(3))).hasMessageContaining("[n, classes]");
    }

    @Test
    void binaryColumnAcceptsOnlyZerosAndOnes() {
        Tensor c = Labels.binaryColumn(Tensor.of(new long[] {1, 0, 1}));
        assertThat(c.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(c.shape().dims()).containsExactly(3, 1);
        assertThatThrownBy(() -> Labels.binaryColumn(Tensor.of(new float[] {1, -1})))
                .hasMessageContaining("y[1] = -1.0 is not 0 or 1");
    }
}
