package jgrad.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Precision, Recall and AUC. */
class ThresholdMetricsTest {
    static final Tensor Y = Tensor.of(new float[][] {{1}, {0}, {1}, {1}, {0}, {0}});
    static final Tensor P = Tensor.of(new float[][] {{0.9f}, {0.8f}, {0.3f}, {0.6f}, {0.1f}, {0.4f}});

    @Test
    void precisionAndRecall() {
        Precision p = new Precision();
        p.update(Y, P);
        assertThat(p.result()).isEqualTo(2.0 / 3);
        Recall r = new Recall();
        r.update(Y, P);
        assertThat(r.result()).isEqualTo(2.0 / 3);
        Precision weighted = new Precision();
        weighted.update(Y, P, Tensor.of(new float[] {1, 3, 1, 1, 1, 1}));
        assertThat(weighted.result()).isEqualTo(2.0 / 5);
        assertThatThrownBy(() -> r.update(Tensor.of(new float[][] {{2}}), Tensor.of(new float[][] {{0.5f}})))
                .hasMessageContaining("labels must be 0 or 1");
    }

    @Test
    void aucIsTheRankStatistic() {
        AUC auc = new AUC();
        auc.update(Y, P);
        // (positive, negative) pairs ranked correctly: 0.9 beats 3, 0.6 beats 2, 0.3 beats 1: 6 of 9, which is
        // sklearn's roc_auc_score; 200 thresholds separate every score here, so the trapezoids are exact.
        assertThat(auc.result()).isEqualTo(6.0 / 9, within(1e-9));
        AUC perfect = new AUC();
        perfect.update(Tensor.of(new float[][] {{0}, {1}}), Tensor.of(new float[][] {{0.2f}, {0.7f}}));
        assertThat(perfect.result()).isEqualTo(1.0, within(1e-12));
        AUC empty = new AUC();
        assertThat(empty.result()).isZero();
    }
}
