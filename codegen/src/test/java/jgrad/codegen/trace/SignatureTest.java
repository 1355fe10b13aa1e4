package jgrad.codegen.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

class SignatureTest {
    @Test
    void shapesDtypesVariablesAndAliasesMatterValuesDoNot() {
        Tensor a = Tensor.of(new float[] {1, 2});
        Tensor b = Tensor.of(new float[] {3, 4});
        assertThat(Signature.of(a, b)).isEqualTo(Signature.of(b, a));
        assertThat(Signature.of(a, a)).isNotEqualTo(Signature.of(a, b));
        assertThat(Signature.of(a)).isNotEqualTo(Signature.of(Tensor.zeros(3)));
        assertThat(Signature.of(a)).isNotEqualTo(Signature.of(Tensor.zeros(DType.FLOAT64, 2)));
        assertThat(Signature.of(a)).isNotEqualTo(Signature.of(Variable.of(a)));
        assertThat(Signature.of(Variable.of(a), a, a).toString())
                .isEqualTo("[Variable float32[2], float32[2], float32[2] (same as argument 1)]");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Signature.of(Tensor.zeros(1), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("argument 1 is null");
    }
}
