package jgrad.nn.metrics;

import jgrad.core.Tensor;

/**
 * The coefficient of determination {@code 1 - SS_res / SS_tot}, per output column and then
 * averaged over columns (Keras's R2Score with {@code class_aggregation="uniform_average"}).
 */
public final class R2Score extends Metric {
    private double[] sumY;
    private double[] sumY2;
    private double[] sumRes;
    private double[] count;

    public R2Score() {
        this("r2_score");
    }

    public R2Score(String name) {
        super(name);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        MeanMetric.sameShape(name(), yTrue, yPred);
        int cols = yPred.rank() <= 1 ? 1 : yPred.dim(-1);
        if (sumY == null) {
            sumY = new double[cols];
            sumY2 = new double[cols];
            sumRes = new double[cols];
            count = new double[cols];
        } else if (sumY.length != cols) {
            throw new IllegalArgumentException(name() + ": predictions now have " + cols + " columns, earlier "
                    + sumY.length);
        }
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        double[] w = sampleWeight == null ? null : sampleWeight.toDoubleArray();
        int rows = cols == 0 ? 0 : p.length / cols;
        if (w != null && w.length != rows) {
            throw new IllegalArgumentException(name() + ": " + w.length + " sample weights for " + rows + " samples");
        }
        for (int i = 0; i < rows; i++) {
            double wi = w == null ? 1 : w[i];
            for (int j = 0; j < cols; j++) {
                double y = t[i * cols + j];
                double e = y - p[i * cols + j];
                sumY[j] += wi * y;
                sumY2[j] += wi * y * y;
                sumRes[j] += wi * e * e;
                count[j] += wi;
            }
        }
    }

    @Override
    public double result() {
        if (sumY == null) {
            return 0;
        }
        double total = 0;
        for (int j = 0; j < sumY.length; j++) {
            double mean = sumY[j] / count[j];
            double ssTot = sumY2[j] - count[j] * mean * mean;
            // A constant target has no variance to explain; Keras reports 0 for that column.
            total += ssTot == 0 ? 0 : 1 - sumRes[j] / ssTot;
        }
        return total / sumY.length;
    }

    @Override
    public void reset() {
        sumY = null;
        sumY2 = null;
        sumRes = null;
        count = null;
    }
}
