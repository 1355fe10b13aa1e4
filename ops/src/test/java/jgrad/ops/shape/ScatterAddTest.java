package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ScatterAddTest {

    @Test
    void addsEachEntryAtItsIndex() {
        Tensor src = iota(2, 3); // [[0, 1, 2], [3, 4, 5]]
        Tensor out = new ScatterAdd(Shape.of(2, 4), 1).apply(src, Tensor.of(new long[] {3, 0, 3}));
        assertThat(out.toDoubleArray2D()).isEqualTo(new double[][] {{1, 0, 0, 2}, {4, 0, 0, 8}});
        Tensor l = new ScatterAdd(Shape.of(2), 0).apply(Tensor.of(new long[] {5, 6}), Tensor.of(new long[] {1, 1}));
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        assertThat(l.toLongArray()).containsExactly(0, 11);
        Tensor strided = new ScatterAdd(Shape.of(3), 0).apply(iota(2, 3).transpose().slice(1, 1, 2).squeeze(1),
                Tensor.of(new long[] {0, 0, 2}));
        assertThat(strided.toDoubleArray()).containsExactly(3 + 4, 0, 5);
    }

    @Test
    void gradientIsTheGather() {
        Tensor idx = Tensor.of(new long[][] {{0, 3}, {3, 3}});
        ShapeTestSupport.assertAdjoint(t -> new ScatterAdd(Shape.of(3, 4), 1).apply(t, idx), 3, 2, 2);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> new ScatterAdd(Shape.of(5), 0).apply(Tensor.zeros(2), Tensor.of(new long[] {0, 1, 2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scatter_add: src [2] does not fit indices [3] into [5] along axis 0: expected src [3]");
        assertThatThrownBy(() -> new ScatterAdd(Shape.of(5), 0).apply(Tensor.zeros(1), Tensor.of(new long[] {5})))
                .hasMessageContaining("scatter_add: index 5 is out of range for axis 0 with extent 5");
        assertThatThrownBy(() -> new ScatterAdd(Shape.of(2), 0).apply(Tensor.of(new boolean[] {true}),
                Tensor.of(new long[] {0}))).hasMessageContaining("got bool");
    }
}
