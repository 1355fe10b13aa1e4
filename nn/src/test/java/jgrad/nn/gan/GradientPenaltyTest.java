package jgrad.nn.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/** WGAN-GP's penalty: a linear critic by hand, and finite differences through the double backward. */
class GradientPenaltyTest {
    @Test
    void linearCriticHasTheSameGradientEverywhere() {
        // f(x) = x . w: grad_x f = w for every sample, penalty (|w| - 1)^2, d penalty/dw = 2 (|w| - 1) w / |w|
        Variable w = Variable.of(Tensor.of(new double[][] {{3}, {4}}), "w");
        Rng rng = new Rng(1);
        Tensor real = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 6, 2);
        Tensor fake = Tensor.randomNormal(rng, DType.FLOAT64, 3, 1, 6, 2);
        GradientPenalty.Result r;
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            r = GradientPenalty.compute(x -> x.matmul(w), real, fake, new Rng(2));
            g = tape.gradient(r.penalty(), w);
        }
        assertThat(r.penalty().item()).isCloseTo(16.0, offset(1e-12));
        assertThat(r.norms().toDoubleArray()).containsOnly(5.0);
        assertThat(g.toDoubleArray()).containsExactly(new double[] {2 * 4 * 3 / 5.0, 2 * 4 * 4 / 5.0}, offset(1e-12));
    }

    /** A small nonlinear critic with its weights as inputs, for GradCheck. */
    private static Tensor critic(Tensor x, Tensor w1, Tensor w2) {
        return x.matmul(w1).tanh().matmul(w2);
    }

    @Test
    void penaltyGradientMatchesCentralDifferences() {
        Rng rng = new Rng(3);
        Tensor real = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 3);
        Tensor fake = Tensor.randomNormal(rng, DType.FLOAT64, 1, 1, 5, 3);
        Tensor eps = Tensor.randomUniform(rng, DType.FLOAT64, 0, 1, 5, 1);
        Tensor w1 = Tensor.randomNormal(rng, DType.FLOAT64, 0, 0.7, 3, 4);
        Tensor w2 = Tensor.randomNormal(rng, DType.FLOAT64, 0, 0.7, 4, 1);
        GradCheck.check(in -> GradientPenalty.compute(x -> critic(x, in.get(0), in.get(1)), real, fake, eps).penalty(),
                List.of(w1, w2)).assertPassed();
    }

    @Test
    void badInputsFailClearly() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 4, 2);
        Tensor b = Tensor.zeros(DType.FLOAT64, 4, 3);
        assertThatThrownBy(() -> GradientPenalty.of(x -> x.sum(), a, b, new Rng(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GradientPenalty: real float64 [4, 2] and fake float64 [4, 3] batches must have one shape"
                        + " and dtype");
        assertThatThrownBy(() -> GradientPenalty.of(x -> x, a, a, new Rng(0)))
                .hasMessageContaining("one score per sample, got [4, 2] for a batch of 4");
    }
}
