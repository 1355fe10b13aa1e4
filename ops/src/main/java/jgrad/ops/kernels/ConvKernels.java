package jgrad.ops.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sliding-window kernels behind convolution and pooling on channels-last tensors
 * ({@code [batch, spatial..., channels]}, Keras's default layout): im2col (every window's taps laid
 * out as a row, so a convolution is one GEMM), its adjoint col2im, and direct max and average
 * pooling with the average pool's adjoint. One to three spatial axes are handled as three, the
 * missing leading ones of extent 1. Arrays are dense and row-major. The vector path copies and
 * adds runs of contiguous elements (a tap's channels, or a whole row of taps); the scalar reference
 * ({@code vector = false}) moves one element at a time.
 */
public final class ConvKernels {
    private ConvKernels() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    /**
     * Where the windows go, resolved for one input: every array has three entries (depth, height,
     * width), leading unused axes having extent, kernel, stride and dilation 1 and no padding.
     * Output position o along an axis reads input positions {@code o*stride + t*dilation -
     * padBefore} for taps t; positions outside {@code [0, in)} are padding.
     */
    public record Geometry(int batch, int channels, int[] in, int[] out, int[] kernel, int[] strides,
            int[] dilations, int[] padBefore) {
        public Geometry {
            for (int[] a : new int[][] {in, out, kernel, strides, dilations, padBefore}) {
                if (a.length != 3) {
                    throw new IllegalArgumentException("geometry: every spatial array needs 3 entries, got "
                            + Arrays.toString(a));
                }
            }
        }

        /** Output positions per image. */
        public int outPositions() {
            return out[0] * out[1] * out[2];
        }

        /** Input positions per image. */
        public int inPositions() {
            return in[0] * in[1] * in[2];
        }

        /** Taps per window. */
        public int taps() {
            return kernel[0] * kernel[1] * kernel[2];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Geometry g && batch == g.batch && channels == g.channels && Arrays.equals(in, g.in)
                    && Arrays.equals(out, g.out) && Arrays.equals(kernel, g.kernel) && Arrays.equals(strides, g.strides)
                    && Arrays.equals(dilations, g.dilations) && Arrays.equals(padBefore, g.padBefore);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {batch, channels, in, out, kernel, strides, dilations, padBefore});
        }

        @Override
        public String toString() {
            return "Geometry[batch=" + batch + ", channels=" + channels + ", in=" + Arrays.toString(in) + ", out="
                    + Arrays.toString(out) + ", kernel=" + Arrays.toString(kernel) + ", strides="
                    + Arrays.toString(strides) + ", dilations=" + Arrays.toString(dilations) + ", padBefore="
                    + Arrays.toString(padBefore) + "]";
        }
    }

    // ------------------------------------------------------------------ im2col / col2im

    /**
     * The patches of x ({@code [batch, in..., channels]}, dense from offset 0) as rows:
     * {@code [batch * outPositions, taps * channels]}, taps in row-major (d, h, w) order with the
     * channels innermost, zeros where a tap falls in the padding. Every element is written.
     */
    public static Object im2col(Object x, Geometry g, boolean vector) {
        int rows = g.batch() * g.outPositions();
        int width = g.taps() * g.channels();
        Object cols = x instanceof float[] ? FreshArrays.floats(rows * width) : FreshArrays.doubles(rows * width);
        if (rows == 0 || width == 0) {
            return cols;
        }
        Parallel.forRange(rows, (long) rows * width, (s, e) -> {
            for (int r = s; r < e; r++) {
                im2colRow(x, g, r, cols, r * width, vector);
            }
        });
        return cols;
    }

    private static void im2colRow(Object x, Geometry g, int row, Object cols, int co, boolean vector) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int pos = row % g.outPositions();
        int n = row / g.outPositions();
        int ow = pos % g.out()[2];
        int oh = pos / g.out()[2] % g.out()[1];
        int od = pos / (g.out()[2] * g.out()[1]);
        int imageBase = n * g.inPositions() * c;
        int q = co;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                boolean rowInside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int rowBase = imageBase + (id * in[1] + ih) * in[2] * c;
                int iw0 = ow * st[2] - pb[2];
                if (vector && rowInside && dl[2] == 1 && iw0 >= 0 && iw0 + k[2] <= in[2]) {
                    // The whole row of taps lies inside and back to back: one copy.
                    System.arraycopy(x, rowBase + iw0 * c, cols, q, k[2] * c);
                    q += k[2] * c;
                    continue;
                }
                for (int kw = 0; kw < k[2]; kw++, q += c) {
                    int iw = iw0 + kw * dl[2];
                    if (rowInside && iw >= 0 && iw < in[2]) {
                        copy(x, rowBase + iw * c, cols, q, c, vector);
                    } else {
                        zero(cols, q, c);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: each row's taps added back into a fresh
     * {@code [batch, in..., channels]} array at the positions they were read from (padding taps
     * dropped). Images run in parallel; within an image the sums go in a fixed order.
     */
    public static Object col2im(Object cols, Geometry g, boolean vector) {
        int size = g.batch() * g.inPositions() * g.channels();
        Object x = cols instanceof float[] ? new float[size] : new double[size];
        int width = g.taps() * g.channels();
        if (size == 0 || width == 0) {
            return x;
        }
        Parallel.forRange(g.batch(), (long) g.batch() * g.outPositions() * width, (s, e) -> {
            for (int n = s; n < e; n++) {
                for (int p = 0; p < g.outPositions(); p++) {
                    int row = n * g.outPositions() + p;
                    col2imRow(cols, row * width, g, row, x, vector);
                }
            }
        });
        return x;
    }

    private static void col2imRow(Object cols, int co, Geometry g, int row, Object x, boolean vector) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int pos = row % g.outPositions();
        int n = row / g.outPositions();
        int ow = pos % g.out()[2];
        int oh = pos / g.out()[2] % g.out()[1];
        int od = pos / (g.out()[2] * g.out()[1]);
        int imageBase = n * g.inPositions() * c;
        int q = co;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                boolean rowInside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int rowBase = imageBase + (id * in[1] + ih) * in[2] * c;
                int iw0 = ow * st[2] - pb[2];
                if (vector && rowInside && dl[2] == 1 && iw0 >= 0 && iw0 + k[2] <= in[2]) {
                    addInto(cols, q, x, rowBase + iw0 * c, k[2] * c, true);
                    q += k[2] * c;
                    continue;
                }
                for (int kw = 0; kw < k[2]; kw++, q += c) {
                    int iw = iw0 + kw * dl[2];
                    if (rowInside && iw >= 0 && iw < in[2]) {
                        addInto(cols, q, x, rowBase + iw * c, c, vector);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ pooling

    /**
     * Max pooling: {@code [batch, out..., channels]}, each the maximum over its window's taps
     * inside the input (padding is ignored, never a candidate; NaN propagates).
     */
    public static Object maxPool(Object x, Geometry g, boolean vector) {
        return pool(x, g, vector, true);
    }

    /** Average pooling over the taps inside the input (padding is not counted, as Keras does). */
    public static Object avgPool(Object x, Geometry g, boolean vector) {
        return pool(x, g, vector, false);
    }

    private static Object pool(Object x, Geometry g, boolean vector, boolean max) {
        int c = g.channels();
        int outs = g.batch() * g.outPositions();
        Object y = x instanceof float[] ? FreshArrays.floats(outs * c) : FreshArrays.doubles(outs * c);
        if (outs == 0 || c == 0) {
            return y;
        }
        Parallel.forRange(outs, (long) outs * c * g.taps(), (s, e) -> {
            for (int r = s; r < e; r++) {
                poolRow(x, g, r, y, vector, max);
            }
        });
        return y;
    }

    private static void poolRow(Object x, Geometry g, int row, Object y, boolean vector, boolean max) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int pos = row % g.outPositions();
        int n = row / g.outPositions();
        int ow = pos % g.out()[2];
        int oh = pos / g.out()[2] % g.out()[1];
        int od = pos / (g.out()[2] * g.out()[1]);
        int imageBase = n * g.inPositions() * c;
        int yo = row * c;
        int count = 0;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            if (id < 0 || id >= in[0]) {
                continue;
            }
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                if (ih < 0 || ih >= in[1]) {
                    continue;
                }
                for (int kw = 0; kw < k[2]; kw++) {
                    int iw = ow * st[2] + kw * dl[2] - pb[2];
                    if (iw < 0 || iw >= in[2]) {
                        continue;
                    }
                    int xo = imageBase + ((id * in[1] + ih) * in[2] + iw) * c;
                    if (count == 0) {
                        copy(x, xo, y, yo, c, vector);
                    } else if (max) {
                        maxInto(x, xo, y, yo, c, vector);
                    } else {
                        addInto(x, xo, y, yo, c, vector);
                    }
                    count++;
                }
            }
        }
        if (count == 0) {
            // Only reachable with explicit padding at least as wide as the window: nothing to pool.
            fill(y, yo, c, max ? Double.NEGATIVE_INFINITY : Double.NaN);
        } else if (!max) {
            scale(y, yo, c, 1.0 / count, vector);
        }
    }

    /**
     * For each element of the max pool's output, the flat index into x of the tap it came from
     * (the first maximum in d, h, w order; -1 where the window holds no input).
     */
    public static long[] maxPoolArgmax(Object x, Geometry g) {
        int c = g.channels();
        int outs = g.batch() * g.outPositions();
        long[] idx = new long[outs * c];
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        for (int row = 0; row < outs; row++) {
            int pos = row % g.outPositions();
            int n = row / g.outPositions();
            int ow = pos % g.out()[2];
            int oh = pos / g.out()[2] % g.out()[1];
            int od = pos / (g.out()[2] * g.out()[1]);
            int imageBase = n * g.inPositions() * c;
            for (int ch = 0; ch < c; ch++) {
                long best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int kd = 0; kd < k[0]; kd++) {
                    int id = od * st[0] + kd * dl[0] - pb[0];
                    for (int kh = 0; kh < k[1]; kh++) {
                        int ih = oh * st[1] + kh * dl[1] - pb[1];
                        for (int kw = 0; kw < k[2]; kw++) {
                            int iw = ow * st[2] + kw * dl[2] - pb[2];
                            if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1] || iw < 0 || iw >= in[2]) {
                                continue;
                            }
                            int xi = imageBase + ((id * in[1] + ih) * in[2] + iw) * c + ch;
                            double v = x instanceof float[] f ? f[xi] : ((double[]) x)[xi];
                            // The first maximum wins; a NaN beats everything, as it does in the forward.
                            if (best < 0 || v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                                best = xi;
                                bestValue = v;
                            }
                        }
                    }
                }
                idx[row * c + ch] = best;
            }
        }
        return idx;
    }

    /**
     * The adjoint of {@link #avgPool}: each output gradient divided by its window's count and added
     * into a fresh x-shaped array at every tap inside the input. Images run in parallel.
     */
    public static Object avgPoolGrad(Object grad, Geometry g, boolean vector) {
        int c = g.channels();
        int size = g.batch() * g.inPositions() * c;
        Object dx = grad instanceof float[] ? new float[size] : new double[size];
        if (size == 0 || c == 0) {
            return dx;
        }
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        Parallel.forRange(g.batch(), (long) g.batch() * g.outPositions() * c * g.taps(), (s, e) -> {
            Object tmp = grad instanceof float[] ? new float[c] : new double[c];
            for (int n = s; n < e; n++) {
                int imageBase = n * g.inPositions() * c;
                for (int pos = 0; pos < g.outPositions(); pos++) {
                    int ow = pos % g.out()[2];
                    int oh = pos / g.out()[2] % g.out()[1];
                    int od = pos / (g.out()[2] * g.out()[1]);
                    int count = 0;
                    for (int kd = 0; kd < k[0]; kd++) {
                        int id = od * st[0] + kd * dl[0] - pb[0];
                        for (int kh = 0; kh < k[1]; kh++) {
                            int ih = oh * st[1] + kh * dl[1] - pb[1];
                            for (int kw = 0; kw < k[2]; kw++) {
                                int iw = ow * st[2] + kw * dl[2] - pb[2];
                                if (id >= 0 && id < in[0] && ih >= 0 && ih < in[1] && iw >= 0 && iw < in[2]) {
                                    count++;
                                }
                            }
                        }
                    }
                    if (count == 0) {
                        continue;
                    }
                    copy(grad, (n * g.outPositions() + pos) * c, tmp, 0, c, vector);
                    scale(tmp, 0, c, 1.0 / count, vector);
                    for (int kd = 0; kd < k[0]; kd++) {
                        int id = od * st[0] + kd * dl[0] - pb[0];
                        for (int kh = 0; kh < k[1]; kh++) {
                            int ih = oh * st[1] + kh * dl[1] - pb[1];
                            for (int kw = 0; kw < k[2]; kw++) {
                                int iw = ow * st[2] + kw * dl[2] - pb[2];
                                if (id >= 0 && id < in[0] && ih >= 0 && ih < in[1] && iw >= 0 && iw < in[2]) {
                                    addInto(tmp, 0, dx, imageBase + ((id * in[1] + ih) * in[2] + iw) * c, c, vector);
                                }
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }

    // ------------------------------------------------------------------ runs of elements

    private static void copy(Object src, int so, Object dst, int d0, int len, boolean vector) {
        if (vector) {
            System.arraycopy(src, so, dst, d0, len);
            return;
        }
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int i = 0; i < len; i++) {
                d[d0 + i] = s[so + i];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < len; i++) {
                d[d0 + i] = s[so + i];
            }
        }
    }

    private static void zero(Object dst, int o, int len) {
        if (dst instanceof float[] d) {
            Arrays.fill(d, o, o + len, 0f);
        } else {
            Arrays.fill((double[]) dst, o, o + len, 0.0);
        }
    }

    private static void fill(Object dst, int o, int len, double value) {
        if (dst instanceof float[] d) {
            Arrays.fill(d, o, o + len, (float) value);
        } else {
            Arrays.fill((double[]) dst, o, o + len, value);
        }
    }

    /** {@code dst[d0 + i] += src[so + i]} for i < len. */
    private static void addInto(Object src, int so, Object dst, int d0, int len, boolean vector) {
        int i = 0;
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (vector) {
                for (int ub = FS.loopBound(len); i < ub; i += FS.length()) {
                    FloatVector.fromArray(FS, s, so + i).add(FloatVector.fromArray(FS, d, d0 + i)).intoArray(d, d0 + i);
                }
            }
            for (; i < len; i++) {
                d[d0 + i] += s[so + i];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            if (vector) {
                for (int ub = DS.loopBound(len); i < ub; i += DS.length()) {
                    DoubleVector.fromArray(DS, s, so + i).add(DoubleVector.fromArray(DS, d, d0 + i))
                            .intoArray(d, d0 + i);
                }
            }
            for (; i < len; i++) {
                d[d0 + i] += s[so + i];
            }
        }
    }

    /** {@code dst[d0 + i] = max(dst[d0 + i], src[so + i])}, NaN propagating. */
    private static void maxInto(Object src, int so, Object dst, int d0, int len, boolean vector) {
        int i = 0;
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (vector) {
                for (int ub = FS.loopBound(len); i < ub; i += FS.length()) {
                    FloatVector.fromArray(FS, s, so + i).max(FloatVector.fromArray(FS, d, d0 + i)).intoArray(d, d0 + i);
                }
            }
            for (; i < len; i++) {
                d[d0 + i] = Math.max(d[d0 + i], s[so + i]);
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            if (vector) {
                for (int ub = DS.loopBound(len); i < ub; i += DS.length()) {
                    DoubleVector.fromArray(DS, s, so + i).max(DoubleVector.fromArray(DS, d, d0 + i))
                            .intoArray(d, d0 + i);
                }
            }
            for (; i < len; i++) {
                d[d0 + i] = Math.max(d[d0 + i], s[so + i]);
            }
        }
    }

    private static void scale(Object dst, int o, int len, double factor, boolean vector) {
        int i = 0;
        if (dst instanceof float[] d) {
            float f = (float) factor;
            if (vector) {
                for (int ub = FS.loopBound(len); i < ub; i += FS.length()) {
                    FloatVector.fromArray(FS, d, o + i).mul(f).intoArray(d, o + i);
                }
            }
            for (; i < len; i++) {
                d[o + i] *= f;
            }
        } else {
            double[] d = (double[]) dst;
            if (vector) {
                for (int ub = DS.loopBound(len); i < ub; i += DS.length()) {
                    DoubleVector.fromArray(DS, d, o + i).mul(factor).intoArray(d, o + i);
                }
            }
            for (; i < len; i++) {
                d[o + i] *= factor;
            }
        }
    }
}
