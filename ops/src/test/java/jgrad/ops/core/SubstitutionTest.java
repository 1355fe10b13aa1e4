package jgrad.ops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Substitution;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/** Variables read as other tensors inside a Substitution scope (functional_call / fast weights). */
class SubstitutionTest {
    @Test
    void opsReadTheReplacementInsideTheScopeOnly() {
        Variable w = Variable.of(Tensor.of(new double[] {2}), "w");
        Tensor x = Tensor.of(new double[] {3});
        try (Scope _ = Substitution.of(Map.of(w, Tensor.of(new double[] {5})))) {
            assertThat(x.mul(w).item()).isEqualTo(15.0);
            assertThat(w.item()).isEqualTo(2.0); // reading storage directly still sees the variable
        }
        assertThat(x.mul(w).item()).isEqualTo(6.0);
    }

    @Test
    void gradientsFlowToTheReplacementAndThroughIt() {
        // f(a) = (w' * x)^2 with w' = w - a * w (a fast weight computed from a watched a).
        Variable w = Variable.of(Tensor.of(new double[] {2}), "w");
        Tensor x = Tensor.of(new double[] {3});
        Tensor a = Tensor.of(new double[] {0.5});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a);
            Tensor fast = w.sub(a.mul(w));
            Tensor y;
            try (Scope _ = Substitution.of(Map.of(w, fast))) {
                y = w.mul(x).square();
            }
            List<Tensor> g = tape.gradient(y, List.of(a, w));
            // y = (w (1 - a) x)^2: dy/da = -2 w^2 (1-a) x^2 = -36, dy/dw = 2 w (1-a)^2 x^2 = 9
            assertThat(y.item()).isCloseTo(9.0, offset(1e-12));
            assertThat(g.get(0).item()).isCloseTo(-36.0, offset(1e-12));
            assertThat(g.get(1).item()).isCloseTo(9.0, offset(1e-12));
        }
    }

    @Test
    void aGradientTakenInsideTheScopeReadsTheRecordedTensorsNotTheReplacements() {
        // y = x * w recorded before the scope: dy/dx is w = 2 wherever the gradient is asked for,
        // not the replacement 5 (the backward pass's own ops must not be substituted).
        Variable w = Variable.of(Tensor.of(new double[] {2}), "w");
        Tensor x = Tensor.of(new double[] {3});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            Tensor y = x.mul(w).square(); // dy/dx = 2 (x w) w = 24
            try (Scope _ = Substitution.of(Map.of(w, Tensor.of(new double[] {5})))) {
                assertThat(tape.gradient(y, x).item()).isCloseTo(24.0, offset(1e-12));
                assertThat(tape.jacobian(y, x).item()).isCloseTo(24.0, offset(1e-12));
                assertThat(x.mul(w).item()).isEqualTo(15.0); // the scope is still open afterwards
            }
            assertThat(tape.gradient(y, x).item()).isCloseTo(24.0, offset(1e-12));
        }
    }

    @Test
    void scopesNestAndRestore() {
        Variable u = Variable.of(Tensor.of(new double[] {1}), "u");
        Variable v = Variable.of(Tensor.of(new double[] {1}), "v");
        try (Scope _ = Substitution.of(Map.of(u, Tensor.of(new double[] {2})))) {
            try (Scope _ = Substitution.of(Map.of(v, Tensor.of(new double[] {3})))) {
                assertThat(u.add(v).item()).isEqualTo(5.0);
            }
            assertThat(u.add(v).item()).isEqualTo(3.0);
        }
        assertThat(u.add(v).item()).isEqualTo(2.0);
    }

    @Test
    void aReplacementMustMatchShapeAndDtype() {
        Variable v = Variable.of(Tensor.zeros(DType.FLOAT64, 2, 2), "k");
        assertThatThrownBy(() -> Substitution.of(Map.of(v, Tensor.zeros(DType.FLOAT64, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Substitution.of: the replacement of 'k' is float64 [2], the variable is float64 [2, 2]");
        assertThatThrownBy(() -> Substitution.of(Map.of(v, Tensor.zeros(DType.FLOAT32, 2, 2))))
                .hasMessageContaining("float32 [2, 2], the variable is float64 [2, 2]");
    }
}
