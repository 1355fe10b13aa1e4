package jgrad.nn.data;

import jgrad.core.Tensor;

/**
 * Rescales each feature linearly to a range, [0, 1] by default, as scikit-learn's
 * {@code MinMaxScaler}: {@code x * scale + offset} with the minimum and maximum learned on the
 * training set only. A constant feature gets scale 1 (maps to the range's low end plus its
 * distance from the minimum) instead of a division by zero. Test data may fall outside the range;
 * it is not clipped.
 */
public final class MinMaxScaler {
    private final double[] min;
    private final double[] max;
    private final double[] scale;
    private final double[] offset;
    private final int[] featureShape;

    private MinMaxScaler(double[] min, double[] max, double[] scale, double[] offset, int[] featureShape) {
        this.min = min;
        this.max = max;
        this.scale = scale;
        this.offset = offset;
        this.featureShape = featureShape;
    }

    /** Learns each feature's minimum and maximum from {@code x}, to map them to [0, 1]. */
    public static MinMaxScaler fit(Tensor x) {
        return fit(x, 0, 1);
    }

    /** Learns each feature's minimum and maximum from {@code x}, to map them to [low, high]. */
    public static MinMaxScaler fit(Tensor x, double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("MinMaxScaler.fit: the range [" + low + ", " + high + "] needs low < high");
        }
        double[][] rows = FeatureStats.rows("MinMaxScaler.fit", x);
        int f = rows[0].length;
        double[] min = rows[0].clone();
        double[] max = rows[0].clone();
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
        double[] scale = new double[f];
        double[] offset = new double[f];
        for (int j = 0; j < f; j++) {
            double range = max[j] - min[j];
            scale[j] = (high - low) / (range == 0 ? 1 : range);
            offset[j] = low - min[j] * scale[j];
        }
        return new MinMaxScaler(min, max, scale, offset, FeatureStats.featureShape(x));
    }

    /** {@code x * scale + offset}, in x's dtype. */
    public Tensor transform(Tensor x) {
        FeatureStats.checkShape("MinMaxScaler.transform", x, featureShape);
        return x.mul(FeatureStats.perFeature(scale, featureShape, x.dtype()))
                .add(FeatureStats.perFeature(offset, featureShape, x.dtype()));
    }

    /** The data set with its features rescaled. */
    public Dataset transform(Dataset data) {
        return data.mapX(this::transform);
    }

    /** {@code (x - offset) / scale}: rescaled values back to the original units. */
    public Tensor inverseTransform(Tensor x) {
        FeatureStats.checkShape("MinMaxScaler.inverseTransform", x, featureShape);
        return x.sub(FeatureStats.perFeature(offset, featureShape, x.dtype()))
                .div(FeatureStats.perFeature(scale, featureShape, x.dtype()));
    }

    /** Each feature's minimum on the data it was fit on. */
    public double[] dataMin() {
        return min.clone();
    }

    /** Each feature's maximum on the data it was fit on. */
    public double[] dataMax() {
        return max.clone();
    }

    @Override
    public String toString() {
        return "MinMaxScaler(" + min.length + " features)";
    }
}
