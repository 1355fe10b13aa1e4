package jgrad.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.codegen.fused.Kernels;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.SparseCategoricalCrossentropy;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nn's {@code compile(..., jitCompile)} with codegen present: the train step goes through the
 * fused plan, and the losses match eager training within float tolerance.
 */
class JitTrainingTest {
    @BeforeEach
    void setUp() {
        Kernels.setSynchronous(true);
    }

    @AfterEach
    void tearDown() {
        Kernels.setSynchronous(false);
        Codegen.setEnabled(true);
    }

    private static List<Double> train(boolean jit) {
        Layer.resetNames();
        Rng.setGlobalSeed(5);
        Sequential model = new Sequential(Input.of(12), new Dense(16, "relu"), new Dense(8, "tanh"),
                new Dense(8, "sigmoid"), new Dense(4));
        model.compile(new Adam(0.01), new SparseCategoricalCrossentropy(true), jit);
        int n = 72;
        Tensor x = Tensor.randomNormal(new Rng(11), 0, 1, n, 12);
        Rng rng = new Rng(12);
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
        }
        FitOptions o = FitOptions.builder().epochs(5).batchSize(32).verbose(0).seed(2).build();
        return model.fit(x, Tensor.of(y), o).get("loss");
    }

    @Test
    void jitTrainingMatchesEagerTraining() {
        assertThat(jgrad.core.Jit.isAvailable()).isTrue();
        List<Double> eager = train(false);
        List<Double> jit = train(true);
        assertThat(jit).hasSize(5);
        for (int e = 0; e < 5; e++) {
            assertThat(jit.get(e)).as("epoch %d", e).isCloseTo(eager.get(e), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(jit.get(4)).isLessThan(jit.get(0));
    }

    @Test
    void jitTrainingWithFusionSwitchedOffIsTheSame() {
        List<Double> on = train(true);
        Codegen.setEnabled(false);
        List<Double> off = train(true);
        for (int e = 0; e < on.size(); e++) {
            assertThat(off.get(e)).isCloseTo(on.get(e), org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
