package jgrad.nn.metrics;

import java.util.Arrays;
import jgrad.core.Tensor;

/**
 * Whether the argmax of each prediction row equals the integer label; labels have the
 * predictions' shape without the class axis, or with a class axis of size 1.
 */
public final class SparseCategoricalAccuracy extends MeanMetric {
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double[] values(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException(name() + ": predictions need a class axis, got a scalar");
        }
        int c = yPred.dim(-1);
        int rows = c == 0 ? 0 : yPred.size() / c;
        int[] expected = Arrays.copyOf(yPred.shape().dims(), yPred.rank() - 1);
        boolean ok = Arrays.equals(yTrue.shape().dims(), expected)
                || (yTrue.rank() == yPred.rank() && yTrue.dim(-1) == 1 && yTrue.size() == rows);
        if (!ok) {
            throw new IllegalArgumentException(name() + ": labels of shape " + yTrue.shape() + " do not match predictions "
                    + yPred.shape() + "; expected one class index per row, shape " + Arrays.toString(expected));
        }
        double[] t = yTrue.toDoubleArray();
        double[] p = yPred.toDoubleArray();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = CategoricalAccuracy.argmax(p, i * c, c) == t[i] ? 1 : 0;
        }
        return out;
    }
}
