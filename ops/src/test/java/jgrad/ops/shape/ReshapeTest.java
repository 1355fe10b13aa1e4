package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ReshapeTest {

    @Test
    void contiguousInputGivesAViewWithTheInferredExtent() {
        Tensor x = iota(2, 3, 4);
        Tensor y = x.reshape(4, -1);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 6));
        assertThat(y.storage()).isSameAs(x.storage());
        assertThat(y.toDoubleArray()).containsExactly(x.toDoubleArray());
        assertThat(y.getDouble(1, 2)).isEqualTo(8);
    }

    @Test
    void scalarToOneElementAndBack() {
        Tensor s = Tensor.of(3.5);
        Tensor one = s.reshape(1);
        assertThat(one.shape()).isEqualTo(Shape.of(1));
        assertThat(one.getDouble(0)).isEqualTo(3.5);
        Tensor back = one.reshape();
        assertThat(back.isScalar()).isTrue();
        assertThat(back.item()).isEqualTo(3.5);
        assertThat(Tensor.of(2f).reshape(-1).shape()).isEqualTo(Shape.of(1));
    }

    @Test
    void transposedInputThatCannotBeViewedIsCopiedInRowMajorOrder() {
        Tensor x = iota(2, 3);
        Tensor t = x.transpose(); // [[0, 3], [1, 4], [2, 5]]
        Tensor flat = t.reshape(-1);
        assertThat(flat.storage()).isNotSameAs(x.storage());
        assertThat(flat.toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void stridedInputIsStillAViewWhereItsAxesAllowOne() {
        Tensor x = iota(2, 3, 4);
        Tensor p = x.permute(1, 0, 2); // [3, 2, 4], strides [4, 12, 1]
        Tensor y = p.reshape(3, 2, 2, 2); // splits the contiguous last axis only
        assertThat(y.storage()).isSameAs(x.storage());
        assertThat(y.toDoubleArray()).containsExactly(p.toDoubleArray());
        Tensor e = Tensor.fromFlat(new double[] {1, 2, 3}, 3, 1).expand(3, 4).reshape(3, 2, 2);
        assertThat(e.strides()).containsExactly(1, 0, 0);
        assertThat(e.toDoubleArray()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
    }

    @Test
    void viewStridesAgreeWithACopyOnRandomLayouts() {
        Rng rng = new Rng(11);
        int[][] targets = {{-1}, {2, -1}, {-1, 2}, {3, -1, 2}, {1, -1, 1}, {6, -1}};
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = {1 + rng.nextInt(3), 2 * (1 + rng.nextInt(2)), 3};
            Tensor x = iota(dims);
            int[] perm = rng.permutation(3);
            Tensor p = x.permute(perm);
            if (rng.nextInt(2) == 0) {
                p = p.slice(0, 0, p.dim(0), 1 + rng.nextInt(2));
            }
            for (int[] target : targets) {
                Tensor expected;
                try {
                    expected = Tensor.fromFlat(p.toDoubleArray(), Reshape.resolve(p.shape(), target).dims());
                } catch (IllegalArgumentException notDivisible) {
                    continue;
                }
                Tensor y = p.reshape(target);
                assertThat(y.toDoubleArray()).as("%s of %s", java.util.Arrays.toString(target), p.shape())
                        .containsExactly(expected.toDoubleArray());
            }
        }
    }

    @Test
    void zeroSizeAndIntegerTensors() {
        assertThat(Tensor.zeros(0, 3).reshape(3, -1, 2).shape()).isEqualTo(Shape.of(3, 0, 2));
        Tensor l = Tensor.of(new long[] {1, 2, 3, 4}).reshape(2, 2);
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        assertThat(l.getLong(1, 0)).isEqualTo(3);
    }

    @Test
    void gradientIsTheAdjoint() {
        ShapeTestSupport.assertAdjoint(x -> x.reshape(3, -1), 2, 3, 2);
        ShapeTestSupport.assertAdjoint(x -> x.transpose().reshape(-1), 2, 3);
        ShapeTestSupport.assertAdjoint(x -> x.reshape(1), new int[0]);
    }

    @Test
    void badShapesAreNamed() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.reshape(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reshape: cannot reshape x [2, 3] (6 elements) into [4, 2] (8 elements)");
        assertThatThrownBy(() -> x.reshape(4, -1)).hasMessageContaining("6 is not a multiple of 4");
        assertThatThrownBy(() -> x.reshape(-1, -1)).hasMessageContaining("only one axis may be -1");
        assertThatThrownBy(() -> x.reshape(-2, 3)).hasMessageContaining("is negative (-2)");
    }
}
