package jgrad.ops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.CustomGradient;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

class CustomGradientTest {
    private static Tensor log1pexp(Tensor x) {
        return CustomGradient.apply("log1pexp", in -> in[0].exp().add(1).log(),
                b -> new Tensor[] {b.grad().mul(b.input(0).sigmoid())}, x);
    }

    @Test
    void replacesAnUnstableGradient() {
        Tensor x = Tensor.of(new double[] {0, 800});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            Tensor naive = x.exp().add(1).log();
            Tensor custom = log1pexp(x);
            assertThat(tape.gradient(naive, x).toDoubleArray()[1]).isNaN(); // exp overflows: inf / inf
            assertThat(tape.gradient(custom, x).toDoubleArray()).containsExactly(0.5, 1.0);
            assertThat(tape.operations()).extracting(op -> op.op().name()).contains("log1pexp");
        }
    }

    @Test
    void customGradientsCanBeDifferentiatedAgain() {
        GradCheck.gradGradCheck(in -> log1pexp(in.get(0)), List.of(Tensor.of(new double[] {-1, 0.5, 2})))
                .assertPassed();
        Tensor x = Tensor.of(0.0);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor g;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                g = inner.gradient(log1pexp(x), x);
            }
            assertThat(outer.gradient(g, x).item()).isCloseTo(0.25, within(1e-12)); // sigmoid'(0)
        }
    }
}
