package jgrad.nn.layers.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.conv.LayerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ReLU and LeakyReLU layers: Keras's documented examples, its relu formula, configs and gradients. */
class ActivationLayersTest {
    private static final Tensor X = Tensor.of(new double[] {-3.0, -1.0, 0.0, 2.0}).reshape(1, 4);

    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    private static double[] apply(Layer l, Tensor x) {
        l.setDtype(DType.FLOAT64);
        return l.call(x).toDoubleArray();
    }

    @Test
    void reluMatchesKerasDocumentedExamples() {
        // within(0.0): the relu kernel may give -0.0 for negative inputs, equal to 0.0 as a number.
        assertThat(apply(new ReLU(), X)).containsExactly(new double[] {0, 0, 0, 2}, within(0.0));
        assertThat(apply(new ReLU(1.0), X)).containsExactly(new double[] {0, 0, 0, 1}, within(0.0));
        assertThat(apply(ReLU.builder().negativeSlope(1.0).build(), X)).containsExactly(new double[] {-3, -1, 0, 2},
                within(0.0));
        assertThat(apply(ReLU.builder().threshold(1.5).build(), X)).containsExactly(new double[] {0, 0, 0, 2},
                within(0.0));
        // Keras's formula with all three: clip(x * (x > t), 0, max) - slope * relu(t - x).
        Tensor x = Tensor.of(new double[] {-1, 0.5, 1, 2, 5}).reshape(1, 5);
        double[] y = apply(ReLU.builder().maxValue(4.0).negativeSlope(0.5).threshold(1).build(), x);
        assertThat(y).containsExactly(new double[] {-1, -0.25, 0, 2, 4}, within(1e-15));
        assertThat(apply(new ReLU(6.0), Tensor.of(new double[] {-1, 3, 7}).reshape(1, 3)))
                .containsExactly(new double[] {0, 3, 6}, within(0.0));
        Layer.resetNames();
        assertThat(new ReLU().name()).isEqualTo("re_lu");
        assertThat(new ReLU().call(Input.of(4, 4, 2)).shape().dims()).containsExactly(4, 4, 2);
    }

    @Test
    void leakyReluUsesKeras3DefaultSlope() {
        assertThat(apply(new LeakyReLU(), X)).containsExactly(new double[] {-0.9, -0.3, 0, 2}, within(1e-15));
        assertThat(apply(new LeakyReLU(0.2), X)).containsExactly(new double[] {-0.6, -0.2, 0, 2}, within(1e-15));
        Layer.resetNames();
        assertThat(new LeakyReLU().name()).isEqualTo("leaky_re_lu");
        assertThat(new LeakyReLU().negativeSlope()).isEqualTo(0.3);
    }

    @Test
    void badArgumentsFail() {
        assertThatThrownBy(() -> new ReLU(-1.0)).hasMessage("ReLU: max_value must be >= 0, got -1.0");
        assertThatThrownBy(() -> ReLU.builder().negativeSlope(-0.1).build())
                .hasMessage("ReLU: negative_slope must be >= 0, got -0.1");
        assertThatThrownBy(() -> ReLU.builder().threshold(-1).build())
                .hasMessage("ReLU: threshold must be >= 0, got -1.0");
        assertThatThrownBy(() -> new LeakyReLU(Double.NaN)).hasMessageContaining("negative_slope must be >= 0");
    }

    @Test
    void configsRoundTrip() {
        for (Layer l : List.of(new ReLU(), ReLU.builder().maxValue(6.0).negativeSlope(0.1).threshold(0.5).build(),
                new LeakyReLU(0.2))) {
            Map<String, Object> c = l.config();
            assertThat(LayerRegistry.create(l.className(), c).config()).isEqualTo(c);
        }
        assertThat(new ReLU().config()).containsEntry("max_value", null).containsEntry("negative_slope", 0.0);
        Layer keras2 = LayerRegistry.create("LeakyReLU", Map.of("alpha", 0.1));
        assertThat(((LeakyReLU) keras2).negativeSlope()).isEqualTo(0.1);
    }

    @Test
    void gradientsOfEveryOrder() {
        // Inputs away from the kinks (0, the threshold, the cap).
        Tensor x = Tensor.of(new double[] {-2.3, -0.7, 0.4, 1.3, 2.6, 7.1}).reshape(2, 3);
        LayerFixtures.gradCheck(withDtype(new ReLU()), x);
        LayerFixtures.gradCheck(withDtype(ReLU.builder().maxValue(6.0).negativeSlope(0.1).threshold(1).build()), x);
        LayerFixtures.gradCheck(withDtype(new LeakyReLU()), x);
    }

    private static Layer withDtype(Layer l) {
        l.setDtype(DType.FLOAT64);
        return l;
    }
}
