package jgrad.nn.unsupervised;

import jgrad.core.Tensor;

/** Label statistics of a clustering: purity and each cluster's majority label. */
final class Purity {
    private Purity() {}

    static int[][] counts(long[] clusters, Tensor labels, int k, String who) {
        if (labels.size() != clusters.length) {
            throw new IllegalArgumentException(who + ": labels must hold one label per sample (" + clusters.length
                    + "), got " + labels.shape());
        }
        long[] y = labels.cast(jgrad.core.DType.INT64).reshape(-1).toLongArray();
        int classes = 0;
        for (long v : y) {
            if (v < 0) {
                throw new IllegalArgumentException(who + ": labels must be class indices >= 0, got " + v);
            }
            classes = (int) Math.max(classes, v + 1);
        }
        int[][] c = new int[k][classes];
        for (int i = 0; i < y.length; i++) {
            c[(int) clusters[i]][(int) y[i]]++;
        }
        return c;
    }

    static double of(long[] clusters, Tensor labels, int k, String who) {
        int[][] c = counts(clusters, labels, k, who);
        long sum = 0;
        for (int[] row : c) {
            int best = 0;
            for (int v : row) {
                best = Math.max(best, v);
            }
            sum += best;
        }
        return sum / (double) clusters.length;
    }
}
