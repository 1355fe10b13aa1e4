package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    private static final Tensor TRAIN = Tensor.of(new double[][] {{0.16, 10.01}, {-0.09, -20.03}, {0.58, 29.06}});

    @Test
    void mapsEachFeatureToTheUnitIntervalAndBack() {
        MinMaxScaler s = MinMaxScaler.fit(TRAIN);
        assertThat(s.dataMin()).containsExactly(-0.09, -20.03);
        assertThat(s.dataMax()).containsExactly(0.58, 29.06);
        Tensor t = s.transform(TRAIN);
        assertThat(t.getDouble(1, 0)).isCloseTo(0, offset(1e-12));
        assertThat(t.getDouble(2, 1)).isCloseTo(1, offset(1e-12));
        assertThat(t.getDouble(0, 0)).isCloseTo((0.16 + 0.09) / 0.67, offset(1e-12));
        assertThat(s.inverseTransform(t).allClose(TRAIN, 1e-12, 1e-12)).isTrue();
        assertThat(s.transform(Dataset.of(TRAIN, Tensor.zeros(3))).x().getDouble(2, 0)).isCloseTo(1, offset(1e-12));
    }

    @Test
    void otherRangesConstantFeaturesAndUnclippedTestData() {
        MinMaxScaler s = MinMaxScaler.fit(Tensor.of(new double[][] {{0, 3}, {10, 3}}), -1, 1);
        Tensor t = s.transform(Tensor.of(new double[][] {{5, 3}, {20, 4}}));
        assertThat(t.getDouble(0, 0)).isCloseTo(0, offset(1e-12));
        assertThat(t.getDouble(1, 0)).as("outside the training range, not clipped").isCloseTo(3, offset(1e-12));
        assertThat(t.getDouble(0, 1)).as("constant feature maps to the low end").isCloseTo(-1, offset(1e-12));
        assertThat(t.getDouble(1, 1)).isCloseTo(1, offset(1e-12));
        assertThat(s.toString()).contains("2 features");
    }

    @Test
    void rejectsEmptyRangesAndWrongShapes() {
        assertThatThrownBy(() -> MinMaxScaler.fit(TRAIN, 1, 1)).hasMessageContaining("low < high");
        assertThatThrownBy(() -> MinMaxScaler.fit(TRAIN).transform(Tensor.zeros(1, 3)))
                .hasMessageContaining("MinMaxScaler.transform");
    }
}
