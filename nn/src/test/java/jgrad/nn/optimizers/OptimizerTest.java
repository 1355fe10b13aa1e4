package jgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.optimizers.schedules.ExponentialDecay;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void nullGradientsAreSkippedAndAllNullIsAnError() {
        Variable a = Variable.of(Tensor.of(new double[] {1}), "a");
        Variable b = Variable.of(Tensor.of(new double[] {1}), "b");
        SGD sgd = new SGD(0.5);
        sgd.apply(Arrays.asList(Tensor.of(new double[] {2}), null), List.of(a, b));
        assertThat(a.getDouble(0)).isEqualTo(0.0);
        assertThat(b.getDouble(0)).isEqualTo(1.0);
        assertThat(sgd.iterations()).isEqualTo(1);
        assertThatThrownBy(() -> sgd.apply(Arrays.asList(null, null), List.of(a, b)))
                .hasMessageContaining("no gradients provided for any variable [a, b]");
        assertThatThrownBy(() -> sgd.apply(List.of(Tensor.of(new double[] {1, 2})), List.of(a)))
                .hasMessageContaining("the gradient of 'a' has shape [2], the variable has [1]");
        assertThatThrownBy(() -> sgd.apply(List.of(), List.of(a))).hasMessageContaining("0 gradients for 1 variables");
    }

    @Test
    void clipByValueNormAndGlobalNorm() {
        Variable w = Variable.of(Tensor.of(new double[] {0, 0}), "w");
        new SGD(1).clipValue(0.5).apply(List.of(Tensor.of(new double[] {3, -0.2})), List.of(w));
        assertThat(w.toDoubleArray()).containsExactly(-0.5, 0.2);

        Variable v = Variable.of(Tensor.of(new double[] {0, 0}), "v");
        new SGD(1).clipNorm(1).apply(List.of(Tensor.of(new double[] {3, 4})), List.of(v));
        assertThat(v.getDouble(0)).isEqualTo(-0.6, within(1e-15));
        assertThat(v.getDouble(1)).isEqualTo(-0.8, within(1e-15));

        Variable p = Variable.of(Tensor.of(new double[] {0}), "p");
        Variable q = Variable.of(Tensor.of(new double[] {0}), "q");
        new SGD(1).globalClipNorm(2.5).apply(List.of(Tensor.of(new double[] {3}), Tensor.of(new double[] {4})),
                List.of(p, q));
        assertThat(p.getDouble(0)).isEqualTo(-1.5, within(1e-15));
        assertThat(q.getDouble(0)).isEqualTo(-2.0, within(1e-15));

        Variable small = Variable.of(Tensor.of(new double[] {0}), "s");
        new SGD(1).clipNorm(10).apply(List.of(Tensor.of(new double[] {3})), List.of(small));
        assertThat(small.getDouble(0)).isEqualTo(-3.0);

        assertThatThrownBy(() -> new SGD().clipNorm(1).clipValue(1)).hasMessageContaining("only one of");
        assertThatThrownBy(() -> new SGD().clipNorm(0)).hasMessageContaining("clipNorm must be a finite number > 0");
    }

    @Test
    void scheduleIsReadAtEachStepsIterationCount() {
        SGD sgd = new SGD(new ExponentialDecay(0.5, 100, 0.97));
        Variable w = Variable.of(Tensor.of(new double[] {0}), "w");
        assertThat(sgd.learningRate()).isEqualTo(0.5);
        for (int i = 0; i < 100; i++) {
            sgd.apply(List.of(Tensor.of(new double[] {1})), List.of(w));
        }
        assertThat(sgd.learningRate()).isEqualTo(0.5 * 0.97, within(1e-15));
        double expected = 0;
        for (int i = 0; i < 100; i++) {
            expected -= 0.5 * Math.pow(0.97, i / 100.0);
        }
        assertThat(w.getDouble(0)).isEqualTo(expected, within(1e-12));
        sgd.setLearningRate(0.25);
        assertThat(sgd.learningRate()).isEqualTo(0.25);
        sgd.reset();
        assertThat(sgd.iterations()).isZero();
    }

    @Test
    void float32VariablesStayFloat32AndFrozenOnesCanStillBeGiven() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2}), "w32");
        new Adam(0.1).apply(List.of(Tensor.of(new float[] {1, 1})), List.of(w));
        assertThat(w.dtype()).isEqualTo(jgrad.core.DType.FLOAT32);
        assertThat(w.getDouble(0)).isEqualTo(0.9, within(1e-6));
    }

    @Test
    void minimizeRunsTheTapeForYou() {
        Variable w = Variable.of(Tensor.of(new double[] {0.5}), "w");
        SGD sgd = new SGD(0.25);
        // The notes' gradient descent on (w - 2)^2 from 0.5 with alpha 0.25: w = 1.25, loss 2.25 then 0.5625.
        Tensor loss = sgd.minimize(() -> w.sub(2).square().sum(), List.of(w));
        assertThat(loss.item()).isEqualTo(2.25);
        assertThat(w.getDouble(0)).isEqualTo(1.25);
        try (GradientTape tape = new GradientTape()) {
            assertThat(w.sub(2).square().sum().item()).isEqualTo(0.5625);
        }
    }

    @Test
    void lookupByName() {
        assertThat(Optimizer.get("adam")).isInstanceOf(Adam.class);
        assertThat(Optimizer.get("SGD")).isInstanceOf(SGD.class);
        assertThat(Optimizer.get("rmsprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizer.get("adagrad")).isInstanceOf(Adagrad.class);
        assertThat(Optimizer.get("adamw")).isInstanceOf(AdamW.class);
        assertThat(Optimizer.get("adamax")).isInstanceOf(Adamax.class);
        assertThat(Optimizer.get("nadam")).isInstanceOf(Nadam.class);
        assertThatThrownBy(() -> Optimizer.get("lbfgs")).hasMessageContaining("unknown optimizer 'lbfgs'");
        assertThat(new Adam(0.01).toString()).startsWith("Adam{name=Adam, learning_rate=0.01");
    }
}
