package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ActivationTest {
    @Test
    void appliesTheNamedFunction() {
        Tensor x = Tensor.of(new float[][] {{-1, 2}});
        assertThat(new Activation("relu").call(x).toFloatArray()).containsExactly(0f, 2f);
        assertThat(new Activation(Tensor::neg).call(x).toFloatArray()).containsExactly(1f, -2f);
        Activation a = new Activation("tanh");
        assertThat(Activation.fromConfig(a.config()).config()).isEqualTo(a.config());
        assertThat(a.toString()).contains("Activation: tanh");
    }
}
