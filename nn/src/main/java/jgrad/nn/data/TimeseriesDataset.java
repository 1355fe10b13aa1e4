package jgrad.nn.data;

import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Sliding windows over a time series, as Keras's {@code timeseries_dataset_from_array}: window
 * k starts at {@code startIndex + k * sequenceStride} and takes {@code sequenceLength} rows
 * {@code samplingRate} apart; the target of the window starting at row i is {@code targets[i]}
 * (so for next-step forecasting pass the series shifted by the window length). Windows must end
 * before {@code endIndex}. The result is whole tensors, x [windows, sequenceLength, features]
 * and y [windows] or [windows, targetWidth]; {@code fit} batches and shuffles them.
 *
 * <pre>{@code
 * // 12 months in, the 13th out:
 * TimeseriesDataset.Windows w = TimeseriesDataset.nextStep(series, 12, 0, 96);
 * model.fit(w.x(), w.y(), ...);
 * }</pre>
 */
public final class TimeseriesDataset {
    private TimeseriesDataset() {}

    /** The windows and their targets (null without targets). */
    public record Windows(Tensor x, Tensor y) {
        public int size() {
            return x.dim(0);
        }
    }

    /**
     * Keras's {@code timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride,
     * sampling_rate, start_index, end_index)} without batching. {@code data[t]} is row t (its
     * features); {@code targets} may be null, else {@code targets[t]} is the target of the window
     * starting at t; {@code endIndex} is exclusive, at most data.length.
     */
    public static Windows fromArray(double[][] data, double[][] targets, int sequenceLength, int sequenceStride,
            int samplingRate, int startIndex, int endIndex, DType dtype) {
        Objects.requireNonNull(data, "data");
        if (sequenceLength <= 0 || sequenceStride <= 0 || samplingRate <= 0) {
            throw new IllegalArgumentException("timeseries windows: sequence_length, sequence_stride and sampling_rate"
                    + " must be > 0, got " + sequenceLength + ", " + sequenceStride + ", " + samplingRate);
        }
        if (startIndex < 0 || endIndex > data.length || startIndex >= endIndex) {
            throw new IllegalArgumentException("timeseries windows: need 0 <= start_index < end_index <= "
                    + data.length + " rows, got start_index " + startIndex + ", end_index " + endIndex);
        }
        if (targets != null && targets.length < endIndex) {
            throw new IllegalArgumentException("timeseries windows: targets has " + targets.length
                    + " rows, fewer than end_index " + endIndex);
        }
        int span = (sequenceLength - 1) * samplingRate;
        int starts = endIndex - startIndex - span;
        if (starts <= 0) {
            throw new IllegalArgumentException("timeseries windows: a window of " + sequenceLength + " rows "
                    + samplingRate + " apart spans " + (span + 1) + " rows, more than the " + (endIndex - startIndex)
                    + " rows between start_index " + startIndex + " and end_index " + endIndex);
        }
        int n = (starts + sequenceStride - 1) / sequenceStride;
        int features = data[0].length;
        double[] x = new double[n * sequenceLength * features];
        int targetWidth = targets == null ? 0 : targets[0].length;
        double[] y = new double[n * targetWidth];
        for (int k = 0; k < n; k++) {
            int s = startIndex + k * sequenceStride;
            for (int j = 0; j < sequenceLength; j++) {
                double[] row = data[s + j * samplingRate];
                if (row.length != features) {
                    throw new IllegalArgumentException("timeseries windows: row " + (s + j * samplingRate) + " has "
                            + row.length + " features, row 0 has " + features);
                }
                System.arraycopy(row, 0, x, (k * sequenceLength + j) * features, features);
            }
            if (targets != null) {
                System.arraycopy(targets[s], 0, y, k * targetWidth, targetWidth);
            }
        }
        Tensor tx = Tensor.fromFlat(x, n, sequenceLength, features).cast(dtype);
        Tensor ty = targets == null ? null : Tensor.fromFlat(y, n, targetWidth).cast(dtype);
        return new Windows(tx, ty);
    }

    /**
     * One-step forecasting windows of a univariate series: inputs {@code series[t-length .. t-1]}
     * as [windows, length, 1] and targets {@code series[t]} as [windows, 1], for every target row t
     * in [from, to) with t >= length. float32.
     */
    public static Windows nextStep(double[] series, int length, int from, int to) {
        int first = Math.max(from, length);
        if (to > series.length || first >= to) {
            throw new IllegalArgumentException("timeseries windows: need targets in [" + first + ", " + to
                    + ") within the " + series.length + " values");
        }
        double[][] data = new double[series.length][];
        double[][] targets = new double[series.length][];
        for (int t = 0; t < series.length; t++) {
            data[t] = new double[] {series[t]};
            // The window starting at t predicts the value right after it.
            targets[t] = new double[] {t + length < series.length ? series[t + length] : Double.NaN};
        }
        // Windows start at t - length for targets t in [first, to); the last one ends at to - 2.
        return fromArray(data, targets, length, 1, 1, first - length, to - 1, DType.FLOAT32);
    }
}
