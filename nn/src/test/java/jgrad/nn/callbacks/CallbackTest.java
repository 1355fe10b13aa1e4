package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import org.junit.jupiter.api.Test;

class CallbackTest {
    /** Records every event in order. */
    static final class Recorder extends Callback {
        final List<String> events = new ArrayList<>();

        @Override
        public void onTrainBegin(Map<String, Double> logs) {
            events.add("train_begin " + (model() != null));
        }

        @Override
        public void onTrainEnd(Map<String, Double> logs) {
            events.add("train_end " + logs.keySet());
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            events.add("epoch_begin " + epoch);
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            events.add("epoch_end " + epoch + " " + logs.keySet());
        }

        @Override
        public void onBatchBegin(int batch, Map<String, Double> logs) {
            events.add("batch_begin " + batch);
        }

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
            events.add("batch_end " + batch + " " + logs.keySet());
        }
    }

    @Test
    void eventsArriveInKerasOrder() {
        Layer.resetNames();
        Sequential m = EarlyStoppingTest.model();
        m.compile(new jgrad.nn.optimizers.SGD(0.1), "mse", "mae");
        Recorder r = new Recorder();
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(2).batchSize(2).verbose(0)
                .validationSplit(0.5).initialEpoch(0).callbacks(r).build());
        assertThat(r.events).containsExactly("train_begin true", "epoch_begin 0", "batch_begin 0",
                "batch_end 0 [loss, mae]", "epoch_end 0 [loss, mae, val_loss, val_mae]", "epoch_begin 1",
                "batch_begin 0", "batch_end 0 [loss, mae]", "epoch_end 1 [loss, mae, val_loss, val_mae]",
                "train_end [loss, mae, val_loss, val_mae]");
    }

    @Test
    void lambdaCallbackAndInitialEpoch() {
        Layer.resetNames();
        Sequential m = EarlyStoppingTest.model();
        List<Integer> epochs = new ArrayList<>();
        m.fit(EarlyStoppingTest.X, Tensor.ones(4, 1), FitOptions.builder().epochs(5).initialEpoch(3).verbose(0)
                .callbacks(LambdaCallback.onEpochEnd((e, l) -> epochs.add(e))).build());
        assertThat(epochs).containsExactly(3, 4);
        assertThat(m.history().epochs()).containsExactly(3, 4);
    }
}
