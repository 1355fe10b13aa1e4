package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    static final Tensor X = Tensor.ones(4, 1);

    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    /** Training pulls the prediction to +1 while validation wants -1: val_loss gets worse every epoch. */
    static Sequential model() {
        Sequential m = new Sequential(Input.of(1), Dense.builder(1).kernelInitializer(Initializers.zeros()).build());
        m.compile(new SGD(0.1), "mse");
        return m;
    }

    @Test
    void stopsAfterPatienceAndRestoresTheBestWeights() {
        Sequential m = model();
        List<List<Tensor>> snapshots = new ArrayList<>();
        LambdaCallback recorder = LambdaCallback.onEpochEnd((e, logs) -> snapshots.add(m.getWeights()));
        EarlyStopping es = new EarlyStopping("val_loss").patience(2).restoreBestWeights(true);
        History h = m.fit(X, Tensor.ones(4, 1), FitOptions.builder().epochs(20).verbose(0)
                .validationData(X, Tensor.full(jgrad.core.DType.FLOAT32, -1, 4, 1)).callbacks(recorder, es).build());
        assertThat(h.epochs()).containsExactly(0, 1, 2);
        assertThat(es.stoppedEpoch()).isEqualTo(2);
        assertThat(es.bestEpoch()).isZero();
        List<Tensor> now = m.getWeights();
        assertThat(now.get(0).contentEquals(snapshots.get(0).get(0))).isTrue();
        assertThat(now.get(1).contentEquals(snapshots.get(0).get(1))).isTrue();
        assertThat(now.get(0).contentEquals(snapshots.get(2).get(0))).isFalse();
    }

    @Test
    void minDeltaModeAndNoStopWhenImproving() {
        Sequential m = model();
        EarlyStopping es = new EarlyStopping("loss").patience(1).minDelta(1e-9);
        History h = m.fit(X, Tensor.ones(4, 1), FitOptions.builder().epochs(5).verbose(0).callbacks(es).build());
        assertThat(h.epochs()).hasSize(5);
        assertThat(es.stoppedEpoch()).isZero();

        Sequential m2 = model();
        EarlyStopping huge = new EarlyStopping("loss").patience(1).minDelta(10);
        History h2 = m2.fit(X, Tensor.ones(4, 1), FitOptions.builder().epochs(5).verbose(0).callbacks(huge).build());
        assertThat(h2.epochs()).containsExactly(0, 1);

        Sequential m3 = model();
        EarlyStopping max = new EarlyStopping("loss").mode(Monitor.MAX).patience(0);
        History h3 = m3.fit(X, Tensor.ones(4, 1), FitOptions.builder().epochs(5).verbose(0).callbacks(max).build());
        assertThat(h3.epochs()).containsExactly(0, 1);
        assertThat(Monitor.AUTO.increasing("val_accuracy")).isTrue();
        assertThat(Monitor.AUTO.increasing("val_loss")).isFalse();
    }

    @Test
    void restoresTheBestEpochAlsoWhenTrainingRunsToTheEnd() {
        Sequential m = model();
        List<List<Tensor>> snapshots = new ArrayList<>();
        EarlyStopping es = new EarlyStopping("val_loss").patience(50).restoreBestWeights(true);
        m.fit(X, Tensor.ones(4, 1), FitOptions.builder().epochs(4).verbose(0)
                .validationData(X, Tensor.full(jgrad.core.DType.FLOAT32, -1, 4, 1))
                .callbacks(LambdaCallback.onEpochEnd((e, l) -> snapshots.add(m.getWeights())), es).build());
        assertThat(m.getWeights().get(0).contentEquals(snapshots.get(0).get(0))).isTrue();
    }
}
