package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SumTest {
    private final Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void sumsOverAxes() {
        assertThat(x.sum().item()).isEqualTo(21);
        assertThat(x.sum().shape()).isEqualTo(Shape.scalar());
        assertThat(x.sum(0).toFloatArray()).containsExactly(5, 7, 9);
        assertThat(x.sum(-1).toFloatArray()).containsExactly(6, 15);
        assertThat(x.sum(new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.sum(new int[0], true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(x.sum(new int[] {0, 1}, false).item()).isEqualTo(21);
        assertThat(Tensor.of(3.5f).sum().item()).isEqualTo(3.5);
    }

    @Test
    void readsTransposedViews() {
        Tensor t = x.transpose();
        assertThat(t.sum(0).toFloatArray()).containsExactly(6, 15);
        assertThat(t.sum(1).toFloatArray()).containsExactly(5, 7, 9);
    }

    @Test
    void emptyAxisSumsToZero() {
        assertThat(Tensor.zeros(3, 0).sum(1).toFloatArray()).containsExactly(0, 0, 0);
        assertThat(Tensor.zeros(0, 3).sum(1).shape()).isEqualTo(Shape.of(0));
        assertThat(Tensor.zeros(0).sum().item()).isZero();
    }

    @Test
    void integersAndBooleans() {
        Tensor i = Tensor.of(new long[][] {{1, 2}, {3, 4}});
        assertThat(i.sum().dtype()).isEqualTo(DType.INT64);
        assertThat(i.sum(0).toLongArray()).containsExactly(4, 6);
        Tensor b = Tensor.of(new boolean[] {true, false, true});
        assertThat(b.sum().dtype()).isEqualTo(DType.INT64);
        assertThat(b.sum().longValue()).isEqualTo(2);
    }

    @Test
    void gradientBroadcastsBack() {
        Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(w);
            Tensor y = w.sum(new int[] {1}, false).mul(Tensor.of(new double[] {2, 3}));
            Tensor g = tape.gradient(y, w);
            assertThat(g.toDoubleArray()).containsExactly(2, 2, 2, 3, 3, 3);
        }
    }

    @Test
    void badAxesNameOpAxisAndShape() {
        assertThatThrownBy(() -> x.sum(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for shape [2, 3] (valid: -2 to 1)");
        assertThatThrownBy(() -> x.sum(new int[] {1, -1}, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis -1 is repeated in axes [1, -1] for shape [2, 3]");
        assertThatThrownBy(() -> Tensor.of(1f).sum(0)).hasMessageContaining("a scalar has no axes");
    }

    @Test
    void opComparesAndPrintsItsAxesByValue() {
        Sum op = new Sum(new int[] {0, -1}, true);
        assertThat(op).isEqualTo(new Sum(new int[] {0, -1}, true)).isNotEqualTo(new Sum(new int[] {0}, true));
        assertThat(op.hashCode()).isEqualTo(new Sum(new int[] {0, -1}, true).hashCode());
        assertThat(op).hasToString("sum(axes=[0, -1], keepDims=true)");
    }
}
