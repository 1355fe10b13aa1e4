package jgrad.nn.anomaly;

import java.util.Arrays;
import java.util.Objects;
import jgrad.core.Tensor;
import jgrad.nn.metrics.AUC;

/**
 * The area under the ROC curve of anomaly scores (higher = more anomalous) against labels
 * ({@code true} = anomaly): exactly, as the Mann-Whitney statistic with ties counted half, and
 * through jgrad's {@link AUC} metric (Keras's 200-threshold approximation), which needs scores in
 * [0, 1]: they are replaced by their ranks scaled to [0, 1], which keeps the ROC curve.
 */
public final class RocAuc {
    private RocAuc() {}

    /** The exact AUC: the probability that a random anomaly scores above a random normal sample. */
    public static double exact(double[] scores, boolean[] anomalous) {
        checkLabels(scores, anomalous);
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        int pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (anomalous[order[k]]) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        int neg = n - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** The AUC as jgrad's {@link AUC} metric computes it, on the scores' ranks scaled to [0, 1]. */
    public static double withMetric(double[] scores, boolean[] anomalous) {
        checkLabels(scores, anomalous);
        int n = scores.length;
        double[] ranks = ranks(scores);
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = n == 1 ? 0.5 : (ranks[i] - 1) / (n - 1);
            y[i] = anomalous[i] ? 1 : 0;
        }
        AUC auc = new AUC();
        auc.update(Tensor.fromFlat(y, n), Tensor.fromFlat(p, n), null);
        return auc.result();
    }

    private static double[] ranks(double[] scores) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    static void checkLabels(double[] scores, boolean[] anomalous) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(anomalous, "labels");
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException("RocAuc: " + scores.length + " scores but " + anomalous.length + " labels");
        }
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("RocAuc: score " + i + " is NaN");
            }
            pos += anomalous[i] ? 1 : 0;
        }
        if (pos == 0 || pos == scores.length) {
            throw new IllegalArgumentException("RocAuc: the labels need both anomalies and normal samples, got " + pos
                    + " anomalies of " + scores.length);
        }
    }
}
