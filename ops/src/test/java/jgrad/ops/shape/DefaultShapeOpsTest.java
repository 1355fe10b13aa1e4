package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** The composites stack and split; the other methods are covered by the tests of their op records. */
class DefaultShapeOpsTest {

    @Test
    void stackAddsANewAxis() {
        Tensor a = Tensor.of(new double[] {1, 2});
        Tensor b = Tensor.of(new double[] {3, 4});
        assertThat(Tensor.stack(List.of(a, b), 0).toDoubleArray2D()).isEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(Tensor.stack(List.of(a, b), -1).toDoubleArray2D()).isEqualTo(new double[][] {{1, 3}, {2, 4}});
        Tensor s = Tensor.stack(List.of(Tensor.of(1.0), Tensor.of(2.0), Tensor.of(3.0)), 0);
        assertThat(s.shape()).isEqualTo(Shape.of(3));
        assertThat(Tensor.stack(List.of(Tensor.zeros(0, 2), Tensor.zeros(0, 2)), 1).shape())
                .isEqualTo(Shape.of(0, 2, 2));
        Tensor c = iota(2, 3);
        ShapeTestSupport.assertAdjoint(x -> Tensor.stack(List.of(c, x.transpose()), 1), 3, 2);
    }

    @Test
    void stackChecksShapesAndDtypes() {
        assertThatThrownBy(() -> Tensor.stack(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stack: input 1 has shape [3, 2], expected [2, 3] like input 0");
        assertThatThrownBy(() -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(DType.FLOAT64, 2)), 0))
                .hasMessage("stack: input 1 is float64, expected float32 like input 0");
        assertThatThrownBy(() -> Tensor.stack(List.of(), 0)).hasMessage("stack: needs at least one tensor");
        assertThatThrownBy(() -> Tensor.stack(List.of(Tensor.zeros(2, 3)), 3))
                .hasMessageContaining("stack: axis 3 is out of range");
    }

    @Test
    void splitReturnsViews() {
        Tensor x = iota(2, 5);
        List<Tensor> parts = x.split(new int[] {2, 0, 3}, -1);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).toDoubleArray2D()).isEqualTo(new double[][] {{0, 1}, {5, 6}});
        assertThat(parts.get(1).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(parts.get(2).toDoubleArray2D()).isEqualTo(new double[][] {{2, 3, 4}, {7, 8, 9}});
        assertThat(parts.get(2).storage()).isSameAs(x.storage());
        List<Tensor> halves = iota(4, 3).split(2, 0);
        assertThat(halves.get(1).toDoubleArray()).containsExactly(6, 7, 8, 9, 10, 11);
        ShapeTestSupport.assertAdjoint(t -> {
            List<Tensor> p = t.split(new int[] {1, 2}, 0);
            return Tensor.concat(List.of(p.get(1), p.get(0)), 0);
        }, 3, 2);
    }

    @Test
    void splitChecksTheSizes() {
        Tensor x = Tensor.zeros(2, 5);
        assertThatThrownBy(() -> x.split(new int[] {2, 2}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split: sizes [2, 2] add up to 4, but axis 1 of x [2, 5] has extent 5");
        assertThatThrownBy(() -> x.split(new int[] {-1, 3}, 0)).hasMessageContaining("hold a negative size");
        assertThatThrownBy(() -> x.split(new int[0], 0)).hasMessage("split: needs at least one size");
        assertThatThrownBy(() -> Tensor.of(1f).split(new int[] {1}, 0)).hasMessageContaining("scalar");
    }
}
