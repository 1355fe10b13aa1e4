package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.Jit;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.losses.SparseCategoricalCrossentropy;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code compile(..., jitCompile)}: module nn's tests run without codegen, so the compiled step is
 * the plain one and training must give exactly the same losses (codegen's tests check the fused
 * step against these within float tolerance).
 */
class JitCompileTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    static Tensor features(int n) {
        return Tensor.randomNormal(new Rng(11), 0, 1, n, 6);
    }

    static Tensor labels(int n) {
        Rng rng = new Rng(12);
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
        }
        return Tensor.of(y);
    }

    private static List<Double> train(boolean jit, boolean dropout, Tensor sampleWeight) {
        Rng.setGlobalSeed(5);
        Sequential model = dropout
                ? new Sequential(Input.of(6), new Dense(8, "relu"), new Dropout(0.3, 4), new Dense(3))
                : new Sequential(Input.of(6), new Dense(8, "relu"), new Dense(5, "tanh"), new Dense(3));
        model.compile(new Adam(0.01), new SparseCategoricalCrossentropy(true), jit, Metric.get("accuracy"));
        assertThat(model.jitCompile()).isEqualTo(jit);
        int n = 40;
        FitOptions.Builder o = FitOptions.builder().epochs(4).batchSize(16).verbose(0).seed(2);
        if (sampleWeight != null) {
            o.sampleWeight(sampleWeight);
        }
        return model.fit(features(n), labels(n), o.build()).get("loss");
    }

    @Test
    void jitCompiledTrainingGivesTheSameLossesWithoutCodegen() {
        assertThat(Jit.isAvailable()).isFalse();
        List<Double> eager = train(false, false, null);
        List<Double> jit = train(true, false, null);
        assertThat(jit).hasSize(4).isEqualTo(eager);
        assertThat(eager.get(3)).isLessThan(eager.get(0));
    }

    @Test
    void sampleWeightsAndDropoutWorkWithJit() {
        Tensor w = Tensor.randomUniform(new Rng(3), 0.5, 1.5, 40);
        assertThat(train(true, false, w)).isEqualTo(train(false, false, w));
        assertThat(train(true, true, null)).isEqualTo(train(false, true, null));
    }

    @Test
    void setJitCompileTogglesAfterCompile() {
        Sequential model = new Sequential(Input.of(6), new Dense(3));
        model.compile("sgd", "mse");
        assertThat(model.jitCompile()).isFalse();
        model.setJitCompile(true);
        assertThat(model.jitCompile()).isTrue();
        Tensor x = features(8);
        Tensor y = Tensor.zeros(8, 3);
        double before = model.evaluate(x, y).get("loss");
        model.trainOnBatch(x, y);
        assertThat(model.evaluate(x, y).get("loss")).isLessThan(before);
    }
}
