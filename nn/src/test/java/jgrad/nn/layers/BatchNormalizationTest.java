package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    static final Tensor X = Tensor.of(new double[][] {{1, 10}, {2, 20}, {3, 60}, {6, 30}});

    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    static BatchNormalization built() {
        BatchNormalization bn = BatchNormalization.builder().momentum(0.9).epsilon(1e-3).build();
        bn.setDtype(jgrad.core.DType.FLOAT64);
        bn.call(Tensor.zeros(jgrad.core.DType.FLOAT64, 1, 2), false);
        bn.gamma().assign(Tensor.of(new double[] {2, 0.5}));
        bn.beta().assign(Tensor.of(new double[] {1, -1}));
        return bn;
    }

    @Test
    void trainingNormalizesWithBatchStatisticsAndUpdatesMovingOnes() {
        BatchNormalization bn = built();
        Tensor y = bn.call(X, true);
        double[] mean = {3, 30};
        double[] var = {(4 + 1 + 0 + 9) / 4.0, (400 + 100 + 900 + 0) / 4.0};
        double[][] x = X.toDoubleArray2D();
        double[] gamma = {2, 0.5};
        double[] beta = {1, -1};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = gamma[j] * (x[i][j] - mean[j]) / Math.sqrt(var[j] + 1e-3) + beta[j];
                assertThat(y.getDouble(i, j)).isEqualTo(expected, within(1e-12));
            }
        }
        assertThat(bn.movingMean().getDouble(0)).isEqualTo(0.1 * 3, within(1e-12));
        assertThat(bn.movingMean().getDouble(1)).isEqualTo(0.1 * 30, within(1e-12));
        assertThat(bn.movingVariance().getDouble(0)).isEqualTo(0.9 + 0.1 * var[0], within(1e-12));
        assertThat(bn.movingVariance().getDouble(1)).isEqualTo(0.9 + 0.1 * var[1], within(1e-12));
    }

    @Test
    void inferenceUsesMovingStatisticsAndChangesNothing() {
        BatchNormalization bn = built();
        bn.movingMean().assign(Tensor.of(new double[] {1, 2}));
        bn.movingVariance().assign(Tensor.of(new double[] {4, 9}));
        Tensor y = bn.call(X, false);
        assertThat(y.getDouble(2, 0)).isEqualTo(2 * (3 - 1) / Math.sqrt(4 + 1e-3) + 1, within(1e-12));
        assertThat(y.getDouble(2, 1)).isEqualTo(0.5 * (60 - 2) / Math.sqrt(9 + 1e-3) - 1, within(1e-12));
        assertThat(bn.movingMean().toDoubleArray()).containsExactly(1, 2);
    }

    @Test
    void frozenLayerRunsInInferenceModeEvenWhenTraining() {
        BatchNormalization bn = built();
        bn.setTrainable(false);
        Tensor y = bn.call(X, true);
        assertThat(y.allClose(bn.call(X, false), 0, 0)).isTrue();
        assertThat(bn.movingMean().toDoubleArray()).containsExactly(0, 0);
    }

    @Test
    void gradientFlowsThroughBatchStatistics() {
        BatchNormalization bn = built();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(X);
            Tensor y = bn.call(X, true);
            List<Tensor> g = tape.gradient(y.sum(), X, bn.gamma(), bn.beta());
            // Normalized columns sum to zero, so d(sum y)/dx = 0 and d/dgamma = 0; d/dbeta = batch size.
            assertThat(g.get(0).abs().max().item()).isLessThan(1e-9);
            assertThat(g.get(1).abs().max().item()).isLessThan(1e-9);
            assertThat(g.get(2).toDoubleArray()).containsExactly(4, 4);
        }
    }

    @Test
    void countsParamsAsKerasAndNormalizesChannelsOfImages() {
        Sequential m = new Sequential(Input.of(5, 5, 3), BatchNormalization.builder().build());
        assertThat(m.countParams()).isEqualTo(12);
        assertThat(m.trainableWeights()).hasSize(2);
        assertThat(m.summaryString()).contains("Trainable params: 6").contains("Non-trainable params: 6");
        Tensor x = Tensor.randomNormal(new jgrad.core.Rng(3), 5, 2, 4, 5, 5, 3);
        Tensor y = m.call(x, true);
        Tensor perChannelMean = y.mean(new int[] {0, 1, 2}, false);
        assertThat(perChannelMean.abs().max().item()).isLessThan(1e-5);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 5, 5, 3));
    }

    @Test
    void channelsFirstAxis() {
        BatchNormalization bn = BatchNormalization.builder().axis(1).build();
        bn.call(Tensor.ones(2, 3, 4), true);
        assertThat(bn.gamma().shape()).isEqualTo(Shape.of(3));
        assertThatThrownBy(() -> BatchNormalization.builder().axis(0).build().call(Tensor.ones(2, 3)))
                .hasMessageContaining("batch axis 0 cannot be normalized over");
        assertThatThrownBy(() -> bn.call(Tensor.ones(2, 4, 4))).hasMessageContaining("built for 3 features");
    }

    @Test
    void configRoundTrip() {
        BatchNormalization bn = BatchNormalization.builder().name("bn").momentum(0.9).epsilon(1e-5).center(false).build();
        assertThat(BatchNormalization.fromConfig(bn.config()).config()).isEqualTo(bn.config());
        assertThatThrownBy(() -> BatchNormalization.builder().momentum(2).build()).hasMessageContaining("momentum");
    }
}
