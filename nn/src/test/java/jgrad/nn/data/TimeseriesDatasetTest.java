package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.Shape;
import org.junit.jupiter.api.Test;

/** Keras's timeseries_dataset_from_array windows, checked on its documented examples. */
class TimeseriesDatasetTest {
    private static double[][] column(int n) {
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            d[i] = new double[] {i};
        }
        return d;
    }

    @Test
    void kerasDocExampleSamplingRateTwo() {
        // Keras docs: data [0..99], sequence_length 10, sampling_rate 2: first window [0, 2, ..., 18],
        // and with targets = data[20:], target 20 for it.
        double[][] data = column(100);
        double[][] targets = new double[100][];
        for (int i = 0; i < 100; i++) {
            targets[i] = new double[] {i + 20};
        }
        TimeseriesDataset.Windows w = TimeseriesDataset.fromArray(data, targets, 10, 1, 2, 0, 80, DType.FLOAT64);
        assertThat(w.x().shape()).isEqualTo(Shape.of(80 - 18, 10, 1));
        assertThat(w.x().slice(0, 0, 1).toDoubleArray()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(w.y().getDouble(0, 0)).isEqualTo(20);
        assertThat(w.x().slice(0, 1, 2).toDoubleArray()).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
    }

    @Test
    void strideAndStartIndex() {
        TimeseriesDataset.Windows w = TimeseriesDataset.fromArray(column(20), null, 3, 4, 1, 2, 12, DType.FLOAT32);
        // Starts 2, 6 (10 would need rows 10..12, past end_index 12).
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.x().toFloatArray()).containsExactly(2, 3, 4, 6, 7, 8);
        assertThat(w.y()).isNull();
    }

    @Test
    void nextStepPairsEachWindowWithTheValueAfterIt() {
        double[] s = {10, 11, 12, 13, 14, 15, 16};
        TimeseriesDataset.Windows w = TimeseriesDataset.nextStep(s, 3, 0, 7);
        assertThat(w.size()).isEqualTo(4);
        assertThat(w.x().slice(0, 0, 1).toFloatArray()).containsExactly(10, 11, 12);
        assertThat(w.y().toFloatArray()).containsExactly(13, 14, 15, 16);
        TimeseriesDataset.Windows test = TimeseriesDataset.nextStep(s, 3, 5, 7);
        assertThat(test.y().toFloatArray()).containsExactly(15, 16);
        assertThat(test.x().slice(0, 0, 1).toFloatArray()).containsExactly(12, 13, 14);
    }

    @Test
    void windowsLongerThanTheRangeAreAnError() {
        assertThatThrownBy(() -> TimeseriesDataset.fromArray(column(5), null, 6, 1, 1, 0, 5, DType.FLOAT32))
                .hasMessageContaining("spans 6 rows").hasMessageContaining("5 rows");
    }
}
