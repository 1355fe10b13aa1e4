package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tensor creation, element access and printing; the op methods are tested in module ops. */
class TensorTest {
    @Test
    void createsFromNestedArrays() {
        Tensor t = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.getFloat(1, 2)).isEqualTo(6f);
        assertThat(t.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.toFloatArray2D()[1]).containsExactly(4, 5, 6);
        assertThat(Tensor.of(new double[][][] {{{1}, {2}}}).shape()).isEqualTo(Shape.of(1, 2, 1));
        assertThat(Tensor.of(new float[][][][] {{{{1, 2}}}}).shape()).isEqualTo(Shape.of(1, 1, 1, 2));
        assertThat(Tensor.of(new long[] {3, 4}).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.of(new int[] {3, 4}).toLongArray()).containsExactly(3, 4);
        assertThat(Tensor.of(2.5).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.of(2.5f).isScalar()).isTrue();
    }

    @Test
    void copiesItsInput() {
        float[] data = {1, 2};
        Tensor t = Tensor.of(data);
        data[0] = 9;
        assertThat(t.toFloatArray()).containsExactly(1, 2);
        t.toFloatArray()[1] = 9;
        assertThat(t.getFloat(1)).isEqualTo(2f);
    }

    @Test
    void raggedArraysAreRejected() {
        assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row [1] has length 1, expected 2");
    }

    @Test
    void fromFlatChecksTheShape() {
        assertThat(Tensor.fromFlat(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).getFloat(2, 1)).isEqualTo(6f);
        assertThatThrownBy(() -> Tensor.fromFlat(new float[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromFlat: 3 values do not fill shape [2, 2] (4 elements)");
    }

    @Test
    void factories() {
        assertThat(Tensor.zeros(2, 2).toFloatArray()).containsOnly(0f);
        assertThat(Tensor.ones(DType.FLOAT64, 3).toDoubleArray()).containsOnly(1.0);
        assertThat(Tensor.full(DType.INT64, 7, 2).toLongArray()).containsExactly(7, 7);
        assertThat(Tensor.arange(5).toLongArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Tensor.arange(0, 1, 0.25).toFloatArray()).containsExactly(0f, 0.25f, 0.5f, 0.75f);
        assertThat(Tensor.linspace(0, 1, 5).toFloatArray()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f);
        assertThat(Tensor.eye(2).toFloatArray()).containsExactly(1, 0, 0, 1);
        assertThatThrownBy(() -> Tensor.arange(0, 1, 0)).hasMessageContaining("arange: step must be non-zero");
        assertThatThrownBy(() -> Tensor.full(DType.INT64, 1.5, 2)).hasMessageContaining("not an integer");
    }

    @Test
    void randomTensorsAreReproducible() {
        Tensor a = Tensor.randomNormal(new Rng(3), 0, 1, 100);
        Tensor b = Tensor.randomNormal(new Rng(3), 0, 1, 100);
        assertThat(a.contentEquals(b)).isTrue();
        double mean = 0;
        for (float v : a.toFloatArray()) {
            mean += v / 100;
        }
        assertThat(mean).isBetween(-0.3, 0.3);
        float[] u = Tensor.randomUniform(new Rng(4), 2, 3, 1000).toFloatArray();
        for (float v : u) {
            assertThat(v).isBetween(2f, 3f);
        }
        float[] bern = Tensor.bernoulli(new Rng(5), 0.25, 4000).toFloatArray();
        double ones = 0;
        for (float v : bern) {
            assertThat(v == 0f || v == 1f).isTrue();
            ones += v;
        }
        assertThat(ones / 4000).isBetween(0.22, 0.28);
    }

    @Test
    void viewsReadThroughStrides() {
        Tensor base = Tensor.fromFlat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor transposed = Tensor.view(base, Shape.of(3, 2), new int[] {1, 3}, 0);
        assertThat(transposed.isContiguous()).isFalse();
        assertThat(transposed.storage()).isSameAs(base.storage());
        assertThat(transposed.toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(transposed.getFloat(2, 1)).isEqualTo(6f);
    }

    @Test
    void elementAccessChecksBounds() {
        Tensor t = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> t.getFloat(2, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("coordinate 2 on axis 0 is out of range for shape [2, 3]");
        assertThatThrownBy(() -> t.getFloat(1)).hasMessageContaining("needs 2");
        assertThatThrownBy(t::item).hasMessageContaining("has 6 elements, expected exactly 1");
    }

    @Test
    void printsLikeNumPy() {
        assertThat(Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString())
                .isEqualTo("Tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)");
        assertThat(Tensor.of(new float[] {0.5f, -1.25f}).toString())
                .isEqualTo("Tensor([ 0.5000, -1.2500], shape=[2], dtype=float32)");
        assertThat(Tensor.of(3L).toString()).isEqualTo("Tensor(3, shape=[], dtype=int64)");
        assertThat(Tensor.of(new boolean[] {true, false}).toString())
                .isEqualTo("Tensor([ true, false], shape=[2], dtype=bool)");
        assertThat(Tensor.of(new double[] {1e-6, 1}).toString()).contains("1.0000e-06");
        String big = Tensor.zeros(2000).toString();
        assertThat(big).contains("...").hasSizeLessThan(200);
    }

    @Test
    void equalityIsIdentity() {
        Tensor a = Tensor.of(1f);
        Tensor b = Tensor.of(1f);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.contentEquals(b)).isTrue();
        assertThat(a.allClose(Tensor.of(1.00001f), 1e-4, 0)).isTrue();
    }
}
