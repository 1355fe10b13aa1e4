package jgrad.ops.shape;

import static jgrad.core.Index.all;
import static jgrad.core.Index.at;
import static jgrad.core.Index.ellipsis;
import static jgrad.core.Index.from;
import static jgrad.core.Index.newAxis;
import static jgrad.core.Index.range;
import static jgrad.core.Index.step;
import static jgrad.core.Index.to;
import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Index;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * Tensor's NumPy-style indexing, with the values NumPy gives for {@code x = np.arange(20.).reshape(4, 5)}
 * (and {@code np.arange(24.).reshape(2, 3, 4)}). Gradients to second order are checked by
 * {@link IndexSpecs} in the op suite; here the values and the gradients' placement.
 */
class IndexingTest {
    private static final Tensor X = iota(4, 5);

    private static double[] values(Tensor t) {
        return t.toDoubleArray();
    }

    @Test
    void getAndAtReduceTheRankLikeNumPy() {
        assertThat(X.get(1).shape()).isEqualTo(Shape.of(5));
        assertThat(values(X.get(1))).containsExactly(5, 6, 7, 8, 9);
        assertThat(values(X.get(-1))).containsExactly(15, 16, 17, 18, 19);
        assertThat(X.at(2, -2).isScalar()).isTrue();
        assertThat(X.at(2, -2).item()).isEqualTo(13);
        Tensor cube = iota(2, 3, 4);
        assertThat(cube.at(1, 2).shape()).isEqualTo(Shape.of(4));
        assertThat(values(cube.at(1, 2))).containsExactly(20, 21, 22, 23);
        // get is a view: no copy of the storage.
        assertThat(X.get(3).storage()).isSameAs(X.storage());
    }

    @Test
    void slicingSeveralAxesInOneCall() {
        // x[:, 1:3]
        Tensor a = X.slice(":, 1:3");
        assertThat(a.shape()).isEqualTo(Shape.of(4, 2));
        assertThat(values(a)).containsExactly(1, 2, 6, 7, 11, 12, 16, 17);
        assertThat(values(X.index(all(), range(1, 3)))).containsExactly(values(a));
        // x[::2, -2:0:-1] == [[3, 2, 1], [13, 12, 11]]
        assertThat(values(X.slice("::2, -2:0:-1"))).containsExactly(3, 2, 1, 13, 12, 11);
        assertThat(values(X.index(step(2), range(-2, 0, -1)))).containsExactly(3, 2, 1, 13, 12, 11);
        // x[1, None, 1:] has shape (1, 4)
        Tensor b = X.slice("1, None, 1:");
        assertThat(b.shape()).isEqualTo(Shape.of(1, 4));
        assertThat(values(b)).containsExactly(6, 7, 8, 9);
        assertThat(X.index(at(1), newAxis(), from(1)).shape()).isEqualTo(Shape.of(1, 4));
        // x[..., -1] and x[:2] and x[::-1, :1]
        assertThat(values(X.slice("..., -1"))).containsExactly(4, 9, 14, 19);
        assertThat(values(X.index(ellipsis(), at(-1)))).containsExactly(4, 9, 14, 19);
        assertThat(X.index(to(2)).shape()).isEqualTo(Shape.of(2, 5));
        assertThat(values(X.slice("::-1, :1"))).containsExactly(15, 10, 5, 0);
        // np.arange(24).reshape(2,3,4)[..., ::-2] and [1, ..., None]
        Tensor cube = iota(2, 3, 4);
        assertThat(values(cube.slice("..., ::-2").get(0))).containsExactly(3, 1, 7, 5, 11, 9);
        assertThat(cube.slice("1, ..., None").shape()).isEqualTo(Shape.of(3, 4, 1));
        assertThat(X.slice("[:, 2]").shape()).isEqualTo(Shape.of(4));
        assertThat(X.slice("").shape()).isEqualTo(Shape.of(4, 5));
    }

