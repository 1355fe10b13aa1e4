package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
    private static final Tensor TRAIN = Tensor.of(new double[][] {{1, 10, 5}, {2, 20, 5}, {3, 60, 5}});

    @Test
    void learnsPopulationMeanAndStdAndStandardises() {
        StandardScaler s = StandardScaler.fit(TRAIN);
        assertThat(s.mean()).containsExactly(2, 30, 5);
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(2.0 / 3), offset(1e-12));
        assertThat(s.scale()[1]).isCloseTo(Math.sqrt(1400.0 / 3), offset(1e-9));
        assertThat(s.scale()[2]).as("constant feature keeps scale 1").isEqualTo(1);
        Tensor z = s.transform(TRAIN);
        assertThat(z.dtype()).isEqualTo(DType.FLOAT64);
        for (int j = 0; j < 3; j++) {
            double m = (z.getDouble(0, j) + z.getDouble(1, j) + z.getDouble(2, j)) / 3;
            assertThat(m).isCloseTo(0, offset(1e-12));
        }
        assertThat(z.getDouble(2, 2)).isEqualTo(0);
        assertThat(s.inverseTransform(z).allClose(TRAIN, 1e-12, 1e-12)).isTrue();
        assertThat(s.toString()).contains("3 features");
    }

    @Test
    void transformsOtherDataWithTheTrainingStatisticsInItsOwnDtype() {
        StandardScaler s = StandardScaler.fit(TRAIN);
        Tensor test = Tensor.of(new float[][] {{2, 30, 7}});
        Tensor z = s.transform(test);
        assertThat(z.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(z.getDouble(0, 0)).isEqualTo(0);
        assertThat(z.getDouble(0, 2)).isEqualTo(2);
        Dataset d = s.transform(Dataset.of(test, Tensor.zeros(1)));
        assertThat(d.x().getDouble(0, 2)).isEqualTo(2);
    }

    @Test
    void rejectsBadShapesDtypesAndNaN() {
        StandardScaler s = StandardScaler.fit(TRAIN);
        assertThatThrownBy(() -> s.transform(Tensor.zeros(2, 4))).hasMessageContaining("fit on samples of shape [3]")
                .hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> StandardScaler.fit(Tensor.zeros(3))).hasMessageContaining("reshape to [n, 1]");
        assertThatThrownBy(() -> StandardScaler.fit(Tensor.zeros(0, 2))).hasMessageContaining("zero samples");
        assertThatThrownBy(() -> StandardScaler.fit(Tensor.of(new long[][] {{1}}))).hasMessageContaining("int64");
        assertThatThrownBy(() -> StandardScaler.fit(Tensor.of(new float[][] {{1}, {Float.NaN}})))
                .hasMessageContaining("NaN at sample 1");
        assertThatThrownBy(() -> s.inverseTransform(Tensor.zeros(1, 2))).hasMessageContaining("inverseTransform");
    }
}
