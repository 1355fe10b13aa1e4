package jgrad.samples.cnn;

import java.util.Locale;
import jgrad.core.Tensor;

/** Prints vectors and matrices the way NumPy shows them in the notes: {@code [[ 4 -9  1] [-5 -3 -4]]}. */
final class Matrices {
    private Matrices() {}

    /** A rank-1 or rank-2 tensor with {@code decimals} digits (0: whole numbers), columns aligned. */
    static String format(Tensor t, int decimals) {
        if (t.rank() == 1) {
            return format(t.reshape(1, t.dim(0)), decimals).replace("[[", "[").replace("]]", "]");
        }
        if (t.rank() != 2) {
            throw new IllegalArgumentException("Matrices.format: rank 1 or 2, got " + t.shape());
        }
        int rows = t.dim(0);
        int cols = t.dim(1);
        String[][] cells = new String[rows][cols];
        int width = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = t.getDouble(i, j);
                // -0.0 prints as 0: a zero from a sum of products has no meaningful sign.
                cells[i][j] = String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v);
                width = Math.max(width, cells[i][j].length());
            }
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : "\n [");
            for (int j = 0; j < cols; j++) {
                sb.append(j == 0 ? "" : " ").append(" ".repeat(width - cells[i][j].length())).append(cells[i][j]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** The single-channel image of a batch of one, {@code [1, h, w, 1]} or {@code [1, n, 1]}, as a matrix or vector. */
    static Tensor squeeze(Tensor t) {
        if (t.rank() == 4) {
            return t.reshape(t.dim(1), t.dim(2));
        }
        if (t.rank() == 3) {
            return t.reshape(t.dim(1));
        }
        return t;
    }
}
