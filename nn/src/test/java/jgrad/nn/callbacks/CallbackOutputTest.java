package jgrad.nn.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.Test;

/** Callbacks print where fit prints its progress, so a log file or a test buffer gets every line. */
class CallbackOutputTest {
    @Test
    void callbackMessagesGoToFitsOutput() {
        Layer.resetNames();
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(0.0), "mse"); // learning rate 0: the loss never improves, so early stopping fires
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        ByteArrayOutputStream stdoutBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdoutBuffer, true, StandardCharsets.UTF_8));
        try {
            m.fit(Tensor.ones(4, 1), Tensor.zeros(4, 1), FitOptions.builder().epochs(10).batchSize(2).verbose(2)
                    .output(new PrintStream(buffer, true, StandardCharsets.UTF_8))
                    .callbacks(new EarlyStopping("loss").patience(1).verbose(true),
                            new LearningRateScheduler((epoch, lr) -> 0.0, true))
                    .build());
        } finally {
            System.setOut(stdout);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Epoch 2: early stopping")
                .contains("Epoch 1: LearningRateScheduler setting learning rate to 0.0.");
        assertThat(stdoutBuffer.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
