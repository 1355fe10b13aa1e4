package jgrad.nn.anomaly;

import java.util.Arrays;
import java.util.Objects;

/**
 * A threshold on anomaly scores, set from the scores of normal (training) data: a percentile
 * (NumPy's default linear interpolation), or the largest training score as the Keras
 * "timeseries anomaly detection" example does. Scores above it are flagged as anomalies.
 *
 * @param value the threshold; a score {@code > value} is an anomaly
 * @param rule how it was chosen, for printing ({@code "95th percentile"}, {@code "training maximum"})
 */
public record AnomalyThreshold(double value, String rule) {
    /** Detection rates on labelled data: true positive and false positive rates, and the counts. */
    public record Rates(double tpr, double fpr, int truePositives, int falsePositives, int anomalies, int normals) {}

    /** The {@code p}-th percentile of the normal scores, {@code p} in [0, 100]. */
    public static AnomalyThreshold percentile(double[] normalScores, double p) {
        return new AnomalyThreshold(percentileOf(normalScores, p), format(p) + "th percentile");
    }

    /** The largest normal score: nothing seen in training is flagged. */
    public static AnomalyThreshold trainingMax(double[] normalScores) {
        check(normalScores);
        double max = Double.NEGATIVE_INFINITY;
        for (double s : normalScores) {
            max = Math.max(max, s);
        }
        return new AnomalyThreshold(max, "training maximum");
    }

    /** NumPy's {@code percentile(values, p)} (linear interpolation between order statistics). */
    public static double percentileOf(double[] values, double p) {
        check(values);
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("AnomalyThreshold: the percentile must be in [0, 100], got " + p);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** Which scores are anomalies ({@code score > value}). */
    public boolean[] flags(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] > value;
        }
        return out;
    }

    /** TPR and FPR of this threshold on scores with known labels ({@code true} = anomaly). */
    public Rates rates(double[] scores, boolean[] anomalous) {
        RocAuc.checkLabels(scores, anomalous);
        int tp = 0;
        int fp = 0;
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > value;
            if (anomalous[i]) {
                pos++;
                tp += flagged ? 1 : 0;
            } else {
                neg++;
                fp += flagged ? 1 : 0;
            }
        }
        return new Rates(pos == 0 ? Double.NaN : (double) tp / pos, neg == 0 ? Double.NaN : (double) fp / neg, tp, fp,
                pos, neg);
    }

    private static void check(double[] values) {
        Objects.requireNonNull(values, "scores");
        if (values.length == 0) {
            throw new IllegalArgumentException("AnomalyThreshold: no scores given");
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("AnomalyThreshold: the scores contain NaN");
            }
        }
    }

    private static String format(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
