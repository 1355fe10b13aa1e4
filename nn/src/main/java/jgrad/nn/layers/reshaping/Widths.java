package jgrad.nn.layers.reshaping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.nn.layers.conv.SpatialArgs;

/** Keras's padding and cropping argument forms, turned into one {before, after} pair per spatial axis. */
final class Widths {
    private Widths() {}

    /** One width for every side of every axis. */
    static int[][] uniform(int width, int rank) {
        int[][] out = new int[rank][];
        for (int i = 0; i < rank; i++) {
            out[i] = new int[] {width, width};
        }
        return out;
    }

    /** One symmetric width per axis ({@code (h, w)} for 2-D: top = bottom = h, left = right = w). */
    static int[][] symmetric(int[] perAxis) {
        int[][] out = new int[perAxis.length][];
        for (int i = 0; i < perAxis.length; i++) {
            out[i] = new int[] {perAxis[i], perAxis[i]};
        }
        return out;
    }

    /**
     * Keras's int forms: one value for every side of every axis; for 1-D a pair (before, after);
     * for 2-D and 3-D one symmetric value per axis.
     */
    static int[][] fromInts(String who, String arg, int[] values, int rank) {
        if (values != null && values.length == 1) {
            return pairs(who, arg, uniform(values[0], rank), rank);
        }
        if (values != null && rank == 1 && values.length == 2) {
            return pairs(who, arg, new int[][] {values}, 1);
        }
        if (values != null && rank > 1 && values.length == rank) {
            return pairs(who, arg, symmetric(values), rank);
        }
        throw new IllegalArgumentException(who + ": " + arg + " must be one integer, " + (rank == 1
                ? "or a (before, after) pair" : rank + " integers (one per axis), or " + rank + " (before, after) pairs")
                + ", got " + (values == null ? "null" : SpatialArgs.text(values)));
    }

    /** Checks {@code rank} pairs of non-negative widths and copies them. */
    static int[][] pairs(String who, String arg, int[][] pairs, int rank) {
        if (pairs == null || pairs.length != rank) {
            throw new IllegalArgumentException(who + ": " + arg + " must have one (before, after) pair per spatial axis ("
                    + rank + "), got " + text(pairs));
        }
        int[][] out = new int[rank][];
        for (int i = 0; i < rank; i++) {
            if (pairs[i] == null || pairs[i].length != 2 || pairs[i][0] < 0 || pairs[i][1] < 0) {
                throw new IllegalArgumentException(who + ": " + arg + " must be pairs of non-negative integers, got "
                        + text(pairs));
            }
            out[i] = pairs[i].clone();
        }
        return out;
    }

    static String text(int[][] pairs) {
        if (pairs == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[i] == null ? "null" : SpatialArgs.text(pairs[i]));
        }
        return sb.append(pairs.length == 1 ? ",)" : ")").toString();
    }

    /** The pairs as a JSON list: {@code [[1, 1], [2, 2]]}, or {@code [1, 1]} for one axis (Keras's 1-D form). */
    static List<Object> toConfig(int[][] pairs) {
        List<Object> out = new ArrayList<>();
        if (pairs.length == 1) {
            out.add(pairs[0][0]);
            out.add(pairs[0][1]);
            return out;
        }
        for (int[] p : pairs) {
            List<Integer> l = new ArrayList<>();
            l.add(p[0]);
            l.add(p[1]);
            out.add(l);
        }
        return out;
    }

    /**
     * Reads any of Keras's forms from a config: an int, a list of ints (a pair for 1-D, one
     * symmetric width per axis otherwise) or a list of pairs.
     */
    static int[][] fromConfig(String who, Map<String, Object> c, String key, int rank) {
        Object v = c.get(key);
        if (v instanceof Number n) {
            return uniform(n.intValue(), rank);
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(who + " config: '" + key + "' is missing or malformed in " + c);
        }
        if (list.get(0) instanceof List<?>) {
            int[][] out = new int[list.size()][];
            for (int i = 0; i < out.length; i++) {
                List<?> p = (List<?>) list.get(i);
                out[i] = new int[p.size()];
                for (int j = 0; j < p.size(); j++) {
                    out[i][j] = ((Number) p.get(j)).intValue();
                }
            }
            return pairs(who, key, out, rank);
        }
        int[] flat = new int[list.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = ((Number) list.get(i)).intValue();
        }
        if (rank == 1) {
            return pairs(who, key, new int[][] {flat}, 1);
        }
        return pairs(who, key, symmetric(flat), rank);
    }
}
