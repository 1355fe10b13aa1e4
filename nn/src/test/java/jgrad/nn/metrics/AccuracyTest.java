package jgrad.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    @Test
    void binaryCategoricalSparseAndExact() {
        BinaryAccuracy b = new BinaryAccuracy();
        b.update(Tensor.of(new float[][] {{1}, {0}, {1}, {0}}), Tensor.of(new float[][] {{0.7f}, {0.4f}, {0.2f}, {0.6f}}));
        assertThat(b.result()).isEqualTo(0.5);

        CategoricalAccuracy c = new CategoricalAccuracy();
        c.update(Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}}), Tensor.of(new float[][] {{0.1f, 0.8f, 0.1f},
                {0.2f, 0.7f, 0.1f}}));
        assertThat(c.result()).isEqualTo(0.5);

        SparseCategoricalAccuracy s = new SparseCategoricalAccuracy();
        s.update(Tensor.of(new long[] {1, 0}), Tensor.of(new float[][] {{0.1f, 0.8f, 0.1f}, {0.2f, 0.7f, 0.1f}}));
        s.update(Tensor.of(new float[][] {{2}}), Tensor.of(new float[][] {{0, 0, 1}}));
        assertThat(s.result()).isEqualTo(2.0 / 3);
        assertThatThrownBy(() -> s.update(Tensor.of(new long[] {1, 0, 1}), Tensor.ones(2, 3)))
                .hasMessageContaining("labels of shape [3] do not match predictions [2, 3]");

        Accuracy exact = new Accuracy();
        exact.update(Tensor.of(new long[] {1, 2, 3}), Tensor.of(new long[] {1, 0, 3}));
        assertThat(exact.result()).isEqualTo(2.0 / 3);
    }

    @Test
    void autoAccuracyChoosesLikeKeras() {
        AutoAccuracy binary = new AutoAccuracy();
        binary.update(Tensor.of(new float[][] {{1}}), Tensor.of(new float[][] {{0.9f}}));
        assertThat(binary.resolved()).isInstanceOf(BinaryAccuracy.class);

        AutoAccuracy sparse = new AutoAccuracy();
        sparse.update(Tensor.of(new long[] {2}), Tensor.of(new float[][] {{0, 0.1f, 0.9f}}));
        assertThat(sparse.resolved()).isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(sparse.result()).isEqualTo(1.0);

        AutoAccuracy sparseColumn = new AutoAccuracy();
        sparseColumn.update(Tensor.of(new float[][] {{2}}), Tensor.of(new float[][] {{0, 0.1f, 0.9f}}));
        assertThat(sparseColumn.resolved()).isInstanceOf(SparseCategoricalAccuracy.class);

        AutoAccuracy categorical = new AutoAccuracy();
        categorical.update(Tensor.of(new float[][] {{0, 0, 1}}), Tensor.of(new float[][] {{0, 0.1f, 0.9f}}));
        assertThat(categorical.resolved()).isInstanceOf(CategoricalAccuracy.class);

        AutoAccuracy multiLabel = new AutoAccuracy().binaryLoss(true);
        multiLabel.update(Tensor.of(new float[][] {{0, 1, 1}}), Tensor.of(new float[][] {{0.2f, 0.9f, 0.1f}}));
        assertThat(multiLabel.resolved()).isInstanceOf(BinaryAccuracy.class);
        assertThat(multiLabel.result()).isEqualTo(2.0 / 3);
    }
}
