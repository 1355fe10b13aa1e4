package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {
    @Test
    void stopsWhenTheLossBlowsUp() {
        Layer.resetNames();
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(1e6), "mse");
        TerminateOnNaN t = new TerminateOnNaN();
        History h = m.fit(Tensor.full(jgrad.core.DType.FLOAT32, 100, 8, 1), Tensor.ones(8, 1),
                FitOptions.builder().epochs(50).batchSize(1).verbose(0).callbacks(t).build());
        assertThat(t.stoppedAtBatch()).isGreaterThanOrEqualTo(0);
        assertThat(h.epochs().size()).isLessThan(50);
    }
}
