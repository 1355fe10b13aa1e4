package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class LayerNormalizationTest {
    @Test
    void normalizesEachSampleOverTheLastAxis() {
        LayerNormalization ln = new LayerNormalization();
        ln.setDtype(DType.FLOAT64);
        Tensor x = Tensor.of(new double[][] {{1, 2, 3, 6}, {-1, -1, 1, 1}});
        Tensor y = ln.call(x, true);
        double mean = 3;
        double var = (4 + 1 + 0 + 9) / 4.0;
        assertThat(y.getDouble(0, 3)).isEqualTo((6 - mean) / Math.sqrt(var + 1e-3), within(1e-12));
        assertThat(y.getDouble(1, 0)).isEqualTo(-1 / Math.sqrt(1 + 1e-3), within(1e-12));
        assertThat(ln.call(x, false).allClose(y, 0, 0)).isTrue();
        assertThat(ln.countParams()).isEqualTo(8);
        ln.gamma().assign(Tensor.full(DType.FLOAT64, 2, 4));
        ln.beta().assign(Tensor.full(DType.FLOAT64, 1, 4));
        assertThat(ln.call(x).getDouble(1, 0)).isEqualTo(2 * (-1 / Math.sqrt(1 + 1e-3)) + 1, within(1e-12));
    }

    @Test
    void severalAxesAndErrors() {
        LayerNormalization ln = new LayerNormalization(new int[] {1, 2}, 1e-5, false, true, "ln");
        Tensor y = ln.call(Tensor.randomNormal(new jgrad.core.Rng(1), 3, 2, 2, 3, 4));
        assertThat(ln.gamma().shape()).isEqualTo(Shape.of(3, 4));
        assertThat(ln.beta()).isNull();
        assertThat(y.mean(new int[] {1, 2}, false).abs().max().item()).isLessThan(1e-5);
        assertThatThrownBy(() -> ln.call(Tensor.ones(2, 3, 5))).hasMessageContaining("axis 2 of size 4");
        assertThatThrownBy(() -> new LayerNormalization(new int[0], 1e-3, true, true, null))
                .hasMessageContaining("at least one axis");
        assertThat(LayerNormalization.fromConfig(ln.config()).config()).isEqualTo(ln.config());
    }
}
