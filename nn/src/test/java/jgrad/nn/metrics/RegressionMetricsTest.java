package jgrad.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError, R2Score and LossMetric. */
class RegressionMetricsTest {
    static final Tensor Y = Tensor.of(new double[][] {{3}, {-0.5}, {2}, {7}});
    static final Tensor P = Tensor.of(new double[][] {{2.5}, {0.0}, {2}, {8}});

    @Test
    void errorsAndR2AsScikitLearnComputesThem() {
        MeanAbsoluteError mae = new MeanAbsoluteError();
        mae.update(Y, P);
        assertThat(mae.result()).isEqualTo(0.5, within(1e-12));
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(Y, P);
        assertThat(mse.result()).isEqualTo(0.375, within(1e-12));
        RootMeanSquaredError rmse = new RootMeanSquaredError();
        rmse.update(Y, P);
        assertThat(rmse.result()).isEqualTo(Math.sqrt(0.375), within(1e-12));
        R2Score r2 = new R2Score();
        r2.update(Y.slice(0, 0, 2), P.slice(0, 0, 2));
        r2.update(Y.slice(0, 2, 4), P.slice(0, 2, 4));
        // sklearn.metrics.r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.9486081370449679
        assertThat(r2.result()).isEqualTo(0.9486081370449679, within(1e-12));
        r2.reset();
        r2.update(Tensor.of(new double[][] {{1, 1}, {2, 1}}), Tensor.of(new double[][] {{1, 1}, {2, 1}}));
        assertThat(r2.result()).isEqualTo(0.5, within(1e-12));
        LossMetric bce = (LossMetric) Metric.get("binary_crossentropy");
        bce.update(Tensor.of(new double[][] {{1}}), Tensor.of(new double[][] {{0.5}}));
        assertThat(bce.result()).isEqualTo(Math.log(2), within(1e-7));
        Mean mean = new Mean("m");
        mean.updateValue(2, 3);
        mean.updateValue(4, 1);
        assertThat(mean.result()).isEqualTo(2.5);
    }
}