    @Test
    void booleanMasksPickEntriesLikeNumPy() {
        // x[x % 3 == 0] for x = arange(20).reshape(4, 5)
        boolean[] m = new boolean[20];
        for (int i = 0; i < 20; i++) {
            m[i] = i % 3 == 0;
        }
        Tensor picked = X.mask(Tensor.fromFlat(m, 4, 5));
        assertThat(picked.shape()).isEqualTo(Shape.of(7));
        assertThat(values(picked)).containsExactly(0, 3, 6, 9, 12, 15, 18);
        // a mask over rows keeps the rest of each row
        Tensor rows = X.mask(Tensor.of(new boolean[] {false, true, false, true}));
        assertThat(rows.shape()).isEqualTo(Shape.of(2, 5));
        assertThat(values(rows.get(1))).containsExactly(15, 16, 17, 18, 19);
        assertThat(values(X.mask(X.greater(16.0).stopGradient()))).containsExactly(17, 18, 19);
    }

    @Test
    void functionalItemAssignmentLeavesTheOriginalAlone() {
        Tensor y = X.withSlice(":, 1:3", 0.0);
        assertThat(values(y.get(0))).containsExactly(0, 0, 0, 3, 4);
        assertThat(values(y.get(3))).containsExactly(15, 0, 0, 18, 19);
        assertThat(values(X.get(0))).containsExactly(0, 1, 2, 3, 4);
        // x[::-2, 4] = [100, 200]: rows 3 and 1
        Tensor z = X.withSlice("::-2, 4", Tensor.of(new double[] {100, 200}));
        assertThat(values(z.slice(":, 4"))).containsExactly(4, 200, 14, 100);
        assertThat(values(X.withIndex(Tensor.of(-1.0), at(2), at(2)).get(2))).containsExactly(10, 11, -1, 13, 14);
        // x[x > 16] = 0
        Tensor clipped = X.withMask(X.greater(16.0), 0.0);
        assertThat(values(clipped.get(3))).containsExactly(15, 16, 0, 0, 0);
        assertThat(values(X.withMask(Tensor.of(new boolean[] {true, false, false, false}),
                Tensor.of(new double[] {9, 8, 7, 6, 5})).get(0))).containsExactly(9, 8, 7, 6, 5);
    }

    @Test
    void gradientsLandInTheSelectedEntries() {
        Variable x = Variable.of(iota(3, 4));
        Variable v = Variable.of(Tensor.of(new double[] {1, 2}));
        try (GradientTape tape = new GradientTape()) {
            Tensor picked = x.slice("1:, ::-3").mul(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
            Tensor assigned = x.withSlice("0, 1:3", v).mul(x.scalarLike(10));
            Tensor loss = picked.sum().add(assigned.sum()).add(x.get(2).at(0)).add(x.mask(x.greater(10.0)).sum());
            var g = tape.gradient(loss, x, v);
            // x[1:, ::-3] takes columns 3 and 0 of rows 1 and 2: weights 1 at col 3, 2 at col 0 (row 1), 3/4 (row 2).
            // withSlice: 10 everywhere except x[0, 1:3]; get(2).at(0): +1 at [2, 0]; mask: +1 at [2, 3].
            assertThat(values(g.get(0))).containsExactly(10, 0, 0, 10, 12, 10, 10, 11, 15, 10, 10, 14);
            assertThat(values(g.get(1))).containsExactly(10, 10);
        }
    }

    @Test
    void errorsNameTheIndexTheAxisAndTheShape() {
        assertThatThrownBy(() -> X.at(1, 7)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("at: index 7 is out of range for axis 1 with extent 5 (valid: -5 to 4), in x[1, 7] on a"
                        + " tensor of shape [4, 5]");
        assertThatThrownBy(() -> X.slice(":, :, 1")).hasMessageContaining("too many indices: 3 for a tensor of rank 2");
        assertThatThrownBy(() -> X.slice("1:2:3:4")).hasMessageContaining("cannot read item 0 '1:2:3:4'");
        assertThatThrownBy(() -> X.index(range(0, 3, 0))).hasMessageContaining("slice step must not be 0");
        assertThatThrownBy(() -> X.mask(Tensor.of(new boolean[5])))
                .hasMessageContaining("a mask of shape [5] does not match the leading axes of x [4, 5]");
        assertThatThrownBy(() -> X.withSlice("0", Tensor.zeros(DType.FLOAT64, 4)))
                .hasMessageContaining("a value of shape [4] cannot be broadcast to x[0], which has shape [5]");
        assertThatThrownBy(() -> X.withSlice("0", Tensor.zeros(DType.FLOAT32, 5)))
                .hasMessageContaining("value is float32 [5] but x is float64");
        assertThat(Index.parse(":, 1:3, ..., -1, None")).hasSize(5);
    }
}
