package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy-style indexing behind {@link Tensor#index}, {@link Tensor#slice(String)},
 * {@link Tensor#mask} and the functional assignments {@link Tensor#withSlice} and
 * {@link Tensor#withMask}. Everything here is a composition of the recorded ops (slice, squeeze,
 * unsqueeze, reshape, expand, concat, gather, where), so indexing taken inside a
 * {@link GradientTape} is differentiable to any order without gradients of its own.
 */
final class Indexing {
    private Indexing() {}

    /**
     * An index resolved against a shape: per axis of x the first position, the number of positions
     * and the step (positions {@code first + k * step}); whether the axis is dropped (an integer
     * item); the Python bounds to hand to the slice op; where new axes go in the result.
     */
    private record Resolved(int[] dims, int[] first, int[] length, int[] step, int[] start, int[] stop,
            boolean[] dropped, boolean[] identity, List<Integer> newAxes) {
        /** The shape {@code x[index]} has. */
        Shape resultShape() {
            List<Integer> out = new ArrayList<>();
            for (int a = 0; a < dims.length; a++) {
                if (!dropped[a]) {
                    out.add(length[a]);
                }
            }
            for (int p : newAxes) {
                out.add(p, 1);
            }
            return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    static String describe(Index[] items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(items[i]);
        }
        return sb.toString();
    }

    private static Resolved resolve(String op, int[] dims, Index[] items) {
        String where = "x[" + describe(items) + "] on a tensor of shape " + Arrays.toString(dims);
        int consuming = 0;
        int ellipses = 0;
        for (Index item : items) {
            if (item == null) {
                throw new NullPointerException(op + ": an index item is null in " + where);
            }
            if (item instanceof Index.At || item instanceof Index.Range) {
                consuming++;
            } else if (item instanceof Index.Ellipsis) {
                ellipses++;
            }
        }
        if (ellipses > 1) {
            throw new IllegalArgumentException(op + ": an index can only have a single ellipsis ('...'), in " + where);
        }
        if (consuming > dims.length) {
            throw new IllegalArgumentException(op + ": too many indices: " + consuming + " for a tensor of rank "
                    + dims.length + " (" + where + ")");
        }
        int rank = dims.length;
        int[] first = new int[rank];
        int[] length = new int[rank];
        int[] step = new int[rank];
        int[] start = new int[rank];
        int[] stop = new int[rank];
        boolean[] dropped = new boolean[rank];
        boolean[] identity = new boolean[rank];
        List<Integer> newAxes = new ArrayList<>();
        int axis = 0;
        int out = 0;
        List<Index> expanded = new ArrayList<>();
        for (Index item : items) {
            if (item instanceof Index.Ellipsis) {
                for (int k = 0; k < rank - consuming; k++) {
                    expanded.add(Index.all());
                }
            } else {
                expanded.add(item);
            }
        }
        for (Index item : expanded) {
            switch (item) {
                case Index.NewAxis n -> newAxes.add(out++);
                case Index.At at -> {
                    int ext = dims[axis];
                    int p = at.position() < 0 ? at.position() + ext : at.position();
                    if (p < 0 || p >= ext) {
                        throw new IndexOutOfBoundsException(op + ": index " + at.position() + " is out of range for"
                                + " axis " + axis + " with extent " + ext
                                + (ext > 0 ? " (valid: " + -ext + " to " + (ext - 1) + ")" : "") + ", in " + where);
                    }
                    first[axis] = p;
                    length[axis] = 1;
                    step[axis] = 1;
                    start[axis] = p;
                    stop[axis] = p + 1;
                    dropped[axis] = true;
                    axis++;
                }
                case Index.Range r -> {
                    resolveRange(dims[axis], r, axis, first, length, step, start, stop);
                    identity[axis] = first[axis] == 0 && length[axis] == dims[axis] && step[axis] == 1;
                    axis++;
                    out++;
                }
                case Index.Ellipsis e -> throw new AssertionError();
            }
        }
        for (; axis < rank; axis++) {
            resolveRange(dims[axis], (Index.Range) Index.all(), axis, first, length, step, start, stop);
            identity[axis] = true;
        }
        return new Resolved(dims, first, length, step, start, stop, dropped, identity, newAxes);
    }

    /** Python's {@code slice(start, stop, step).indices(extent)} and the number of positions. */
    private static void resolveRange(int extent, Index.Range r, int axis, int[] first, int[] length, int[] step,
            int[] start, int[] stop) {
        int s = r.step();
        int lo = r.start() != null ? r.start() : s > 0 ? 0 : Integer.MAX_VALUE;
        int hi = r.stop() != null ? r.stop() : s > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        int[] fl = Shape.sliceIndices(extent, lo, hi, s);
        first[axis] = fl[0];
        length[axis] = fl[1];
        step[axis] = s;
        start[axis] = lo;
        stop[axis] = hi;
    }

    // ---------------------------------------------------------------- reading

    static Tensor index(Tensor x, String op, Index[] items) {
        Resolved r = resolve(op, x.shape().dims(), items);
        Tensor y = x;
        List<Integer> drop = new ArrayList<>();
        for (int a = 0; a < x.rank(); a++) {
            if (!r.identity()[a]) {
                y = y.slice(a, r.start()[a], r.stop()[a], r.step()[a]);
            }
            if (r.dropped()[a]) {
                drop.add(a);
            }
        }
        if (!drop.isEmpty()) {
            y = y.squeeze(drop.stream().mapToInt(Integer::intValue).toArray());
        }
        for (int p : r.newAxes()) {
            y = y.unsqueeze(p);
        }
        return y;
    }

    /** NumPy's {@code x[mask]}: the entries where a bool mask over x's leading axes is true. */
    static Tensor mask(Tensor x, Tensor mask) {
        checkMask("mask", x, mask);
        int[] dims = x.shape().dims();
        int[] rest = Arrays.copyOfRange(dims, mask.rank(), dims.length);
        boolean[] m = mask.toBooleanArray();
        int count = 0;
        for (boolean b : m) {
            count += b ? 1 : 0;
        }
        long[] positions = new long[count];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i]) {
                positions[k++] = i;
            }
        }
        Tensor rows = mask.rank() == 1 ? x : x.reshape(concat(new int[] {m.length}, rest));
        return rows.gather(Tensor.of(positions), 0);
    }

    private static void checkMask(String op, Tensor x, Tensor mask) {
        java.util.Objects.requireNonNull(mask, op + ": mask is null");
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": the mask must be bool, got " + mask.dtype() + " " + mask.shape()
                    + " (make one with a comparison, e.g. x.greater(0))");
        }
        int[] dims = x.shape().dims();
        if (mask.rank() == 0 || mask.rank() > dims.length
                || !Arrays.equals(mask.shape().dims(), Arrays.copyOf(dims, mask.rank()))) {
            throw new IllegalArgumentException(op + ": a mask of shape " + mask.shape() + " does not match the leading"
                    + " axes of x " + x.shape() + "; it needs the shape of x's first 1 to " + dims.length + " axes");
        }
    }

    // ---------------------------------------------------------------- functional assignment

    /**
     * x with {@code x[index] = value}: value is broadcast to the selection's shape, embedded into
     * x's shape by a gather from [value, zeros] along each indexed axis, and merged by where.
     */
    static Tensor withSlice(Tensor x, String op, Index[] items, Tensor value) {
        int[] dims = x.shape().dims();
        Resolved r = resolve(op, dims, items);
        Shape selected = r.resultShape();
        Tensor v = valueFor(op, x, value, selected, "x[" + describe(items) + "]");
        // The selection's axes as x's own: new axes (extent 1) out, integer axes back in as 1.
        v = v.reshape(r.length());
        int rank = dims.length;
        boolean[][] inside = new boolean[rank][];
        for (int a = 0; a < rank; a++) {
            int ext = dims[a];
            inside[a] = new boolean[ext];
            long[] from = new long[ext];
            int n = r.length()[a];
            Arrays.fill(from, n); // position n is the zero slab appended below
            for (int k = 0; k < n; k++) {
                int p = r.first()[a] + k * r.step()[a];
                from[p] = k;
                inside[a][p] = true;
            }
            if (r.identity()[a]) {
                continue;
            }
            int[] slab = v.shape().dims();
            slab[a] = 1;
            v = Tensor.concat(List.of(v, Tensor.zeros(x.dtype(), slab)), a).gather(Tensor.of(from), a);
        }
        boolean[] region = new boolean[x.size()];
        int[] idx = new int[rank];
        for (int i = 0; i < region.length; i++) {
            boolean in = true;
            for (int a = 0; a < rank && in; a++) {
                in = inside[a][idx[a]];
            }
            region[i] = in;
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return Tensor.where(Tensor.fromFlat(region, dims), v, x);
    }

    /** x with {@code x[mask] = value}: value broadcasts against x's shape or the masked entries' shape. */
    static Tensor withMask(Tensor x, Tensor mask, Tensor value) {
        checkMask("withMask", x, mask);
        int[] dims = x.shape().dims();
        int[] rest = Arrays.copyOfRange(dims, mask.rank(), dims.length);
        Tensor v = valueFor("withMask", x, value, Shape.of(rest), "x[mask]");
        int[] maskShape = Arrays.copyOf(mask.shape().dims(), dims.length);
        Arrays.fill(maskShape, mask.rank(), dims.length, 1);
        return Tensor.where(mask.reshape(maskShape), v, x);
    }

    private static Tensor valueFor(String op, Tensor x, Tensor value, Shape selected, String what) {
        java.util.Objects.requireNonNull(value, op + ": value is null");
        if (value.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": value is " + value.dtype() + " " + value.shape() + " but x is "
                    + x.dtype() + "; cast the value first (value.cast(" + x.dtype().name() + "))");
        }
        if (!broadcasts(value.shape().dims(), selected.dims())) {
            throw new IllegalArgumentException(op + ": a value of shape " + value.shape() + " cannot be broadcast to "
                    + what + ", which has shape " + selected + " (x has shape " + x.shape() + ")");
        }
        return value.shape().equals(selected) ? value : value.broadcastTo(selected);
    }

    private static boolean broadcasts(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 1; i <= from.length; i++) {
            int f = from[from.length - i];
            if (f != 1 && f != to[to.length - i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
