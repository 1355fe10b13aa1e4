package jgrad.nn.metrics;

import java.util.Map;
import jgrad.core.Tensor;

/**
 * Area under the ROC curve, approximated as Keras does: confusion counts at
 * {@code numThresholds} (200) evenly spaced thresholds in [0, 1] (the end ones nudged by 1e-7
 * to include 0 and 1), then the trapezoidal rule over (FPR, TPR). Labels 0/1, predictions are
 * probabilities.
 */
public final class AUC extends Metric {
    private static final double EPSILON = 1e-7;
    private final int numThresholds;
    private final double[] thresholds;
    /** Weighted counts of positives and negatives whose prediction exceeds exactly k thresholds. */
    private double[] positivesAbove;
    private double[] negativesAbove;

    public AUC() {
        this("auc", 200);
    }

    public AUC(String name, int numThresholds) {
        super(name);
        if (numThresholds < 2) {
            throw new IllegalArgumentException("AUC: numThresholds must be >= 2, got " + numThresholds);
        }
        this.numThresholds = numThresholds;
        thresholds = new double[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) {
            thresholds[i] = (double) i / (numThresholds - 1);
        }
        thresholds[0] = -EPSILON;
        thresholds[numThresholds - 1] = 1 + EPSILON;
        reset();
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Confusion.Flat f = Confusion.flatten(name(), yTrue, yPred, sampleWeight);
        for (int i = 0; i < f.labels().length; i++) {
            double p = f.predictions()[i];
            // k = the number of thresholds strictly below p (thresholds are sorted).
            int lo = 0;
            int hi = numThresholds;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (thresholds[mid] < p) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            double w = f.weights() == null ? 1 : f.weights()[i];
            if (f.labels()[i] == 1) {
                positivesAbove[lo] += w;
            } else {
                negativesAbove[lo] += w;
            }
        }
    }

    @Override
    public double result() {
        // tp[t] = positives with prediction > thresholds[t] = those exceeding more than t thresholds.
        double[] tp = new double[numThresholds];
        double[] fp = new double[numThresholds];
        double accP = 0;
        double accN = 0;
        for (int k = numThresholds; k >= 1; k--) {
            accP += positivesAbove[k];
            accN += negativesAbove[k];
            tp[k - 1] = accP;
            fp[k - 1] = accN;
        }
        double totalP = accP + positivesAbove[0];
        double totalN = accN + negativesAbove[0];
        if (totalP == 0 || totalN == 0) {
            return 0;
        }
        double area = 0;
        for (int t = 0; t < numThresholds - 1; t++) {
            double x0 = fp[t] / totalN;
            double x1 = fp[t + 1] / totalN;
            double y0 = tp[t] / totalP;
            double y1 = tp[t + 1] / totalP;
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return area;
    }

    @Override
    public void reset() {
        positivesAbove = new double[numThresholds + 1];
        negativesAbove = new double[numThresholds + 1];
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("num_thresholds", numThresholds);
        return m;
    }
}
