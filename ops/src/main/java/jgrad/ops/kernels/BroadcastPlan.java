package jgrad.ops.kernels;

import java.util.stream.IntStream;
import jgrad.core.Tensor;

/**
 * How an elementwise kernel walks up to three (broadcast, possibly strided) operands alongside a
 * fresh row-major output: the output's axes with every operand's strides (0 on broadcast axes),
 * merged where all operands stay linear, so that the inner loop is as long as possible.
 */
final class BroadcastPlan {
    /**
     * One run of {@code len} consecutive output elements starting at {@code out}; the operands start
     * at {@code p0}, {@code p1}, {@code p2} and advance by the plan's inner strides.
     */
    @FunctionalInterface
    interface Segment {
        void run(int p0, int p1, int p2, int out, int len);
    }

    /** Chunks handed to one task are at least this long, and aligned to it, to keep vector loops full. */
    private static final int GRAIN = 1024;

    final int size;
    private final int rank;
    private final int[] dims;
    /** Operand t's stride on axis a is {@code strides[t * rank + a]}. */
    private final int[] strides;
    private final int operands;
    private final int o0;
    private final int o1;
    private final int o2;
    private final int[] offsets;

    private BroadcastPlan(int size, int rank, int[] dims, int[] strides, int operands, int[] offsets) {
        this.size = size;
        this.rank = rank;
        this.dims = dims;
        this.strides = strides;
        this.operands = operands;
        this.o0 = offsets[0];
        this.o1 = operands > 1 ? offsets[1] : 0;
        this.o2 = operands > 2 ? offsets[2] : 0;
        this.offsets = offsets;
    }

    /**
     * One run of {@code len} consecutive output elements starting at {@code out}, for any number
     * of operands: operand t starts at {@code starts[t]} (the array is reused between calls).
     */
    @FunctionalInterface
    interface Segments {
        void run(int[] starts, int out, int len);
    }

    /**
     * A plan for writing an output of {@code outDims} from the operands (1 to 3 of them for
     * {@link #run}, any number for {@link #forRange(int, int, Segments)}).
     */
    static BroadcastPlan of(int[] outDims, Tensor... operands) {
        int rank = outDims.length;
        int k = operands.length;
        int size = 1;
        for (int d : outDims) {
            size *= d;
        }
        // Operand strides aligned to the output's axes; broadcast axes read the same element (stride 0).
        // Flat arrays throughout: a multi-dimensional allocation is a slow runtime call in HotSpot.
        int[] aligned = new int[k * rank];
        int[] offsets = new int[k];
        for (int t = 0; t < k; t++) {
            Tensor op = operands[t];
            int[] s = op.strides();
            int r = s.length;
            for (int i = Math.max(0, rank - r); i < rank; i++) {
                int j = i - (rank - r);
                aligned[t * rank + i] = op.dim(j) == 1 ? 0 : s[j];
            }
            offsets[t] = op.offset();
        }
        // Merge axis i into the group inside it when every operand is linear across both; groups are
        // collected innermost first, into the tail of the arrays, so they end up outermost first.
        int cap = Math.max(rank, 1);
        int[] dims = new int[cap];
        int[] strides = new int[k * cap];
        int groups = 0;
        int curDim = 1;
        int[] cur = new int[k];
        boolean open = false;
        for (int i = rank - 1; i >= 0; i--) {
            int d = outDims[i];
            if (d == 1) {
                continue;
            }
            if (open) {
                boolean linear = true;
                for (int t = 0; t < k && linear; t++) {
                    linear = aligned[t * rank + i] == cur[t] * curDim;
                }
                if (linear) {
                    curDim *= d;
                    continue;
                }
                groups++;
                dims[cap - groups] = curDim;
                for (int t = 0; t < k; t++) {
                    strides[t * cap + cap - groups] = cur[t];
                }
            }
            curDim = d;
            for (int t = 0; t < k; t++) {
                cur[t] = aligned[t * rank + i];
            }
            open = true;
        }
        groups++;
        dims[cap - groups] = open ? curDim : 1;
        for (int t = 0; t < k; t++) {
            strides[t * cap + cap - groups] = open ? cur[t] : 0;
        }
        if (groups == cap) {
            return new BroadcastPlan(size, cap, dims, strides, k, offsets);
        }
        int[] d2 = java.util.Arrays.copyOfRange(dims, cap - groups, cap);
        int[] s2 = new int[k * groups];
        for (int t = 0; t < k; t++) {
            System.arraycopy(strides, t * cap + cap - groups, s2, t * groups, groups);
        }
        return new BroadcastPlan(size, groups, d2, s2, k, offsets);
    }

