package jgrad.nn.anomaly;

import java.util.List;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Model;

/**
 * Anomaly scores from an autoencoder trained on normal data only: the reconstruction error of
 * each sample, {@code ||x - r||^2} (Sakurada and Yairi 2014; the Keras "timeseries anomaly
 * detection" example uses the mean absolute error). Samples the model reconstructs badly are
 * unlike the training data. Pair with {@link AnomalyThreshold} and {@link RocAuc}.
 */
public final class ReconstructionScorer {
    /** How one sample's errors become its score. */
    public enum Error {
        /** {@code sum (x - r)^2}, the squared distance. */
        SUM_SQUARED,
        /** {@code mean (x - r)^2}, the per-element MSE (the same ranking, another scale). */
        MEAN_SQUARED
    }

    private final Model autoencoder;
    private final Error error;
    private final int batchSize;

    /** Scores by the squared distance {@code ||x - r||^2}, predicting in batches of 256. */
    public ReconstructionScorer(Model autoencoder) {
        this(autoencoder, Error.SUM_SQUARED, 256);
    }

    public ReconstructionScorer(Model autoencoder, Error error, int batchSize) {
        this.autoencoder = Objects.requireNonNull(autoencoder, "autoencoder");
        this.error = Objects.requireNonNull(error, "error");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("ReconstructionScorer: batchSize must be > 0, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * One score per sample of {@code x} (first axis = samples). Fails, naming both shapes, when
     * the samples do not have the shape the autoencoder was built for.
     */
    public double[] scores(Tensor x) {
        Objects.requireNonNull(x, "x");
        if (x.rank() < 2) {
            throw new IllegalArgumentException("ReconstructionScorer: x has shape " + x.shape() + "; it needs a first"
                    + " axis of samples and at least one feature axis");
        }
        Shape perSample = perSample(x.shape());
        List<Shape> built = autoencoder.builtInputShapes();
        if (!built.isEmpty() && !built.get(0).equals(perSample)) {
            throw new IllegalArgumentException("ReconstructionScorer: x has samples of shape " + perSample
                    + " but autoencoder '" + autoencoder.name() + "' takes samples of shape " + built.get(0));
        }
        Tensor r = autoencoder.predict(x, batchSize);
        return errors(x, r, error);
    }

    /** The per-sample errors of reconstructions {@code r} of {@code x}; the shapes must be equal. */
    public static double[] errors(Tensor x, Tensor r, Error error) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(r, "r");
        if (!x.shape().equals(r.shape())) {
            throw new IllegalArgumentException("ReconstructionScorer: the reconstruction has shape " + r.shape()
                    + " but the data has shape " + x.shape() + "; an autoencoder must return its input's shape");
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException("ReconstructionScorer: x has shape " + x.shape() + "; it needs a first"
                    + " axis of samples and at least one feature axis");
        }
        int n = x.dim(0);
        int per = n == 0 ? 0 : x.size() / n;
        double[] xv;
        double[] rv;
        try (Scope _ = GradientTape.noGrad()) {
            xv = x.toDoubleArray();
            rv = r.toDoubleArray();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                double d = xv[j] - rv[j];
                s += d * d;
            }
            out[i] = error == Error.MEAN_SQUARED ? s / per : s;
        }
        return out;
    }

    private static Shape perSample(Shape s) {
        int[] d = s.dims();
        return Shape.of(java.util.Arrays.copyOfRange(d, 1, d.length));
    }
}
