package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {
    @Test
    void setsTheRateAtEachEpoch() {
        Layer.resetNames();
        Sequential m = EarlyStoppingTest.model();
        List<Double> seen = new ArrayList<>();
        LearningRateScheduler halve = new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : lr / 2);
        LambdaCallback spy = LambdaCallback.onBatchEnd((b, logs) -> { })
                .withEpochBegin((e, logs) -> seen.add(m.optimizer().learningRate()));
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(3).verbose(0).callbacks(halve, spy)
                .build());
        assertThat(seen).containsExactly(0.1, 0.05, 0.025);
        LearningRateScheduler bad = new LearningRateScheduler((e, lr) -> -1);
        assertThatThrownBy(() -> m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1),
                FitOptions.builder().verbose(0).callbacks(bad).build())).hasMessageContaining("returned -1.0 for epoch 0");
    }
}
