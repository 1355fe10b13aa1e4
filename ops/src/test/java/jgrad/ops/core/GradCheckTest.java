package jgrad.ops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/** GradCheck must pass correct gradients and catch wrong ones, first and second order. */
class GradCheckTest {
    /** sin(x) with a deliberately wrong gradient (cos(x) + 0.01). */
    record WrongSin(double error) implements Op {
        @Override
        public String name() {
            return "wrong_sin";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].sin();
        }

        @Override
        public Tensor[] vjp(Op.Backward b) {
            return new Tensor[] {b.grad().mul(b.input(0).cos().add(error))};
        }
    }

    /** x^3 whose first derivative is right but whose derivative of the derivative is wrong. */
    record WrongSecondOrder() implements Op {
        @Override
        public String name() {
            return "wrong_second_order";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        public Tensor[] vjp(Op.Backward b) {
            // 3 x^2 evaluated with x cut from the tape: right value, no second derivative
            Tensor x = b.input(0).stopGradient();
            return new Tensor[] {b.grad().mul(x.square().mul(3))};
        }
    }

    private static final Tensor X = Tensor.of(new double[] {0.3, -1.2, 2.0});

    @Test
    void passesACorrectGradient() {
        GradCheck.Result r = GradCheck.check(in -> in.get(0).sin().mul(in.get(1)), List.of(X, X.mul(2)));
        assertThat(r.passed()).isTrue();
        assertThat(r.entries()).hasSize(18);
        assertThat(r.maxAbsError()).isLessThan(1e-8);
    }

    @Test
    void catchesAWrongGradient() {
        GradCheck.Result r = GradCheck.check(in -> new WrongSin(0.01).apply(in.get(0)), List.of(X));
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).hasSize(3);
        assertThatThrownBy(r::assertPassed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("gradcheck: 3 of 9 entries beyond atol");
    }

    @Test
    void catchesAWrongSecondDerivative() {
        GradCheck.check(in -> new WrongSecondOrder().apply(in.get(0)), List.of(X)).assertPassed();
        assertThat(GradCheck.gradGradCheck(in -> new WrongSecondOrder().apply(in.get(0)), List.of(X)).passed())
                .isFalse();
    }

    @Test
    void directionalCheckForLargerInputs() {
        Tensor big = Tensor.randomNormal(new Rng(1), DType.FLOAT64, 0, 1, 40, 30);
        assertThat(GradCheck.withDefaults().directionalCheck(in -> in.get(0).tanh().square(), List.of(big), 9)
                .passed()).isTrue();
        assertThat(GradCheck.withDefaults()
                .directionalCheck(in -> new WrongSin(0.05).apply(in.get(0)), List.of(big), 9).passed()).isFalse();
    }

    @Test
    void float32InputsAreCheckedInFloat64() {
        GradCheck.check(in -> in.get(0).exp(), List.of(Tensor.of(new float[] {0.1f, 0.2f}))).assertPassed();
    }
}
