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
}
