package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GradientTableTest {
    @Test
    void centralDifferencesAgreeWithTheTapeOnTheNotesNetwork() {
        Notes003 n = new Notes003();
        GradientTable t = GradientTable.compare(n::lossNow, n.parameters());
        assertThat(t.h()).isEqualTo(1e-4);
        assertThat(t.loss()).isEqualTo(9213.25);
        assertThat(t.rows()).hasSize(8 + 4 + 8 + 2);
        GradientTable.Row first = t.rows("W2").getFirst();
        assertThat(first.index()).containsExactly(0, 0);
        assertThat(first.autodiff()).isEqualTo(903.75);
        assertThat(first.numerical()).isCloseTo(903.75, Offset.offset(1e-6));
        assertThat(t.rows("W1").get(7).index()).containsExactly(1, 3);
        assertThat(t.rows("W1").get(7).autodiff()).isEqualTo(1517.5);
        assertThat(t.maxRelativeError()).isLessThan(1e-8);
        assertThat(t.maxRelativeError("b2")).isLessThan(1e-8);
        // The parameters are back where they were.
        assertThat(n.w1.value().toDoubleArray2D()).isEqualTo(new double[][] {{0.5, 1, 7, 3}, {1, 2, 1, 0.5}});
        assertThat(n.lossNow().item()).isEqualTo(9213.25);
    }

    @Test
    void theTableShowsOneBlockPerParameter() {
        Notes003 n = new Notes003();
        String s = GradientTable.compare(n::lossNow, n.parameters()).toString();
        assertThat(s).startsWith("Numerical vs autodiff gradients: central differences with h = 0.0001 at loss"
                + " 9213.25\n");
        assertThat(s).contains("\nW2 [4, 2] float64, 8 elements, largest relative error ");
        assertThat(s).containsPattern("\\n  \\[0, 0]\\s+903\\.75000\\d+\\s+903\\.7500000+\\s+\\d\\.\\d\\de-\\d\\d\\n");
        assertThat(s.lines().filter(l -> l.startsWith("  index")).count()).isEqualTo(4);
    }

    @Test
    void largeParametersListTheFirstRowsAndCountTheRest() {
        Rng rng = new Rng(4);
        Variable w = Variable.of(Tensor.randomNormal(rng, jgrad.core.DType.FLOAT64, 0, 1, 5, 5), "w");
        GradientTable t = GradientTable.compare(() -> w.tanh().sum(), List.of(w));
        assertThat(t.rows()).hasSize(25);
        assertThat(t.toString()).contains("  ... 13 more (rows() has them all)\n");
        assertThat(t.maxRelativeError()).isLessThan(1e-7);
    }

    @Test
    void float32ParametersAgreeToFloat32Precision() {
        Variable w = Variable.of(Tensor.of(new float[] {0.3f, -0.7f}), "w");
        GradientTable t = GradientTable.compare(() -> w.sigmoid().sum(), List.of(w), 1e-2);
        assertThat(t.maxRelativeError()).isLessThan(1e-3).isGreaterThan(0);
        assertThat(w.toFloatArray()).containsExactly(0.3f, -0.7f);
    }

    @Test
    void parametersAreRestoredWhenTheLossThrows() {
        Variable w = Variable.of(Tensor.of(new double[] {1, 2}), "w");
        int[] calls = {0};
        assertThatThrownBy(() -> GradientTable.compare(() -> {
            if (++calls[0] > 2) {
                throw new IllegalStateException("boom");
            }
            return w.square().sum();
        }, List.of(w))).hasMessage("boom");
        assertThat(w.toDoubleArray()).containsExactly(1, 2);
    }

    @Test
    void badArgumentsAreNamed() {
        Variable w = Variable.of(Tensor.of(new double[] {1}), "w");
        Variable ints = Variable.of(Tensor.of(new long[] {1}), "steps", false);
        assertThatThrownBy(() -> GradientTable.compare(() -> w.sum(), List.of(w), 0)).hasMessageContaining(
                "h must be a positive finite step, got 0.0");
        assertThatThrownBy(() -> GradientTable.compare(() -> w.sum(), List.of())).hasMessageContaining("no parameters");
        assertThatThrownBy(() -> GradientTable.compare(() -> w.sum(), List.of(ints)))
                .hasMessageContaining("parameter 'steps' is int64");
        assertThatThrownBy(() -> GradientTable.compare(() -> w.greater(0.0), List.of(w)))
                .hasMessageContaining("the loss must be float32 or float64, got bool");
        GradientTable t = GradientTable.compare(() -> w.sum(), List.of(w));
        assertThatThrownBy(() -> t.rows("v")).hasMessageContaining("no parameter named 'v'; parameters are [w]");
    }

    @Test
    void rowsCompareByValue() {
        GradientTable.Row a = new GradientTable.Row("w", new int[] {1, 2}, 1.0, 1.0);
        GradientTable.Row b = new GradientTable.Row("w", new int[] {1, 2}, 1.0, 1.0);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.relativeError()).isZero();
        assertThat(new GradientTable.Row("w", new int[0], 0, 0).relativeError()).isZero();
        assertThat(new GradientTable.Row("w", new int[0], 1, 1.5).relativeError()).isCloseTo(1 / 3.0,
                Offset.offset(1e-15));
        assertThat(a.toString()).isEqualTo("w[1, 2]: numerical 1.0, autodiff 1.0");
    }
}
