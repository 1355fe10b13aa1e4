package jgrad.nn.data;

import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Checks and conversions for classification targets: integer class indices (what a sparse
 * categorical loss takes), one-hot rows (categorical losses) and 0/1 columns (binary losses).
 * A wrong encoding fails here with the sample that is wrong, instead of training on nonsense.
 */
public final class Labels {
    private Labels() {}

    /**
     * Class indices as int64 of shape {@code [n]}: accepts int64, or floats holding whole numbers
     * (as CSV files give them), of shape {@code [n]} or {@code [n, 1]}; every label must lie in
     * {@code [0, classes)}.
     */
    public static Tensor indices(Tensor y, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("labels: classes must be >= 1, got " + classes);
        }
        Tensor flat = asVector("indices", y);
        long[] out = new long[flat.size()];
        for (int i = 0; i < out.length; i++) {
            double v = flat.getDouble(i);
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("labels: y[" + i + "] = " + v + " is not a whole number; class"
                        + " labels must be integers in [0, " + classes + ")");
            }
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException("labels: y[" + i + "] = " + (long) v + " is outside [0, " + classes
                        + ") for " + classes + " classes" + (v == classes ? " (labels counted from 1? shift them to"
                        + " start at 0)" : ""));
            }
            out[i] = (long) v;
        }
        return Tensor.of(out);
    }

    /** One-hot float32 rows {@code [n, classes]} from class indices (see {@link #indices}). */
    public static Tensor oneHot(Tensor y, int classes) {
        return indices(y, classes).oneHot(classes);
    }

    /** Class indices int64 {@code [n]} back from one-hot or probability rows {@code [n, classes]} (argmax). */
    public static Tensor argmax(Tensor rows) {
        if (rows.rank() != 2) {
            throw new IllegalArgumentException("labels: argmax expects rows of shape [n, classes], got " + rows.shape());
        }
        return rows.argmax(1);
    }

    /** The number of classes in {@code y}: its largest class index plus one. */
    public static int countClasses(Tensor y) {
        Tensor flat = asVector("countClasses", y);
        double max = -1;
        for (int i = 0; i < flat.size(); i++) {
            double v = flat.getDouble(i);
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalArgumentException("labels: y[" + i + "] = " + v + " is not a class index (a whole"
                        + " number >= 0)");
            }
            max = Math.max(max, v);
        }
        return (int) max + 1;
    }

    /**
     * Binary targets as a float32 column {@code [n, 1]} (what {@code Dense(1, sigmoid)} with
     * binary cross-entropy expects); every value must be 0 or 1.
     */
    public static Tensor binaryColumn(Tensor y) {
        Tensor flat = asVector("binaryColumn", y);
        float[] out = new float[flat.size()];
        for (int i = 0; i < out.length; i++) {
            double v = flat.getDouble(i);
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("labels: y[" + i + "] = " + v + " is not 0 or 1; binary targets"
                        + " must be 0 or 1 (for -1/+1 labels map -1 to 0 first)");
            }
            out[i] = (float) v;
        }
        return Tensor.wrap(out, Shape.of(out.length, 1));
    }

    /** Throws unless every row of {@code y} is one-hot: zeros and a single one. */
    public static void requireOneHot(Tensor y) {
        if (y.rank() != 2) {
            throw new IllegalArgumentException("labels: one-hot targets must have shape [n, classes], got " + y.shape());
        }
        for (int i = 0; i < y.dim(0); i++) {
            int ones = 0;
            for (int j = 0; j < y.dim(1); j++) {
                double v = y.getDouble(i, j);
                if (v == 1) {
                    ones++;
                } else if (v != 0) {
                    throw new IllegalArgumentException("labels: row " + i + " of the one-hot targets has " + v
                            + " at class " + j + "; one-hot rows hold only 0 and 1");
                }
            }
            if (ones != 1) {
                throw new IllegalArgumentException("labels: row " + i + " of the one-hot targets has " + ones
                        + " ones; a one-hot row has exactly one (sparse integer labels need a sparse loss instead)");
            }
        }
    }

    /** How many samples fall in each class, for class-balance reports: index k holds class k's count. */
    public static int[] classCounts(Tensor y, int classes) {
        long[] idx = indices(y, classes).toLongArray();
        int[] counts = new int[classes];
        for (long k : idx) {
            counts[(int) k]++;
        }
        return counts;
    }

    private static Tensor asVector(String op, Tensor y) {
        if (y.rank() == 1) {
            return y;
        }
        if (y.rank() == 2 && y.dim(1) == 1) {
            return y.reshape(y.dim(0));
        }
        throw new IllegalArgumentException("labels: " + op + " expects labels of shape [n] or [n, 1], got " + y.shape()
                + (y.rank() == 2 ? " (one-hot rows? Labels.argmax turns them into class indices)" : ""));
    }
}
