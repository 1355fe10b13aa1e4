package jgrad.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void lookupByName() {
        assertThat(Metric.get("accuracy")).isInstanceOf(AutoAccuracy.class);
        assertThat(Metric.get("acc").name()).isEqualTo("acc");
        assertThat(Metric.get("binary_accuracy")).isInstanceOf(BinaryAccuracy.class);
        assertThat(Metric.get("categorical_accuracy")).isInstanceOf(CategoricalAccuracy.class);
        assertThat(Metric.get("sparse_categorical_accuracy")).isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(Metric.get("mae")).isInstanceOf(MeanAbsoluteError.class);
        assertThat(Metric.get("mae").name()).isEqualTo("mae");
        assertThat(Metric.get("mse")).isInstanceOf(MeanSquaredError.class);
        assertThat(Metric.get("rmse")).isInstanceOf(RootMeanSquaredError.class);
        assertThat(Metric.get("r2")).isInstanceOf(R2Score.class);
        assertThat(Metric.get("precision")).isInstanceOf(Precision.class);
        assertThat(Metric.get("recall")).isInstanceOf(Recall.class);
        assertThat(Metric.get("auc")).isInstanceOf(AUC.class);
        assertThat(Metric.get("binary_crossentropy")).isInstanceOf(LossMetric.class);
        assertThatThrownBy(() -> Metric.get("f7")).hasMessageContaining("unknown metric 'f7'");
    }

    @Test
    void aggregatesOverBatchesUntilReset() {
        Metric mae = Metric.get("mae");
        mae.update(Tensor.of(new float[][] {{1}, {2}}), Tensor.of(new float[][] {{1}, {4}}));
        mae.update(Tensor.of(new float[][] {{0}}), Tensor.of(new float[][] {{3}}));
        assertThat(mae.result()).isEqualTo(5.0 / 3, within(1e-12));
        mae.update(Tensor.of(new float[][] {{0}, {0}}), Tensor.of(new float[][] {{1}, {1}}), Tensor.of(new float[] {0, 3}));
        assertThat(mae.result()).isEqualTo((5.0 + 3) / 6, within(1e-12));
        mae.reset();
        assertThat(mae.result()).isZero();
        assertThat(mae.toString()).isEqualTo("MeanAbsoluteError(mae = 0.0000)");
    }
}
