package jgrad.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A table read by {@link Csv}: named columns, each numeric (held as doubles) or text. Selecting
 * and dropping columns give new tables; {@link #toTensor()} turns the numeric ones into a
 * {@code [rows, columns]} tensor.
 */
public final class CsvTable {
    private final String source;
    private final List<String> names;
    private final boolean[] isText;
    /** Column-major: numeric[c][r]; null for text columns. */
    private final double[][] numeric;
    /** Column-major: text[c][r]; null for numeric columns. */
    private final String[][] text;
    private final int rows;

    private CsvTable(String source, List<String> names, boolean[] isText, double[][] numeric, String[][] text,
            int rows) {
        this.source = source;
        this.names = List.copyOf(names);
        this.isText = isText;
        this.numeric = numeric;
        this.text = text;
        this.rows = rows;
    }

    static CsvTable fromRows(String source, List<String> names, boolean[] isText, List<double[]> numericRows,
            List<String[]> textRows) {
        int rows = numericRows.size();
        int cols = names.size();
        double[][] numeric = new double[cols][];
        String[][] text = new String[cols][];
        for (int c = 0; c < cols; c++) {
            if (isText[c]) {
                text[c] = new String[rows];
                for (int r = 0; r < rows; r++) {
                    text[c][r] = textRows.get(r)[c];
                }
            } else {
                numeric[c] = new double[rows];
                for (int r = 0; r < rows; r++) {
                    numeric[c][r] = numericRows.get(r)[c];
                }
            }
        }
        return new CsvTable(source, names, isText.clone(), numeric, text, rows);
    }

    /** Where the table was read from (file name or stream description). */
    public String source() {
        return source;
    }

    public List<String> columnNames() {
        return names;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return names.size();
    }

    /** Whether column {@code name} was kept as text. */
    public boolean isText(String name) {
        return isText[indexOf(name)];
    }

    /** A numeric column by name (a copy). */
    public double[] column(String name) {
        return column(indexOf(name));
    }

    /** A numeric column by position (a copy). */
    public double[] column(int index) {
        checkIndex(index);
        if (isText[index]) {
            throw new IllegalArgumentException("CsvTable: column '" + names.get(index) + "' of " + source
                    + " is text; use text(\"" + names.get(index) + "\")");
        }
        return numeric[index].clone();
    }

    /** A text column by name. */
    public List<String> text(String name) {
        int index = indexOf(name);
        if (!isText[index]) {
            throw new IllegalArgumentException("CsvTable: column '" + name + "' of " + source + " is numeric; read it"
                    + " with Csv.reader().textColumns(\"" + name + "\") to keep it as text");
        }
        return List.of(text[index]);
    }

    /** The table with only these columns, in this order. */
    public CsvTable select(String... columnNames) {
        int[] idx = new int[columnNames.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indexOf(columnNames[i]);
        }
        return select(idx);
    }

    /** The table with only these columns by position (negative counts from the end), in this order. */
    public CsvTable select(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("CsvTable.select: no columns given");
        }
        List<String> n = new ArrayList<>();
        boolean[] t = new boolean[indices.length];
        double[][] num = new double[indices.length][];
        String[][] txt = new String[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            int c = indices[i] < 0 ? columns() + indices[i] : indices[i];
            checkIndex(c);
            n.add(names.get(c));
            t[i] = isText[c];
            num[i] = numeric[c];
            txt[i] = text[c];
        }
        return new CsvTable(source, n, t, num, txt, rows);
    }

    /** The table without these columns. */
    public CsvTable drop(String... columnNames) {
        List<Integer> keep = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (String name : columnNames) {
            dropped.add(indexOf(name));
        }
        for (int c = 0; c < columns(); c++) {
            if (!dropped.contains(c)) {
                keep.add(c);
            }
        }
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("CsvTable.drop: dropping " + Arrays.toString(columnNames)
                    + " leaves no column");
        }
        return select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every column, which must all be numeric, as float32 {@code [rows, columns]}. */
    public Tensor toTensor() {
        return toTensor(DType.FLOAT32);
    }

    /** Every column, which must all be numeric, as {@code [rows, columns]} of a float dtype. */
    public Tensor toTensor(DType dtype) {
        for (int c = 0; c < columns(); c++) {
            if (isText[c]) {
                throw new IllegalArgumentException("CsvTable.toTensor: column '" + names.get(c) + "' of " + source
                        + " is text; encode it (OneHotEncoder, OrdinalEncoder) or drop it first");
            }
        }
        int cols = columns();
        return switch (dtype) {
            case FLOAT32 -> {
                float[] out = new float[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out[r * cols + c] = (float) numeric[c][r];
                    }
                }
                yield Tensor.wrap(out, Shape.of(rows, cols));
            }
            case FLOAT64 -> {
                double[] out = new double[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out[r * cols + c] = numeric[c][r];
                    }
                }
                yield Tensor.wrap(out, Shape.of(rows, cols));
            }
            default -> throw new IllegalArgumentException("CsvTable.toTensor: dtype must be float32 or float64, got "
                    + dtype + " (class labels: Labels.indices(table.select(\"y\").toTensor(), classes))");
        };
    }

    private int indexOf(String name) {
        int first = names.indexOf(name);
        if (first < 0) {
            throw new IllegalArgumentException("CsvTable: no column '" + name + "' in " + source + "; its columns are "
                    + names);
        }
        if (names.lastIndexOf(name) != first) {
            throw new IllegalArgumentException("CsvTable: column name '" + name + "' appears more than once in "
                    + source + "; select it by position");
        }
        return first;
    }

    private void checkIndex(int c) {
        if (c < 0 || c >= columns()) {
            throw new IllegalArgumentException("CsvTable: column index " + c + " is out of range for " + source
                    + " with " + columns() + " columns");
        }
    }

    @Override
    public String toString() {
        return "CsvTable(" + source + ", " + rows + " rows, columns " + names + ")";
    }
}
