package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.Loss;
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

    /**
     * The third batch's loss is -Infinity (log of a zero label): training must stop right after it,
     * before batch 3 updates the weights, and say so on fit's output rather than System.err.
     */
    @Test
    void stopsRightAfterTheBatchAndReportsOnTheProgressOutput() {
        Layer.resetNames();
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        Loss logOfLabel = Loss.of("log_of_label", (y, p) -> p.sub(y).square().add(y.log()).mean(-1));
        m.compile(new SGD(0.01), logOfLabel);
        TerminateOnNaN t = new TerminateOnNaN();
        List<Integer> batches = new ArrayList<>();
        List<Float> kernelAfterBatch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batches.add(batch);
                kernelAfterBatch.add(m.trainableWeights().get(0).floatValue());
            }
        };
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = System.err;
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        History h;
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        try {
            h = m.fit(Tensor.ones(6, 1), Tensor.of(new float[][] {{1}, {1}, {0}, {1}, {1}, {1}}),
                    FitOptions.builder().epochs(3).batchSize(1).shuffle(false).verbose(2)
                            .output(new PrintStream(buffer, true, StandardCharsets.UTF_8)).callbacks(t, recorder).build());
        } finally {
            System.setErr(err);
        }
        assertThat(t.stoppedAtBatch()).isEqualTo(2);
        assertThat(batches).containsExactly(0, 1, 2);
        assertThat(h.epochs()).hasSize(1);
        assertThat(kernelAfterBatch.get(2)).isFinite();
        assertThat(m.trainableWeights().get(0).floatValue()).isEqualTo(kernelAfterBatch.get(2));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Epoch 1/3").contains("Batch 2: invalid loss -Infinity, terminating training")
                .doesNotContain("Epoch 2/3");
        assertThat(errBuffer.toString(StandardCharsets.UTF_8)).doesNotContain("invalid loss");
    }

    @Test
    void isSilentWithVerboseZero() {
        Layer.resetNames();
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(0.01), Loss.of("log_of_label", (y, p) -> p.sub(y).square().add(y.log()).mean(-1)));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        TerminateOnNaN t = new TerminateOnNaN();
        m.fit(Tensor.ones(2, 1), Tensor.zeros(2, 1), FitOptions.builder().epochs(2).batchSize(1).verbose(0)
                .output(new PrintStream(buffer, true, StandardCharsets.UTF_8)).callbacks(t).build());
        assertThat(t.stoppedAtBatch()).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
