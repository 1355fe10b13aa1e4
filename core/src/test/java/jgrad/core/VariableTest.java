package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Variable state handling; gradients through Variables are tested with the tape in module ops. */
class VariableTest {
    @Test
    void assignReplacesValueAndBumpsVersion() {
        Variable v = Variable.of(Tensor.of(new float[] {1, 2}), "v");
        Tensor before = v.value();
        v.assign(Tensor.of(new float[] {3, 4}));
        assertThat(v.toFloatArray()).containsExactly(3, 4);
        assertThat(before.toFloatArray()).containsExactly(1, 2);
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.name()).isEqualTo("v");
    }

    @Test
    void assignChecksShapeAndDtype() {
        Variable v = Variable.of(Tensor.zeros(2, 2), "w");
        assertThatThrownBy(() -> v.assign(Tensor.zeros(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Variable 'w'.assign: value has shape [3], the variable has shape [2, 2]");
        assertThatThrownBy(() -> v.assign(Tensor.zeros(DType.FLOAT64, 2, 2)))
                .hasMessageContaining("value has dtype float64, the variable has float32");
    }

    @Test
    void integerVariablesCannotBeTrainable() {
        assertThatThrownBy(() -> Variable.of(Tensor.of(new long[] {1})))
                .hasMessageContaining("must be float32 or float64");
        Variable steps = Variable.of(Tensor.of(0L), "steps", false);
        assertThat(steps.trainable()).isFalse();
    }

    @Test
    void printsNameAndValue() {
        Variable v = Variable.of(Tensor.of(new float[] {1, 2}), "bias");
        assertThat(v.toString()).startsWith("Variable 'bias' Tensor([1., 2.]");
    }
}
