package jgrad.core;

import java.util.Locale;

/**
 * Prints tensor values the way NumPy and PyTorch do: nested brackets, aligned columns, a shared
 * number format, and the middle elided ({@code ...}) when a tensor has more than 1000 elements.
 */
final class TensorFormatter {
    private static final int ELIDE_ABOVE = 1000;
    private static final int EDGE = 3;

    private TensorFormatter() {}

    static String format(Tensor t, int indent) {
        int[] shape = t.shapeUnsafe();
        boolean elide = t.size() > ELIDE_ABOVE;
        double[] values = t.toDoubleArray();
        NumberStyle style = NumberStyle.of(t.dtype(), values);
        int width = 0;
        int[] strides = Shape.of(shape).contiguousStrides();
        StringBuilder probe = new StringBuilder();
        for (double v : values) {
            probe.setLength(0);
            style.append(probe, v);
            width = Math.max(width, probe.length());
        }
        StringBuilder sb = new StringBuilder();
        if (shape.length == 0) {
            style.append(sb, values[0]);
            return sb.toString();
        }
        append(sb, values, shape, strides, 0, 0, style, width, indent, elide);
        return sb.toString();
    }

    /**
     * The first and last {@code EDGE} values in memory order on one line ({@code [1., 2., 3., ...,
     * 7., 8., 9.]}), in the format those six values share; reads only them, so a huge tensor
     * costs nothing to show.
     */
    static String compact(Tensor t) {
        int[] shape = t.shapeUnsafe();
        long n = t.size();
        int shown = (int) Math.min(n, 2L * EDGE);
        double[] values = new double[shown];
        for (int k = 0; k < shown; k++) {
            long flat = n <= 2L * EDGE || k < EDGE ? k : n - (shown - k);
            int[] index = new int[shape.length];
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                index[axis] = (int) (flat % shape[axis]);
                flat /= shape[axis];
            }
            values[k] = t.getDouble(index);
        }
        NumberStyle style = NumberStyle.of(t.dtype(), values);
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < shown; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            if (k == EDGE && n > 2L * EDGE) {
                sb.append("..., ");
            }
            style.append(sb, values[k]);
        }
        return sb.append(']').toString();
    }

    private static void append(StringBuilder sb, double[] v, int[] shape, int[] strides, int axis, int base,
            NumberStyle style, int width, int indent, boolean elide) {
        sb.append('[');
        int n = shape[axis];
        boolean last = axis == shape.length - 1;
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (last) {
                String cell = cell(style, v[base + i]);
                sb.append(" ".repeat(Math.max(0, width - cell.length()))).append(cell);
            } else {
                append(sb, v, shape, strides, axis + 1, base + i * strides[axis], style, width, indent, elide);
            }
            if (i < n - 1) {
                sb.append(',');
                if (last) {
                    sb.append(' ');
                } else {
                    sb.append("\n".repeat(shape.length - axis - 1)).append(" ".repeat(indent + axis + 1));
                }
            }
        }
        sb.append(']');
    }

    private static String cell(NumberStyle style, double v) {
        StringBuilder sb = new StringBuilder();
        style.append(sb, v);
        return sb.toString();
    }

    /** One format for every element, chosen from the range of the values (as NumPy does). */
    private record NumberStyle(int kind, int decimals) {
        static final int INTEGER = 0;
        static final int FIXED = 1;
        static final int SCIENTIFIC = 2;
        static final int BOOL = 3;

        static NumberStyle of(DType dtype, double[] values) {
            if (dtype == DType.BOOL) {
                return new NumberStyle(BOOL, 0);
            }
            if (!dtype.isFloating()) {
                return new NumberStyle(INTEGER, 0);
            }
            double maxAbs = 0;
            double minAbs = Double.MAX_VALUE;
            boolean allIntegral = true;
            for (double x : values) {
                if (!Double.isFinite(x)) {
                    continue;
                }
                double a = Math.abs(x);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
                allIntegral &= x == Math.rint(x);
            }
            if (maxAbs >= 1e8 || (minAbs < 1e-4 && maxAbs > 0 && minAbs != Double.MAX_VALUE)) {
                return new NumberStyle(SCIENTIFIC, 4);
            }
            return new NumberStyle(FIXED, allIntegral ? 0 : 4);
        }

        void append(StringBuilder sb, double x) {
            if (kind == BOOL) {
                sb.append(x != 0 ? "true" : "false");
            } else if (kind == INTEGER) {
                sb.append((long) x);
            } else if (Double.isNaN(x)) {
                sb.append("nan");
            } else if (Double.isInfinite(x)) {
                sb.append(x > 0 ? "inf" : "-inf");
            } else if (kind == SCIENTIFIC) {
                sb.append(String.format(Locale.ROOT, "%." + decimals + "e", x));
            } else if (decimals == 0) {
                sb.append(String.format(Locale.ROOT, "%.0f.", x));
            } else {
                sb.append(String.format(Locale.ROOT, "%." + decimals + "f", x));
            }
        }
    }
}
