package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import jgrad.nn.Batch;
import org.junit.jupiter.api.Test;

class BatchesTest {
    private static List<long[]> labelsOf(Iterable<Batch> batches) {
        List<long[]> out = new ArrayList<>();
        for (Batch b : batches) {
            out.add(b.y().toLongArray());
            DatasetTest.assertRowsMatchLabels(Dataset.of(b.x(), b.y()));
        }
        return out;
    }

    @Test
    void inOrderBatchesCoverTheDataWithASmallerLastOne() {
        Batches b = DatasetTest.numbered(10).batches(4);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.batchCount()).isEqualTo(3);
        assertThat(b.batches().next().y().toLongArray()).containsExactly(0, 1, 2, 3);
        assertThat(labelsOf(b)).containsExactly(new long[] {0, 1, 2, 3}, new long[] {4, 5, 6, 7}, new long[] {8, 9});
        assertThat(labelsOf(b.dropRemainder())).hasSize(2);
        assertThat(b.dropRemainder().size()).isEqualTo(2);
        assertThat(b.shuffled()).isFalse();
        assertThat(b.batchSize()).isEqualTo(4);
        assertThat(b.toString()).contains("3 of 4");
    }

    @Test
    void shuffledBatchesDrawANewSeededOrderEveryPass() {
        Dataset d = DatasetTest.numbered(20);
        Batches b = d.batches(6, 11);
        List<long[]> epoch1 = labelsOf(b);
        List<long[]> epoch2 = labelsOf(b);
        assertThat(epoch1).hasSize(4);
        long[] all1 = epoch1.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        long[] all2 = epoch2.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        assertThat(all1).containsExactlyInAnyOrder(d.y().toLongArray());
        assertThat(all2).containsExactlyInAnyOrder(d.y().toLongArray());
        assertThat(all1).isNotEqualTo(all2);
        // The same seed replays the same sequence of epochs.
        Batches again = d.batches(6, 11);
        assertThat(labelsOf(again).getFirst()).containsExactly(epoch1.getFirst());
        assertThat(labelsOf(again).getFirst()).containsExactly(epoch2.getFirst());
    }

    @Test
    void modelFitTrainsOnShuffledBatchesAndEvaluatesOnADataset() {
        jgrad.core.Rng.setGlobalSeed(3);
        Dataset data = Synthetic.blobs(200, new double[][] {{-2, 0}, {2, 0}}, 0.5, 3);
        Dataset.Split s = data.trainTestSplit(0.25, 3);
        jgrad.nn.Sequential model = new jgrad.nn.Sequential(jgrad.nn.Input.of(2),
                new jgrad.nn.layers.Dense(2, "softmax"));
        model.compile(new jgrad.nn.optimizers.Adam(0.05), "sparse_categorical_crossentropy", "accuracy");
        jgrad.nn.History h = model.fit(s.train().batches(16, 5), jgrad.nn.FitOptions.builder().epochs(20)
                .validationData(s.test()).verbose(0).build());
        assertThat(h.epochs()).hasSize(20);
        assertThat(h.last("loss")).isLessThan(h.get("loss").getFirst());
        assertThat(model.evaluate(s.test()).get("accuracy")).isGreaterThan(0.95);
        assertThat(model.predict(s.test()).shape().dims()).containsExactly(50, 2);
    }

    @Test
    void rejectsBadSizesAndExhaustedIterators() {
        Dataset d = DatasetTest.numbered(3);
        assertThatThrownBy(() -> d.batches(0)).hasMessageContaining("batchSize must be >= 1");
        assertThatThrownBy(() -> d.batches(4).dropRemainder()).hasMessageContaining("leaves no batch");
        Iterator<Batch> it = d.batches(3).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
}
