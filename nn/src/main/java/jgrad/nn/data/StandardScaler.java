package jgrad.nn.data;

import jgrad.core.Tensor;

/**
 * Standardises each feature to mean 0 and standard deviation 1, as scikit-learn's
 * {@code StandardScaler}: fit on the training set only, then transform every split with the
 * training statistics (fitting on test data leaks it into the model). The standard deviation is
 * the population one (ddof 0); a constant feature gets scale 1, so it maps to 0 instead of NaN.
 *
 * <pre>{@code
 * StandardScaler scaler = StandardScaler.fit(train.x());
 * Dataset trainStd = scaler.transform(train), testStd = scaler.transform(test);
 * }</pre>
 */
public final class StandardScaler {
    private final double[] mean;
    private final double[] scale;
    private final int[] featureShape;

    private StandardScaler(double[] mean, double[] scale, int[] featureShape) {
        this.mean = mean;
        this.scale = scale;
        this.featureShape = featureShape;
    }

    /** Learns each feature's mean and standard deviation from {@code x} ({@code [n, features...]}). */
    public static StandardScaler fit(Tensor x) {
        double[][] rows = FeatureStats.rows("StandardScaler.fit", x);
        int n = rows.length;
        int f = rows[0].length;
        double[] mean = new double[f];
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        double[] var = new double[f];
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                double d = r[j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double s = Math.sqrt(var[j] / n);
            scale[j] = s == 0 ? 1 : s;
        }
        return new StandardScaler(mean, scale, FeatureStats.featureShape(x));
    }

    /** {@code (x - mean) / scale}, in x's dtype. */
    public Tensor transform(Tensor x) {
        FeatureStats.checkShape("StandardScaler.transform", x, featureShape);
        return x.sub(FeatureStats.perFeature(mean, featureShape, x.dtype()))
                .div(FeatureStats.perFeature(scale, featureShape, x.dtype()));
    }

    /** The data set with its features standardised. */
    public Dataset transform(Dataset data) {
        return data.mapX(this::transform);
    }

    /** {@code x * scale + mean}: standardised values back to the original units. */
    public Tensor inverseTransform(Tensor x) {
        FeatureStats.checkShape("StandardScaler.inverseTransform", x, featureShape);
        return x.mul(FeatureStats.perFeature(scale, featureShape, x.dtype()))
                .add(FeatureStats.perFeature(mean, featureShape, x.dtype()));
    }

    /** Each feature's mean on the data it was fit on. */
    public double[] mean() {
        return mean.clone();
    }

    /** Each feature's standard deviation (1 for constant features). */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return "StandardScaler(" + mean.length + " features)";
    }
}
