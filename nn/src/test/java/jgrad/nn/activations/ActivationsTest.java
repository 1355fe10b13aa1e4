package jgrad.nn.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.UnaryOperator;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    @Test
    void everyNameWorksAndKeepsItsName() {
        Tensor x = Tensor.of(new double[][] {{-2, 0.5, 8}});
        for (String name : Activations.NAMES) {
            Activations.Named a = Activations.get(name);
            assertThat(a.apply(x).shape()).isEqualTo(x.shape());
            assertThat(Activations.nameOf(a)).isEqualTo(name);
        }
        assertThat(Activations.get("relu").apply(x).toDoubleArray()).containsExactly(0, 0.5, 8);
        assertThat(Activations.get("relu6").apply(x).toDoubleArray()).containsExactly(0, 0.5, 6);
        assertThat(Activations.get("linear").apply(x)).isSameAs(x);
        assertThat(Activations.get(null).name()).isEqualTo("linear");
        assertThat(Activations.get("leaky_relu").apply(x).getDouble(0, 0)).isEqualTo(-0.4, within(1e-12));
        assertThat(Activations.get("softmax").apply(x).sum().item()).isEqualTo(1, within(1e-12));
        assertThat(Activations.get("sigmoid").apply(x).getDouble(0, 1)).isEqualTo(1 / (1 + Math.exp(-0.5)),
                within(1e-12));
        UnaryOperator<Tensor> lambda = t -> t;
        assertThat(Activations.nameOf(lambda)).isNull();
        assertThat(Activations.nameOf(null)).isEqualTo("linear");
        assertThatThrownBy(() -> Activations.get("swoosh")).hasMessageContaining("unknown activation 'swoosh'");
    }
}
