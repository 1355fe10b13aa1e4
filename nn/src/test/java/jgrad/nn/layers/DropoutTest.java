package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void trainingDropsAndRescalesInferenceIsIdentity() {
        Dropout d = new Dropout(0.25, 42L);
        Tensor x = Tensor.ones(100, 40);
        Tensor y = d.call(x, true);
        float[] v = y.toFloatArray();
        int zeros = 0;
        for (float f : v) {
            assertThat(f == 0f || Math.abs(f - 1 / 0.75f) < 1e-6).isTrue();
            zeros += f == 0f ? 1 : 0;
        }
        assertThat(zeros / 4000.0).isBetween(0.2, 0.3);
        assertThat(d.call(x, false)).isSameAs(x);
    }

    @Test
    void sameSeedSameMasks() {
        Tensor x = Tensor.ones(10, 10);
        assertThat(new Dropout(0.5, 7L, null).call(x, true).contentEquals(new Dropout(0.5, 7L, null).call(x, true)))
                .isTrue();
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("rate must be in [0, 1)");
        Dropout d = new Dropout(0.3, 9L, "drop");
        assertThat(Dropout.fromConfig(d.config()).config()).isEqualTo(d.config());
    }
}
