package jgrad.nn.io;

import static jgrad.nn.io.ResumeTest.model;
import static jgrad.nn.io.ResumeTest.sameBits;
import static jgrad.nn.io.ResumeTest.values;
import static jgrad.nn.io.ResumeTest.x;
import static jgrad.nn.io.ResumeTest.y;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jgrad.nn.FitOptions;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.losses.Loss;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.optimizers.SGD;
import jgrad.nn.optimizers.schedules.ExponentialDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file carries the compile settings of built-ins (Keras's {@code load_model} compiles
 * the model again): the loaded model fits without {@code compile} and continues the run exactly;
 * custom pieces and schedules load uncompiled, as documented.
 */
class CompileConfigTest {
    @TempDir
    Path dir;

    static FitOptions epochs(int from, int to) {
        return FitOptions.builder().initialEpoch(from).epochs(to).batchSize(16).verbose(0).build();
    }

    static void compile(Model m) {
        m.compile(new Adam(0.01).beta1(0.8).amsgrad(true).clipNorm(5), "huber", "mae", "rmse");
    }

    @Test
    void aLoadedModelFitsWithoutCompileAndContinuesTheRunExactly() {
        Sequential straight = model();
        compile(straight);
        straight.fit(x(), y(), epochs(0, 2));

        Sequential first = model();
        compile(first);
        first.fit(x(), y(), epochs(0, 1));
        Path file = dir.resolve("m.jgrad");
        first.save(file);

        Model m = Model.load(file);
        assertThat(m.isCompiled()).isTrue();
        assertThat(m.optimizer()).isInstanceOf(Adam.class);
        assertThat(m.optimizer().config()).isEqualTo(first.optimizer().config());
        assertThat(m.optimizer().iterations()).isEqualTo(6);
        assertThat(m.loss().config()).isEqualTo(first.loss().config());
        assertThat(m.loss().getClass()).isEqualTo(first.loss().getClass());
        assertThat(m.loss().name()).isEqualTo(first.loss().name());
        assertThat(m.metrics().get(0).stream().map(Metric::name).toList()).containsExactly("mae", "rmse");
        m.fit(x(), y(), epochs(1, 2));
        assertThat(sameBits(straight.weights(), values(m))).isTrue();

        // Compiling the loaded model again, as code written before files held the settings does,
        // still continues from the saved optimizer state.
        Model again = Model.load(file);
        compile(again);
        again.fit(x(), y(), epochs(1, 2));
        assertThat(sameBits(straight.weights(), values(again))).isTrue();
    }

    @Test
    void customLossesAndSchedulesLoadUncompiled() {
        Sequential custom = model();
        custom.compile(new Adam(0.01), Loss.of("mine", (t, p) -> t.sub(p).square().mean(-1)));
        custom.fit(x(), y(), epochs(0, 1));
        Path file = dir.resolve("custom.jgrad");
        custom.save(file);
        Model m = Model.load(file);
        assertThat(m.isCompiled()).isFalse();
        assertThat(m.trainingProgress().pendingOptimizerClass()).isEqualTo(Adam.class.getName());

        Sequential scheduled = model();
        scheduled.compile(new Adam(new ExponentialDecay(0.02, 3, 0.9)), "mse");
        Path file2 = dir.resolve("scheduled.jgrad");
        scheduled.save(file2);
        assertThat(Model.load(file2).isCompiled()).isFalse();
    }

    @Test
    void everyBuiltInOptimizerRebuildsFromItsSettings() {
        for (Optimizer o : List.of(new SGD(0.1).momentum(0.9).nesterov(true), new RMSprop(0.002).centered(true)
                .rho(0.8), Optimizer.get("adagrad"), Optimizer.get("adamax"), Optimizer.get("nadam"),
                Optimizer.get("adamw").weightDecay(0.05), new Adam(1e-3).globalClipNorm(1))) {
            Optimizer back = CompileConfig.optimizer(o.getClass().getSimpleName(), o.config());
            assertThat(back).as(o.toString()).isInstanceOf(o.getClass());
            assertThat(back.config()).as(o.toString()).isEqualTo(o.config());
        }
        assertThat(CompileConfig.optimizer("Adam", new Adam(new ExponentialDecay(0.1, 2, 0.5)).config())).isNull();
    }
}
