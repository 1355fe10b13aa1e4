package jgrad.samples;

import jgrad.core.DType;
import jgrad.core.Tensor;

/** Prints values the way the lecture notes' {@code tf.print} output looks, so samples match them. */
final class Printing {
    private Printing() {}

    /**
     * A rank-2 tensor of whole numbers as {@code tf.print} shows an integer matrix:
     * {@code [[0]\n [0]\n [1]]}.
     */
    static String asIntegers(Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("asIntegers: expected a rank-2 tensor, got shape " + t.shape());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.dim(0); i++) {
            if (i > 0) {
                sb.append("\n ");
            }
            sb.append('[');
            for (int j = 0; j < t.dim(1); j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                sb.append(Math.round(t.getDouble(i, j)));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /**
     * A scalar in the shortest form that reads back to the same value of its dtype, as TensorFlow
     * prints it: a float32 loss prints {@code 0.23035562}, not the float64 widening of it.
     */
    static String shortest(Tensor scalar) {
        return scalar.dtype() == DType.FLOAT32 ? Float.toString(scalar.floatValue())
                : Double.toString(scalar.doubleValue());
    }

    /**
     * A rank-1 or rank-2 tensor as NumPy prints it with fixed precision
     * ({@code np.set_printoptions(floatmode='fixed', precision=decimals)}): elements right-aligned
     * to a common width, {@code [a b c]} or {@code [[a b]\n [c d]]}.
     */
    static String numpy(Tensor t, int decimals) {
        if (t.rank() > 2) {
            throw new IllegalArgumentException("numpy: rank 1 or 2 only, got shape " + t.shape());
        }
        double[] v = t.toDoubleArray();
        String[] cells = new String[v.length];
        int width = 0;
        for (int i = 0; i < v.length; i++) {
            cells[i] = fixed(v[i], decimals);
            width = Math.max(width, cells[i].length());
        }
        if (t.rank() == 0) {
            return cells[0];
        }
        int rows = t.rank() == 1 ? 1 : t.dim(0);
        int cols = t.rank() == 1 ? t.dim(0) : t.dim(1);
        StringBuilder sb = new StringBuilder(t.rank() == 2 ? "[" : "");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append("\n ");
            }
            sb.append('[');
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append(' ');
                }
                sb.append(" ".repeat(width - cells[r * cols + c].length())).append(cells[r * cols + c]);
            }
            sb.append(']');
        }
        return t.rank() == 2 ? sb.append(']').toString() : sb.toString();
    }

    /** {@code value} with exactly {@code decimals} digits after the point (Locale.ROOT, no "-0.00"). */
    static String fixed(double value, int decimals) {
        String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }
}
