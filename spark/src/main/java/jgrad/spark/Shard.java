package jgrad.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.Seq;

/**
 * One partition's rows converted to flat arrays once, in the executor that holds them, and kept
 * there (the RDD of shards is cached): features row-major, targets likewise. Rows carry global
 * indices {@code first .. first + rows - 1} in partition order, which is how a global batch is cut
 * the same way on any number of workers and in a single process.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final long first;
    final int rows;
    final int width;
    final int targetWidth;
    final float[] x;
    final float[] y;

    Shard(int partition, long first, int rows, int width, int targetWidth, float[] x, float[] y) {
        this.partition = partition;
        this.first = first;
        this.rows = rows;
        this.width = width;
        this.targetWidth = targetWidth;
        this.x = x;
        this.y = y;
    }

    /**
     * Reads a partition's rows. Features come from one array column or from several numeric
     * columns; the target from one numeric or array column (none for predict). A row of the wrong
     * width, a null or a non-finite value fails naming the partition, the row and the column.
     */
    static Shard read(int partition, long first, Iterator<Row> it, List<String> featureCols, String targetCol,
            int width, int targetWidth) {
        FloatList x = new FloatList(1024);
        FloatList y = new FloatList(256);
        int n = 0;
        while (it.hasNext()) {
            Row row = it.next();
            int got = features(row, featureCols, x, partition, n);
            if (got != width) {
                throw new IllegalArgumentException("SparkData: row " + n + " of partition " + partition + " has " + got
                        + " features in " + describe(featureCols) + ", the model's input takes " + width);
            }
            if (targetCol != null) {
                int t = values(row, targetCol, y, partition, n);
                if (t != targetWidth) {
                    throw new IllegalArgumentException("SparkData: row " + n + " of partition " + partition + " has "
                            + t + " target values in column '" + targetCol + "', the model's loss takes " + targetWidth
                            + " per row" + (t == 1 ? " (for class indices compile with"
                                    + " sparse_categorical_crossentropy)" : ""));
                }
            }
            n++;
        }
        return new Shard(partition, first, n, width, targetWidth, x.toArray(), y.toArray());
    }

    private static String describe(List<String> cols) {
        return cols.size() == 1 ? "column '" + cols.get(0) + "'" : cols.size() + " columns " + cols;
    }

    private static int features(Row row, List<String> cols, FloatList out, int partition, int n) {
        if (cols.size() == 1) {
            return values(row, cols.get(0), out, partition, n);
        }
        for (String c : cols) {
            if (values(row, c, out, partition, n) != 1) {
                throw new IllegalArgumentException("SparkData: column '" + c + "' of row " + n + " of partition "
                        + partition + " is not a single number; several feature columns must each hold one number");
            }
        }
        return cols.size();
    }

    /** Appends the number or array in column {@code col} to {@code out}; returns how many values. */
    private static int values(Row row, String col, FloatList out, int partition, int n) {
        int i;
        try {
            i = row.fieldIndex(col);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SparkData: no column '" + col + "' (the rows have "
                    + Arrays.toString(row.schema().fieldNames()) + ")", e);
        }
        Object v = row.isNullAt(i) ? null : row.get(i);
        if (v == null) {
            throw new IllegalArgumentException("SparkData: column '" + col + "' is null in row " + n + " of partition "
                    + partition);
        }
        if (v instanceof Number num) {
            out.add(check(num.doubleValue(), col, partition, n));
            return 1;
        }
        if (v instanceof Boolean b) {
            out.add(b ? 1f : 0f);
            return 1;
        }
        List<?> list;
        if (v instanceof Seq<?> seq) {
            list = scala.jdk.javaapi.CollectionConverters.asJava(seq);
        } else if (v instanceof List<?> l) {
            list = l;
        } else {
            throw new IllegalArgumentException("SparkData: column '" + col + "' holds " + v.getClass().getSimpleName()
                    + " values; numbers or arrays of numbers are needed");
        }
        for (Object e : list) {
            if (!(e instanceof Number num)) {
                throw new IllegalArgumentException("SparkData: the array in column '" + col + "' of row " + n
                        + " of partition " + partition + " holds " + (e == null ? "null" : e.getClass().getSimpleName())
                        + "; arrays of numbers are needed");
            }
            out.add(check(num.doubleValue(), col, partition, n));
        }
        return list.size();
    }

    private static float check(double v, String col, int partition, int n) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("SparkData: column '" + col + "' holds " + v + " in row " + n
                    + " of partition " + partition + "; clean or impute the data first");
        }
        return (float) v;
    }

    /** Local rows whose epoch position lies in [start, end), in position order. */
    int[] select(int[] position, long start, long end) {
        if (position == null) {
            // No shuffle: the position is the global index, so the rows are one contiguous run.
            long lo = Math.max(start, first);
            long hi = Math.min(end, first + rows);
            if (lo >= hi) {
                return new int[0];
            }
            int[] out = new int[(int) (hi - lo)];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) (lo - first) + i;
            }
            return out;
        }
        List<long[]> hits = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int p = position[(int) (first + i)];
            if (p >= start && p < end) {
                hits.add(new long[] {p, i});
            }
        }
        hits.sort((a, b) -> Long.compare(a[0], b[0]));
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) hits.get(i)[1];
        }
        return out;
    }

    /** A growable float array; rows arrive one by one and their count is not known ahead. */
    private static final class FloatList {
        private float[] a;
        private int n;

        FloatList(int capacity) {
            a = new float[capacity];
        }

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