    /** The stride of operand {@code t} along the innermost (merged) axis. */
    int innerStride(int t) {
        return strides[t * rank + rank - 1];
    }

    /** Runs the segments covering the whole output, split over the common pool when large. */
    void run(Segment segment) {
        if (size == 0) {
            return;
        }
        int parts = parts(size);
        if (parts <= 1) {
            forRange(0, size, segment);
            return;
        }
        int chunk = ((size + parts - 1) / parts + GRAIN - 1) / GRAIN * GRAIN;
        int n = (size + chunk - 1) / chunk;
        IntStream.range(0, n).parallel().forEach(c -> forRange(c * chunk, Math.min(size, (c + 1) * chunk), segment));
    }

    /**
     * How many tasks {@code size} elements are split into (1: stay on the caller's thread). As many
     * threads as every other kernel uses ({@link Parallel#threads()}, which
     * {@code -Djgrad.kernels.threads} sets): with one thread, elementwise ops used to run on the
     * common pool's workers anyway, so "one thread" runs were not.
     */
    static int parts(int size) {
        if (size < KernelConfig.PARALLEL_THRESHOLD) {
            return 1;
        }
        int threads = Parallel.threads();
        if (threads < 2) {
            return 1;
        }
        return Math.max(1, Math.min(threads * 4, size / Math.max(GRAIN, KernelConfig.PARALLEL_THRESHOLD / 4)));
    }

    /**
     * Visits output elements {@code [start, end)} row by row of the innermost axis, for any number
     * of operands (the same walk as the three-operand one, with the positions in an array).
     */
    void forRange(int start, int end, Segments segment) {
        int r = rank;
        int k = operands;
        int[] idx = new int[r];
        int[] p = offsets.clone();
        int rem = start;
        for (int a = r - 1; a >= 0; a--) {
            idx[a] = rem % dims[a];
            rem /= dims[a];
            for (int t = 0; t < k; t++) {
                p[t] += idx[a] * strides[t * r + a];
            }
        }
        int inner = dims[r - 1];
        int[] starts = new int[k];
        int pos = start;
        while (pos < end) {
            int len = Math.min(inner - idx[r - 1], end - pos);
            System.arraycopy(p, 0, starts, 0, k);
            segment.run(starts, pos, len);
            pos += len;
            if (pos >= end) {
                break;
            }
            for (int t = 0; t < k; t++) {
                p[t] -= idx[r - 1] * strides[t * r + r - 1];
            }
            idx[r - 1] = 0;
            for (int a = r - 2; a >= 0; a--) {
                idx[a]++;
                for (int t = 0; t < k; t++) {
                    p[t] += strides[t * r + a];
                }
                if (idx[a] < dims[a]) {
                    break;
                }
                for (int t = 0; t < k; t++) {
                    p[t] -= dims[a] * strides[t * r + a];
                }
                idx[a] = 0;
            }
        }
    }

    /** Visits output elements {@code [start, end)} row by row of the innermost axis. */
    private void forRange(int start, int end, Segment segment) {
        int r = rank;
        int k = operands;
        int[] idx = new int[r];
        int p0 = o0;
        int p1 = o1;
        int p2 = o2;
        int rem = start;
        for (int a = r - 1; a >= 0; a--) {
            idx[a] = rem % dims[a];
            rem /= dims[a];
            p0 += idx[a] * strides[a];
            p1 += k > 1 ? idx[a] * strides[r + a] : 0;
            p2 += k > 2 ? idx[a] * strides[2 * r + a] : 0;
        }
        int inner = dims[r - 1];
        int s0 = strides[r - 1];
        int s1 = k > 1 ? strides[2 * r - 1] : 0;
        int s2 = k > 2 ? strides[3 * r - 1] : 0;
        int pos = start;
        while (pos < end) {
            int len = Math.min(inner - idx[r - 1], end - pos);
            segment.run(p0, p1, p2, pos, len);
            pos += len;
            if (pos >= end) {
                break;
            }
            // The row is finished (else pos would be end): back to column 0, then carry outwards.
            p0 -= idx[r - 1] * s0;
            p1 -= idx[r - 1] * s1;
            p2 -= idx[r - 1] * s2;
            idx[r - 1] = 0;
            for (int a = r - 2; a >= 0; a--) {
                idx[a]++;
                p0 += strides[a];
                p1 += k > 1 ? strides[r + a] : 0;
                p2 += k > 2 ? strides[2 * r + a] : 0;
                if (idx[a] < dims[a]) {
                    break;
                }
                p0 -= dims[a] * strides[a];
                p1 -= k > 1 ? dims[a] * strides[r + a] : 0;
                p2 -= k > 2 ? dims[a] * strides[2 * r + a] : 0;
                idx[a] = 0;
            }
        }
    }
}
