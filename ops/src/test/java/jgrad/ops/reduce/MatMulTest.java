package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

class MatMulTest {
    private final Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    private final Tensor b = Tensor.of(new float[][] {{1, 0}, {0, 1}, {2, -1}});

    @Test
    void matrixProduct() {
        Tensor c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(c.toFloatArray()).containsExactly(7, -1, 16, -1);
    }

    @Test
    void transposeFlagsMatchExplicitTransposes() {
        Tensor at = a.transpose().contiguous();
        Tensor bt = b.transpose().contiguous();
        assertThat(at.matmul(b, true, false).toFloatArray()).containsExactly(7, -1, 16, -1);
        assertThat(a.matmul(bt, false, true).toFloatArray()).containsExactly(7, -1, 16, -1);
        assertThat(at.matmul(bt, true, true).toFloatArray()).containsExactly(7, -1, 16, -1);
        // Views with swapped strides are read in place as well.
        assertThat(a.transpose().matmul(b.transpose(), true, true).toFloatArray()).containsExactly(7, -1, 16, -1);
    }

    @Test
    void oneDimensionalOperandsArePromotedAndDropped() {
        Tensor v = Tensor.of(new float[] {1, 1, 1});
        Tensor w = Tensor.of(new float[] {1, -1});
        assertThat(a.matmul(v).shape()).isEqualTo(Shape.of(2));
        assertThat(a.matmul(v).toFloatArray()).containsExactly(6, 15);
        assertThat(w.matmul(a).toFloatArray()).containsExactly(-3, -3, -3);
        assertThat(v.matmul(v).shape()).isEqualTo(Shape.scalar());
        assertThat(v.matmul(v).item()).isEqualTo(3);
        // Transpose flags do nothing to vectors.
        assertThat(v.matmul(v, true, true).item()).isEqualTo(3);
    }

    @Test
    void batchAxesBroadcastLikeNumPy() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 2, 1, 3, 4);
        Tensor y = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 4, 6);
        Tensor z = x.matmul(y);
        assertThat(z.shape()).isEqualTo(Shape.of(2, 5, 3, 6));
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 5; q++) {
                Tensor xp = x.slice(0, p, p + 1).reshape(3, 4);
                Tensor yq = y.slice(0, q, q + 1).reshape(4, 6);
                Tensor expected = xp.matmul(yq);
                Tensor got = z.slice(0, p, p + 1).slice(1, q, q + 1).reshape(3, 6);
                assertThat(got.allClose(expected, 1e-12, 1e-12)).isTrue();
            }
        }
    }

    @Test
    void gradientsSumOverBroadcastBatchAxes() {
        Rng rng = new Rng(6);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 3, 4);
        Tensor y = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 4, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, y);
            List<Tensor> g = tape.gradient(x.matmul(y), x, y);
            assertThat(g.get(0).shape()).isEqualTo(Shape.of(3, 4));
            assertThat(g.get(1).shape()).isEqualTo(Shape.of(5, 4, 2));
            // d sum(x @ y) / dx = sum over batches of ones @ y^T.
            Tensor expected = Tensor.ones(DType.FLOAT64, 3, 2).matmul(y.sum(new int[] {0}, false), false, true);
            assertThat(g.get(0).allClose(expected, 1e-12, 1e-12)).isTrue();
        }
        GradCheck.check(in -> in.get(0).matmul(in.get(1)), List.of(x, y)).assertPassed();
        GradCheck.gradGradCheck(in -> in.get(0).matmul(in.get(1)).square(), List.of(x, y)).assertPassed();
    }

    @Test
    void mismatchesNameBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: x [2, 3] and y [4, 5] do not fit: x's last axis (3) must equal y's"
                        + " second-to-last (4)");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(3, 2), false, true))
                .hasMessageContaining("must equal y's last axis (2) (y transposed)");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).matmul(Tensor.zeros(DType.FLOAT64, 2, 2)))
                .hasMessageContaining("matmul: x float32 [2, 2] and y float64 [2, 2] have different dtypes");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)))
                .hasMessageContaining("batch axes [2] and [3] do not broadcast");
    }

    @Test
    void bigBatchedProductMatchesPerMatrixProducts() {
        Rng rng = new Rng(7);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 3, 70, 90);
        Tensor y = Tensor.randomNormal(rng, 0, 1, 90, 50);
        Tensor z = x.matmul(y);
        for (int t = 0; t < 3; t++) {
            Tensor one = x.slice(0, t, t + 1).reshape(70, 90).matmul(y);
            assertThat(z.slice(0, t, t + 1).reshape(70, 50).toFloatArray())
                    .containsExactly(one.toFloatArray(), within(1e-4f));
        }
    }
}
