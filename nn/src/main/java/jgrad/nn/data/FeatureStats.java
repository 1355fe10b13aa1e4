package jgrad.nn.data;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/** Per-feature column statistics over the sample axis, shared by the scalers; double accumulation. */
final class FeatureStats {
    private FeatureStats() {}

    /** The shape of one sample: {@code x.shape} without its first axis. */
    static int[] featureShape(Tensor x) {
        int[] d = x.shape().dims();
        return Arrays.copyOfRange(d, 1, d.length);
    }

    /** x as rows of doubles {@code [n][features]}, after checking it is a finite float tensor with samples. */
    static double[][] rows(String who, Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(who + ": expects samples on the first axis and features after it, e.g."
                    + " [n, features]; got shape " + x.shape() + (x.rank() == 1 ? " (a single feature? reshape to"
                    + " [n, 1])" : ""));
        }
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(who + ": expects float32 or float64 features, got " + x.dtype());
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException(who + ": cannot fit on zero samples (x has shape " + x.shape() + ")");
        }
        Dataset.requireFinite("x", x);
        int n = x.dim(0);
        int f = x.size() / n;
        double[] flat = x.toDoubleArray();
        double[][] out = new double[n][f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * f, out[i], 0, f);
        }
        return out;
    }

    /** A tensor of one sample's shape holding {@code values}, in {@code dtype}. */
    static Tensor perFeature(double[] values, int[] featureShape, DType dtype) {
        return Tensor.wrap(values.clone(), Shape.of(featureShape)).cast(dtype);
    }

    /** Throws unless {@code x} has the per-sample shape the scaler was fit on. */
    static void checkShape(String who, Tensor x, int[] featureShape) {
        if (x.rank() != featureShape.length + 1 || !Arrays.equals(featureShape(x), featureShape)) {
            throw new IllegalArgumentException(who + ": was fit on samples of shape " + Arrays.toString(featureShape)
                    + " (" + Shape.of(featureShape).size() + " features), got x of shape " + x.shape());
        }
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(who + ": expects float32 or float64 features, got " + x.dtype());
        }
    }
}
