package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;

/**
 * Resolves a sliding window (size, strides, dilations, padding) against a channels-last input into
 * the kernels' {@link ConvKernels.Geometry}, with the checks every convolution and pooling op shares.
 */
final class Windows {
    private Windows() {}

    static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Integer> list(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Strides, dilations or pool sizes: one positive entry per spatial axis. */
    static List<Integer> positive(String op, String what, int[] values, int rank) {
        if (values.length != rank) {
            throw new IllegalArgumentException(op + ": " + what + " " + Arrays.toString(values) + " must have " + rank
                    + " entr" + (rank == 1 ? "y" : "ies") + ", one per spatial axis");
        }
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(op + ": " + what + " must be >= 1, got " + Arrays.toString(values));
            }
        }
        return list(values);
    }

    static void requireSpatialRank(String op, int rank) {
        if (rank < 1 || rank > 3) {
            throw new IllegalArgumentException(op + ": 1, 2 or 3 spatial axes are supported, got " + rank);
        }
    }

    /**
     * The geometry of windows of {@code size} over x ({@code [batch, spatial..., channels]}), or an
     * IllegalArgumentException naming the op, the shapes and what does not fit.
     */
    static ConvKernels.Geometry resolve(String op, jgrad.core.Shape x, int[] size, List<Integer> strides,
            List<Integer> dilations, Padding padding) {
        int d = size.length;
        requireSpatialRank(op, d);
        if (x.rank() != d + 2) {
            throw new IllegalArgumentException(op + ": x must be channels-last [batch, " + spatialNames(d)
                    + ", channels] (rank " + (d + 2) + "), got " + x);
        }
        if (padding == null) {
            throw new NullPointerException(op + ": padding is null");
        }
        if (padding instanceof Padding.Causal && d != 1) {
            throw new IllegalArgumentException(op + ": causal padding is for 1-D windows, got " + d
                    + " spatial axes");
        }
        if (padding instanceof Padding.Explicit e && e.rank() != d) {
            throw new IllegalArgumentException(op + ": " + padding + " padding is for " + e.rank() + " spatial ax"
                    + (e.rank() == 1 ? "is" : "es") + ", x " + x + " has " + d);
        }
        int[] in = {1, 1, 1};
        int[] out = {1, 1, 1};
        int[] k = {1, 1, 1};
        int[] s = {1, 1, 1};
        int[] dl = {1, 1, 1};
        int[] pb = {0, 0, 0};
        for (int i = 0; i < d; i++) {
            int a = 3 - d + i;
            in[a] = x.get(1 + i);
            k[a] = size[i];
            s[a] = strides.get(i);
            dl[a] = dilations.get(i);
            int eff = (k[a] - 1) * dl[a] + 1;
            int before;
            int after;
            switch (padding) {
                case Padding.Valid v -> {
                    before = 0;
                    after = 0;
                }
                case Padding.Same v -> {
                    int o = (in[a] + s[a] - 1) / s[a];
                    int total = Math.max((o - 1) * s[a] + eff - in[a], 0);
                    before = total / 2;
                    after = total - before;
                }
                case Padding.Causal v -> {
                    before = eff - 1;
                    after = 0;
                }
                case Padding.Explicit e -> {
                    before = e.before().get(i);
                    after = e.after().get(i);
                }
            }
            int padded = in[a] + before + after;
            if (padded < eff) {
                throw new IllegalArgumentException(op + ": the window " + Arrays.toString(size) + " (dilations "
                        + dilations + ") does not fit x " + x + " with " + padding + " padding: spatial axis "
                        + i + " has " + in[a] + " positions" + (before + after > 0 ? " (" + padded + " padded)" : "")
                        + ", the window spans " + eff);
            }
            out[a] = (padded - eff) / s[a] + 1;
            pb[a] = before;
        }
        return new ConvKernels.Geometry(x.get(0), x.get(d + 1), in, out, k, s, dl, pb);
    }

    /** The output shape {@code [batch, out..., channels]} for a geometry of d spatial axes. */
    static int[] outputShape(ConvKernels.Geometry g, int d, int channels) {
        int[] dims = new int[d + 2];
        dims[0] = g.batch();
        for (int i = 0; i < d; i++) {
            dims[1 + i] = g.out()[3 - d + i];
        }
        dims[d + 1] = channels;
        return dims;
    }

    private static String spatialNames(int d) {
        return switch (d) {
            case 1 -> "width";
            case 2 -> "height, width";
            default -> "depth, height, width";
        };
    }

    /** The storage of a dense row-major copy of x starting at 0 (x's own when it already is one). */
    static Object dense(Tensor x) {
        return x.isContiguous() && x.offset() == 0 ? x.storage() : jgrad.ops.kernels.StridedCopyKernel.toArray(x);
    }
}
