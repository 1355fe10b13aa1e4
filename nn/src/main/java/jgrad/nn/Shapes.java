package jgrad.nn;

import java.util.List;
import java.util.StringJoiner;
import jgrad.core.Shape;

/** Shape helpers shared by layers: printing with the batch axis, dropping and adding it. */
public final class Shapes {
    private Shapes() {}

    /** {@code (None, 13)}: a per-sample shape with the unknown batch axis, as Keras prints it. */
    public static String batchShape(Shape perSample) {
        StringJoiner j = new StringJoiner(", ", "(", perSample.rank() == 0 ? ",)" : ")");
        j.add("None");
        for (int d : perSample.dims()) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    /** Several shapes as Keras prints a list: {@code [(None, 13), (None, 4)]}. */
    public static String batchShapes(List<Shape> perSample) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (Shape s : perSample) {
            j.add(batchShape(s));
        }
        return j.toString();
    }

    /** The shape without its first (batch) axis; fails for a scalar. */
    public static Shape perSample(Shape full, String who) {
        if (full.rank() == 0) {
            throw new IllegalArgumentException(who + ": expected a batch (an input with a leading batch axis), got a"
                    + " scalar");
        }
        int[] d = full.dims();
        int[] s = new int[d.length - 1];
        System.arraycopy(d, 1, s, 0, s.length);
        return Shape.of(s);
    }

    /**
     * True when {@code labels} is {@code output} without a last axis of extent 1: labels (N,) for
     * an (N, 1) output, which Keras's binary losses and metrics accept by expanding the labels.
     */
    public static boolean missesTrailingOne(Shape labels, Shape output) {
        int r = output.rank();
        return r >= 1 && labels.rank() == r - 1 && output.get(-1) == 1
                && java.util.Arrays.equals(labels.dims(), java.util.Arrays.copyOf(output.dims(), r - 1));
    }

    /** {@code batch} followed by the per-sample axes. */
    public static int[] withBatch(int batch, Shape perSample) {
        int[] d = perSample.dims();
        int[] s = new int[d.length + 1];
        s[0] = batch;
        System.arraycopy(d, 0, s, 1, d.length);
        return s;
    }
}
