package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jgrad.core.Tensor;
import jgrad.nn.Batch;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** x row i is [i, 10 i], y is i: so any reordering can be checked row by row. */
    static Dataset numbered(int n) {
        float[][] x = new float[n][];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = new float[] {i, 10 * i};
            y[i] = i;
        }
        return Dataset.of(x, y);
    }

    static void assertRowsMatchLabels(Dataset d) {
        for (int i = 0; i < d.size(); i++) {
            long label = d.y().getLong(i);
            assertThat(d.x().getDouble(i, 0)).isEqualTo(label);
            assertThat(d.x().getDouble(i, 1)).isEqualTo(10.0 * label);
        }
    }

    @Test
    void holdsXAndYWithTheSampleOnTheFirstAxis() {
        Dataset d = numbered(5);
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.x().shape().dims()).containsExactly(5, 2);
        assertThat(d.y().shape().dims()).containsExactly(5);
        assertThat(d.toString()).contains("5 samples").contains("x float32 [5, 2]").contains("y int64 [5]");
        assertThat(d.asBatch().size()).isEqualTo(5);
    }

    @Test
    void isADataSourceOfInOrderBatchesOfKerasDefaultSize() {
        Dataset d = numbered(70);
        assertThat(d.batchCount()).isEqualTo(3);
        java.util.Iterator<Batch> it = d.batches();
        assertThat(it.next().y().toLongArray()).hasSize(32).startsWith(0, 1, 2);
        it.next();
        assertThat(it.next().y().toLongArray()).containsExactly(64, 65, 66, 67, 68, 69);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void rejectsMismatchedEmptyScalarAndNonFiniteData() {
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(4, 2), Tensor.zeros(3)))
                .hasMessageContaining("x has 4 samples (shape [4, 2]) but y has 3 (shape [3])");
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(0, 2), Tensor.zeros(0)))
                .hasMessageContaining("empty").hasMessageContaining("[0, 2]");
        assertThatThrownBy(() -> Dataset.of(Tensor.of(1f), Tensor.zeros(1))).hasMessageContaining("x is a scalar");
        assertThatThrownBy(() -> Dataset.of(Tensor.zeros(1), Tensor.of(1f))).hasMessageContaining("y is a scalar");
        assertThatThrownBy(() -> Dataset.of(new float[][] {{0, 1}, {2, Float.NaN}}, new long[] {0, 1}))
                .hasMessageContaining("x contains NaN at sample 1, element 1");
        assertThatThrownBy(() -> Dataset.of(new float[][] {{0}, {1}}, new float[][] {{Float.NEGATIVE_INFINITY}, {0}}))
                .hasMessageContaining("y contains -Infinity at sample 0");
    }

    @Test
    void checksViewsOfLargerStorageOnlyWithinTheView() {
        Tensor base = Tensor.of(new float[] {Float.NaN, 1, 2, 3});
        Dataset d = Dataset.of(base.slice(0, 1, 4).reshape(3, 1), Tensor.zeros(3));
        assertThat(d.size()).isEqualTo(3);
        assertThatThrownBy(() -> Dataset.of(base.reshape(4, 1), Tensor.zeros(4))).hasMessageContaining("NaN at sample 0");
    }

    @Test
    void slicesTakesSkipsAndSelects() {
        Dataset d = numbered(10);
        assertThat(d.slice(2, 5).y().toLongArray()).containsExactly(2, 3, 4);
        assertThat(d.take(3).y().toLongArray()).containsExactly(0, 1, 2);
        assertThat(d.skip(8).y().toLongArray()).containsExactly(8, 9);
        Dataset s = d.select(new int[] {7, 1, 7});
        assertThat(s.y().toLongArray()).containsExactly(7, 1, 7);
        assertRowsMatchLabels(s);
        assertThatThrownBy(() -> d.slice(5, 5)).hasMessageContaining("[5, 5)");
        assertThatThrownBy(() -> d.take(11)).hasMessageContaining("[1, 10]");
        assertThatThrownBy(() -> d.skip(10)).hasMessageContaining("at least one sample remains");
        assertThatThrownBy(() -> d.select(new int[] {3, 10})).hasMessageContaining("index 10 at position 1");
    }

    @Test
    void shufflesReproduciblyKeepingRowsWithTheirLabels() {
        Dataset d = numbered(50);
        Dataset a = d.shuffle(3);
        Dataset b = d.shuffle(3);
        assertThat(a.y().toLongArray()).containsExactly(b.y().toLongArray());
        assertThat(a.y().toLongArray()).isNotEqualTo(d.y().toLongArray());
        assertThat(d.shuffle(4).y().toLongArray()).isNotEqualTo(a.y().toLongArray());
        assertThat(a.y().toLongArray()).containsExactlyInAnyOrder(d.y().toLongArray());
        assertRowsMatchLabels(a);
    }

    @Test
    void trainTestSplitRoundsTheTestPartUpLikeScikitLearn() {
        Dataset d = numbered(10);
        Dataset.Split s = d.trainTestSplit(0.25, 1);
        assertThat(s.test().size()).isEqualTo(3);
        assertThat(s.train().size()).isEqualTo(7);
        Set<Long> all = new HashSet<>();
        for (long v : s.train().y().toLongArray()) {
            all.add(v);
        }
        for (long v : s.test().y().toLongArray()) {
            assertThat(all.add(v)).as("sample %d in both parts", v).isTrue();
        }
        assertThat(all).hasSize(10);
        assertRowsMatchLabels(s.test());
        assertThat(d.trainTestSplit(0.25, 1).test().y().toLongArray()).containsExactly(s.test().y().toLongArray());
        assertThatThrownBy(() -> d.trainTestSplit(0, 1)).hasMessageContaining("testFraction must be in (0, 1)");
        assertThatThrownBy(() -> numbered(2).trainTestSplit(0.99, 1)).hasMessageContaining("both parts need");
    }

    @Test
    void validationSplitTakesTheLastFractionInOrderLikeKeras() {
        Dataset.Split s = numbered(10).validationSplit(0.2);
        assertThat(s.train().y().toLongArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(s.test().y().toLongArray()).containsExactly(8, 9);
        assertThatThrownBy(() -> numbered(3).validationSplit(0.2)).hasMessageContaining("leaves 0 for validation");
    }

    @Test
    void splitsIntoSeveralParts() {
        List<Dataset> parts = numbered(100).split(5, 0.7, 0.15, 0.15);
        assertThat(parts).extracting(Dataset::size).containsExactly(70, 15, 15);
        assertThatThrownBy(() -> numbered(100).split(5, 0.7, 0.2)).hasMessageContaining("sum to");
        assertThatThrownBy(() -> numbered(100).split(5, 1.0)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> numbered(3).split(5, 0.1, 0.9)).hasMessageContaining("would be empty");
    }

    @Test
    void mapsAndConcatenates() {
        Dataset d = numbered(4);
        Dataset m = d.mapX(x -> x.mul(2f));
        assertThat(m.x().getDouble(3, 1)).isEqualTo(60);
        assertThat(d.mapY(y -> y.oneHot(4)).y().shape().dims()).containsExactly(4, 4);
        Dataset swapped = d.map(b -> Batch.of(b.x().slice(1, 0, 1), b.y().reshape(4, 1)));
        assertThat(swapped.x().shape().dims()).containsExactly(4, 1);
        assertThatThrownBy(() -> d.mapX(x -> x.slice(0, 0, 3))).hasMessageContaining("x has 3 samples");
        assertThatThrownBy(() -> d.mapX(x -> x.log())).hasMessageContaining("-Infinity at sample 0");
        Dataset c = d.concat(numbered(2));
        assertThat(c.y().toLongArray()).containsExactly(0, 1, 2, 3, 0, 1);
        assertThatThrownBy(() -> d.concat(d.mapX(x -> x.slice(1, 0, 1))))
                .hasMessageContaining("differ in dtype or per-sample shape");
    }
}
