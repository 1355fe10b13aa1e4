package jgrad.nn.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconstruction-error scores, thresholds by percentile and training maximum, exact and metric ROC AUC, errors. */
class AnomalyDetectionTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    /** r = x / 2, so the squared error of a sample is |x|^2 / 4. */
    private static Sequential halving() {
        Dense d = Dense.builder(3).useBias(false).build();
        Sequential m = new Sequential(Input.of(3), d);
        m.setWeights(List.of(Tensor.of(new float[][] {{0.5f, 0, 0}, {0, 0.5f, 0}, {0, 0, 0.5f}})));
        return m;
    }

    @Test
    void scoresAreSquaredReconstructionErrors() {
        Tensor x = Tensor.of(new float[][] {{2, 0, 0}, {1, 2, 2}, {0, 0, 0}});
        assertThat(new ReconstructionScorer(halving()).scores(x)).containsExactly(new double[] {1, 2.25, 0},
                offset(1e-6));
        assertThat(new ReconstructionScorer(halving(), ReconstructionScorer.Error.MEAN_SQUARED, 2).scores(x))
                .containsExactly(new double[] {1 / 3.0, 0.75, 0}, offset(1e-6));
    }

    @Test
    void percentileIsNumpysAndTrainingMaxIsTheLargestScore() {
        double[] s = {4, 1, 3, 2};
        assertThat(AnomalyThreshold.percentileOf(s, 95)).isCloseTo(3.85, offset(1e-12));
        assertThat(AnomalyThreshold.percentileOf(s, 50)).isCloseTo(2.5, offset(1e-12));
        assertThat(AnomalyThreshold.percentileOf(s, 0)).isEqualTo(1);
        assertThat(AnomalyThreshold.percentileOf(s, 100)).isEqualTo(4);
        AnomalyThreshold t = AnomalyThreshold.percentile(s, 95);
        assertThat(t.rule()).isEqualTo("95th percentile");
        assertThat(t.flags(new double[] {3.8, 3.9})).containsExactly(false, true);
        assertThat(AnomalyThreshold.trainingMax(s).value()).isEqualTo(4);
        AnomalyThreshold.Rates r = new AnomalyThreshold(2.5, "x").rates(new double[] {1, 3, 2, 4, 5},
                new boolean[] {false, false, true, true, true});
        assertThat(r.tpr()).isCloseTo(2 / 3.0, offset(1e-12));
        assertThat(r.fpr()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void aucExactlyAndThroughTheMetric() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        assertThat(RocAuc.exact(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
        assertThat(RocAuc.exact(new double[] {1, 1}, new boolean[] {false, true})).isEqualTo(0.5);
        Rng rng = new Rng(4);
        int n = 2000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0;
            scores[i] = rng.nextGaussian() * 5 + (labels[i] ? 4 : 0);
        }
        double exact = RocAuc.exact(scores, labels);
        assertThat(exact).isBetween(0.65, 0.8);
        assertThat(RocAuc.withMetric(scores, labels)).isCloseTo(exact, offset(0.005));
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> AnomalyThreshold.percentile(new double[] {1, 2}, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the percentile must be in [0, 100], got 101.0");
        assertThatThrownBy(() -> AnomalyThreshold.percentile(new double[] {1, 2}, -1))
                .hasMessageContaining("[0, 100], got -1.0");
        assertThatThrownBy(() -> AnomalyThreshold.trainingMax(new double[0])).hasMessageContaining("no scores");
        Sequential m = halving();
        assertThatThrownBy(() -> new ReconstructionScorer(m).scores(Tensor.zeros(2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has samples of shape [4] but autoencoder 'sequential' takes samples of shape [3]");
        assertThatThrownBy(() -> ReconstructionScorer.errors(Tensor.zeros(2, 3), Tensor.zeros(2, 2),
                ReconstructionScorer.Error.SUM_SQUARED)).hasMessageContaining("must return its input's shape");
        assertThatThrownBy(() -> RocAuc.exact(new double[] {1, 2}, new boolean[] {true, true}))
                .hasMessageContaining("need both anomalies and normal samples");
        assertThatThrownBy(() -> RocAuc.exact(new double[] {1, 2}, new boolean[] {true}))
                .hasMessageContaining("2 scores but 1 labels");
    }
}
