package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {
    @Test
    void cutsTheRateWhenTheMonitorStalls() {
        Layer.resetNames();
        Sequential m = EarlyStoppingTest.model();
        ReduceLROnPlateau r = new ReduceLROnPlateau("val_loss").factor(0.5).patience(2).minLr(0.03);
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(8).verbose(0)
                .validationData(EarlyStoppingTest.X, Tensor.full(DType.FLOAT32, -1, 4, 1)).callbacks(r).build());
        // val_loss worsens every epoch: 0.1 -> 0.05 after epoch 3, -> 0.03 (the floor) after epoch 5.
        assertThat(m.optimizer().learningRate()).isEqualTo(0.03, within(1e-12));
    }
}
