package jgrad.inspect;

import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Formats numbers and tensors for people reading a lesson: {@code 903.75} rather than
 * {@code 903.750000}, {@code 1687} rather than {@code 1687.0}, nested brackets on one line, and
 * large tensors abbreviated to their first and last values with shape and range.
 */
final class Values {
    /** Tensors up to this many elements are printed in full on one line. */
    static final int INLINE_LIMIT = 24;
    /** How many leading and trailing values an abbreviated tensor shows. */
    private static final int EDGE = 3;

    private Values() {}

    /** A number with up to 7 significant digits, trailing zeros dropped; integers without a point. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.7g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    /** The element at flat position {@code i} (row-major) as text, per dtype. */
    private static String element(Tensor t, double[] flat, boolean[] bools, int i) {
        if (t.dtype() == DType.BOOL) {
            return bools[i] ? "true" : "false";
        }
        return number(flat[i]);
    }

    /** The whole tensor on one line when small ({@link #INLINE_LIMIT}), else {@link #abbreviated}. */
    static String inline(Tensor t) {
        return t.size() <= INLINE_LIMIT ? full(t, false) : abbreviated(t);
    }

    /** Every element, nested brackets; {@code multiline} puts each row of a matrix on its own line. */
    static String full(Tensor t, boolean multiline) {
        double[] flat = t.dtype() == DType.BOOL ? null : t.toDoubleArray();
        boolean[] bools = t.dtype() == DType.BOOL ? t.toBooleanArray() : null;
        int[] shape = t.shape().dims();
        if (shape.length == 0) {
            return element(t, flat, bools, 0);
        }
        StringBuilder sb = new StringBuilder();
        append(sb, t, flat, bools, shape, 0, 0, multiline);
        return sb.toString();
    }

    private static int append(StringBuilder sb, Tensor t, double[] flat, boolean[] bools, int[] shape, int axis,
            int pos, boolean multiline) {
        sb.append('[');
        int n = shape[axis];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
                if (multiline && axis < shape.length - 1) {
                    sb.append('\n').append(" ".repeat(axis + 1));
                } else {
                    sb.append(' ');
                }
            }
            if (axis == shape.length - 1) {
                sb.append(element(t, flat, bools, pos++));
            } else {
                pos = append(sb, t, flat, bools, shape, axis + 1, pos, multiline);
            }
        }
        sb.append(']');
        return pos;
    }

    /** The first and last few values, the shape and, for numbers, min / mean / max. */
    static String abbreviated(Tensor t) {
        int n = t.size();
        double[] flat = t.dtype() == DType.BOOL ? null : t.toDoubleArray();
        boolean[] bools = t.dtype() == DType.BOOL ? t.toBooleanArray() : null;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(EDGE, n); i++) {
            sb.append(i > 0 ? ", " : "").append(element(t, flat, bools, i));
        }
        if (n > 2 * EDGE) {
            sb.append(", ...");
        }
        for (int i = Math.max(EDGE, n - EDGE); i < n; i++) {
            sb.append(", ").append(element(t, flat, bools, i));
        }
        sb.append("] (").append(n).append(" values, shape ").append(t.shape());
        if (flat != null && n > 0) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double v : flat) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            sb.append(", min ").append(number(min)).append(", mean ").append(number(sum / n)).append(", max ")
                    .append(number(max));
        }
        return sb.append(')').toString();
    }

    /** Up to {@code limit} elements in full (rows on their own lines), else abbreviated. */
    static String block(Tensor t, int limit) {
        return t.size() <= limit ? full(t, true) : abbreviated(t);
    }

    /** {@code [2, 4] float64}. */
    static String shapeAndType(Tensor t) {
        return t.shape() + " " + t.dtype().toString().toLowerCase(Locale.ROOT);
    }
}
