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
        // One task per output row of the image (fixed batch, depth and height): its windows share
        // their input rows, so the row geometry is worked out once per tap row, not per element.
        int lines = g.batch() * g.out()[0] * g.out()[1];
        Parallel.forRange(lines, (long) rows * width, (s, e) -> {
            for (int line = s; line < e; line++) {
                if (x instanceof float[] xf) {
                    im2colLine(xf, g, line, (float[]) cols, vector);
                } else {
                    im2colLine((double[]) x, g, line, (double[]) cols, vector);
                }
            }
        });
        return cols;
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
        int linesPerImage = g.out()[0] * g.out()[1];
        Parallel.forRange(g.batch(), (long) g.batch() * g.outPositions() * width, (s, e) -> {
            for (int n = s; n < e; n++) {
                for (int l = 0; l < linesPerImage; l++) {
                    if (cols instanceof float[] cf) {
                        col2imLine(cf, g, n * linesPerImage + l, (float[]) x, vector);
                    } else {
                        col2imLine((double[]) cols, g, n * linesPerImage + l, (double[]) x, vector);
                    }
                }
            }
        });
        return x;
    }

    /** Below this many channels, im2col and col2im go tap by tap rather than window by window. */
    private static final int FEW_CHANNELS = 8;

    /** {@code ceil(a / b)} for b > 0 and any sign of a. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** The first tap index t in [0, k) with {@code 0 <= o*s + t*d - p}: taps before it read padding. */
    private static int firstTap(int o, int s, int d, int p, int k) {
        int start = o * s - p;
        if (start >= 0) {
            return 0;
        }
        return Math.min(k, d == 1 ? -start : (-start + d - 1) / d); // no division in the common case
    }

    /** One past the last tap t with {@code o*s + t*d - p < in}. */
    private static int endTap(int o, int s, int d, int p, int k, int in) {
        int start = o * s - p;
        if (start >= in) {
            return 0;
        }
        return Math.min(k, d == 1 ? in - start : (in - 1 - start) / d + 1);
    }

    private static void im2colLine(float[] x, Geometry g, int line, float[] cols, boolean vector) {
        if (vector && g.channels() < FEW_CHANNELS) {
            im2colLineByTap(x, g, line, cols);
            return;
        }
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        int run = k[2] * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                int tapOff = (kd * k[1] + kh) * run;
                boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int w = 0; w < ow; w++) {
                    int q = (rowStart + w) * width + tapOff;
                    int lo = inside ? firstTap(w, st[2], dl[2], pb[2], k[2]) : k[2];
                    int hi = inside ? Math.max(lo, endTap(w, st[2], dl[2], pb[2], k[2], in[2])) : k[2];
                    if (lo > 0) {
                        java.util.Arrays.fill(cols, q, q + lo * c, 0f);
                    }
                    int iw0 = w * st[2] - pb[2];
                    if (dl[2] == 1 && vector) {
                        // Taps lo..hi-1 are back to back in x: one run.
                        int len = (hi - lo) * c;
                        int from = xRow + (iw0 + lo) * c;
                        int to = q + lo * c;
                        if (len >= ARRAYCOPY_MIN) {
                            System.arraycopy(x, from, cols, to, len);
                        } else {
                            for (int i = 0; i < len; i++) {
                                cols[to + i] = x[from + i];
                            }
                        }
                    } else {
                        for (int t = lo; t < hi; t++) {
                            int from = xRow + (iw0 + t * dl[2]) * c;
                            int to = q + t * c;
                            for (int i = 0; i < c; i++) {
                                cols[to + i] = x[from + i];
                            }
                        }
                    }
                    if (hi < k[2]) {
                        java.util.Arrays.fill(cols, q + hi * c, q + run, 0f);
                    }
                }
            }
        }
    }

    private static void im2colLine(double[] x, Geometry g, int line, double[] cols, boolean vector) {
        if (vector && g.channels() < FEW_CHANNELS) {
            im2colLineByTap(x, g, line, cols);
            return;
        }
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        int run = k[2] * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                int tapOff = (kd * k[1] + kh) * run;
                boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int w = 0; w < ow; w++) {
                    int q = (rowStart + w) * width + tapOff;
                    int lo = inside ? firstTap(w, st[2], dl[2], pb[2], k[2]) : k[2];
                    int hi = inside ? Math.max(lo, endTap(w, st[2], dl[2], pb[2], k[2], in[2])) : k[2];
                    if (lo > 0) {
                        java.util.Arrays.fill(cols, q, q + lo * c, 0.0);
                    }
                    int iw0 = w * st[2] - pb[2];
                    if (dl[2] == 1 && vector) {
                        int len = (hi - lo) * c;
                        int from = xRow + (iw0 + lo) * c;
                        int to = q + lo * c;
                        if (len >= ARRAYCOPY_MIN) {
                            System.arraycopy(x, from, cols, to, len);
                        } else {
                            for (int i = 0; i < len; i++) {
                                cols[to + i] = x[from + i];
                            }
                        }
                    } else {
                        for (int t = lo; t < hi; t++) {
                            int from = xRow + (iw0 + t * dl[2]) * c;
                            int to = q + t * c;
                            for (int i = 0; i < c; i++) {
                                cols[to + i] = x[from + i];
                            }
                        }
                    }
                    if (hi < k[2]) {
                        java.util.Arrays.fill(cols, q + hi * c, q + run, 0.0);
                    }
                }
            }
        }
    }

    /**
     * {@link #im2colLine} for few channels: tap by tap, each tap's valid output positions in one
     * loop (the per-window bookkeeping of a run of one or two elements would cost more than the copy).
     */
    private static void im2colLineByTap(float[] x, Geometry g, int line, float[] cols) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int kw = 0; kw < k[2]; kw++) {
                    int tapOff = ((kd * k[1] + kh) * k[2] + kw) * c;
                    int shift = kw * dl[2] - pb[2];
                    // Output positions w whose input position w*s + shift lies in [0, in).
                    int lo = inside ? Math.min(ow, Math.max(0, ceilDiv(-shift, st[2]))) : ow;
                    int hi = inside ? Math.max(lo, Math.min(ow, ceilDiv(in[2] - shift, st[2]))) : ow;
                    for (int w = 0; w < lo; w++) {
                        zeroRun(cols, (rowStart + w) * width + tapOff, c);
                    }
                    int step = st[2] * c;
                    int from = xRow + (lo * st[2] + shift) * c;
                    if (c == 1) {
                        // One channel (MNIST): a strided copy with no inner loop to set up per element.
                        int q = (rowStart + lo) * width + tapOff;
                        for (int w = lo; w < hi; w++, from += step, q += width) {
                            cols[q] = x[from];
                        }
                    } else {
                        for (int w = lo; w < hi; w++, from += step) {
                            int q = (rowStart + w) * width + tapOff;
                            for (int i = 0; i < c; i++) {
                                cols[q + i] = x[from + i];
                            }
                        }
                    }
                    for (int w = hi; w < ow; w++) {
                        zeroRun(cols, (rowStart + w) * width + tapOff, c);
                    }
                }
            }
        }
    }

    /** {@link #col2imLine} for few channels, tap by tap (see {@link #im2colLineByTap}). */
    private static void col2imLineByTap(float[] cols, Geometry g, int line, float[] x) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1]) {
                    continue;
                }
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int kw = 0; kw < k[2]; kw++) {
                    int tapOff = ((kd * k[1] + kh) * k[2] + kw) * c;
                    int shift = kw * dl[2] - pb[2];
                    int lo = Math.min(ow, Math.max(0, ceilDiv(-shift, st[2])));
                    int hi = Math.max(lo, Math.min(ow, ceilDiv(in[2] - shift, st[2])));
                    int step = st[2] * c;
                    int to = xRow + (lo * st[2] + shift) * c;
                    if (c == 1) {
                        int q = (rowStart + lo) * width + tapOff;
                        for (int w = lo; w < hi; w++, to += step, q += width) {
                            x[to] += cols[q];
                        }
                    } else {
                        for (int w = lo; w < hi; w++, to += step) {
                            int q = (rowStart + w) * width + tapOff;
                            for (int i = 0; i < c; i++) {
                                x[to + i] += cols[q + i];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void col2imLine(float[] cols, Geometry g, int line, float[] x, boolean vector) {
        if (vector && g.channels() < FEW_CHANNELS) {
            col2imLineByTap(cols, g, line, x);
            return;
        }
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        int run = k[2] * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1]) {
                    continue;
                }
                int tapOff = (kd * k[1] + kh) * run;
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int w = 0; w < ow; w++) {
                    int q = (rowStart + w) * width + tapOff;
                    int lo = firstTap(w, st[2], dl[2], pb[2], k[2]);
                    int hi = endTap(w, st[2], dl[2], pb[2], k[2], in[2]);
                    int iw0 = w * st[2] - pb[2];
                    if (dl[2] == 1 && vector) {
                        if (hi > lo) {
                            addRun(cols, q + lo * c, x, xRow + (iw0 + lo) * c, (hi - lo) * c);
                        }
                    } else {
                        for (int t = lo; t < hi; t++) {
                            int from = q + t * c;
                            int to = xRow + (iw0 + t * dl[2]) * c;
                            for (int i = 0; i < c; i++) {
                                x[to + i] += cols[from + i];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #im2colLine} for few channels: tap by tap, each tap's valid output positions in one
     * loop (the per-window bookkeeping of a run of one or two elements would cost more than the copy).
     */
    private static void im2colLineByTap(double[] x, Geometry g, int line, double[] cols) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                boolean inside = id >= 0 && id < in[0] && ih >= 0 && ih < in[1];
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int kw = 0; kw < k[2]; kw++) {
                    int tapOff = ((kd * k[1] + kh) * k[2] + kw) * c;
                    int shift = kw * dl[2] - pb[2];
                    // Output positions w whose input position w*s + shift lies in [0, in).
                    int lo = inside ? Math.min(ow, Math.max(0, ceilDiv(-shift, st[2]))) : ow;
                    int hi = inside ? Math.max(lo, Math.min(ow, ceilDiv(in[2] - shift, st[2]))) : ow;
                    for (int w = 0; w < lo; w++) {
                        zeroRun(cols, (rowStart + w) * width + tapOff, c);
                    }
                    int step = st[2] * c;
                    int from = xRow + (lo * st[2] + shift) * c;
                    if (c == 1) {
                        // One channel (MNIST): a strided copy with no inner loop to set up per element.
                        int q = (rowStart + lo) * width + tapOff;
                        for (int w = lo; w < hi; w++, from += step, q += width) {
                            cols[q] = x[from];
                        }
                    } else {
                        for (int w = lo; w < hi; w++, from += step) {
                            int q = (rowStart + w) * width + tapOff;
                            for (int i = 0; i < c; i++) {
                                cols[q + i] = x[from + i];
                            }
                        }
                    }
                    for (int w = hi; w < ow; w++) {
                        zeroRun(cols, (rowStart + w) * width + tapOff, c);
                    }
                }
            }
        }
    }

    /** {@link #col2imLine} for few channels, tap by tap (see {@link #im2colLineByTap}). */
    private static void col2imLineByTap(double[] cols, Geometry g, int line, double[] x) {
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1]) {
                    continue;
                }
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int kw = 0; kw < k[2]; kw++) {
                    int tapOff = ((kd * k[1] + kh) * k[2] + kw) * c;
                    int shift = kw * dl[2] - pb[2];
                    int lo = Math.min(ow, Math.max(0, ceilDiv(-shift, st[2])));
                    int hi = Math.max(lo, Math.min(ow, ceilDiv(in[2] - shift, st[2])));
                    int step = st[2] * c;
                    int to = xRow + (lo * st[2] + shift) * c;
                    if (c == 1) {
                        int q = (rowStart + lo) * width + tapOff;
                        for (int w = lo; w < hi; w++, to += step, q += width) {
                            x[to] += cols[q];
                        }
                    } else {
                        for (int w = lo; w < hi; w++, to += step) {
                            int q = (rowStart + w) * width + tapOff;
                            for (int i = 0; i < c; i++) {
                                x[to + i] += cols[q + i];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void col2imLine(double[] cols, Geometry g, int line, double[] x, boolean vector) {
        if (vector && g.channels() < FEW_CHANNELS) {
            col2imLineByTap(cols, g, line, x);
            return;
        }
        int c = g.channels();
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int ow = g.out()[2];
        int width = g.taps() * c;
        int oh = line % g.out()[1];
        int od = line / g.out()[1] % g.out()[0];
        int n = line / (g.out()[1] * g.out()[0]);
        int rowStart = line * ow;
        int imageBase = n * g.inPositions() * c;
        int run = k[2] * c;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * st[0] + kd * dl[0] - pb[0];
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * st[1] + kh * dl[1] - pb[1];
                if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1]) {
                    continue;
                }
                int tapOff = (kd * k[1] + kh) * run;
                int xRow = imageBase + (id * in[1] + ih) * in[2] * c;
                for (int w = 0; w < ow; w++) {
                    int q = (rowStart + w) * width + tapOff;
                    int lo = firstTap(w, st[2], dl[2], pb[2], k[2]);
                    int hi = endTap(w, st[2], dl[2], pb[2], k[2], in[2]);
                    int iw0 = w * st[2] - pb[2];
                    if (dl[2] == 1 && vector) {
                        if (hi > lo) {
                            addRun(cols, q + lo * c, x, xRow + (iw0 + lo) * c, (hi - lo) * c);
                        }
                    } else {
                        for (int t = lo; t < hi; t++) {
                            int from = q + t * c;
                            int to = xRow + (iw0 + t * dl[2]) * c;
                            for (int i = 0; i < c; i++) {
                                x[to + i] += cols[from + i];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void zeroRun(float[] a, int o, int len) {
        for (int i = 0; i < len; i++) {
            a[o + i] = 0f;
        }
    }

    private static void zeroRun(double[] a, int o, int len) {
        for (int i = 0; i < len; i++) {
            a[o + i] = 0.0;
        }
    }

    /** {@code dst[d0 + i] += src[so + i]}, a vector at a time. */
    private static void addRun(float[] s, int so, float[] d, int d0, int len) {
        int i = 0;
        for (int ub = FS.loopBound(len); i < ub; i += FS.length()) {
            FloatVector.fromArray(FS, s, so + i).add(FloatVector.fromArray(FS, d, d0 + i)).intoArray(d, d0 + i);
        }
        for (; i < len; i++) {
            d[d0 + i] += s[so + i];
        }
    }

    private static void addRun(double[] s, int so, double[] d, int d0, int len) {
        int i = 0;
        for (int ub = DS.loopBound(len); i < ub; i += DS.length()) {
            DoubleVector.fromArray(DS, s, so + i).add(DoubleVector.fromArray(DS, d, d0 + i)).intoArray(d, d0 + i);
        }
        for (; i < len; i++) {
            d[d0 + i] += s[so + i];
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
            if (vector && x instanceof float[] xf) {
                poolRowsFloat(xf, g, s, e, (float[]) y, max);
            } else if (vector) {
                poolRowsDouble((double[]) x, g, s, e, (double[]) y, max);
            } else {
                for (int r = s; r < e; r++) {
                    poolRow(x, g, r, y, false, max);
                }
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
     * {@link #poolRow} for output positions r0..r1 on the vector path, typed: a few channels per
     * tap (LeNet's 6) made the generic helpers' per-tap dispatch cost more than the additions. The
     * same arithmetic in the same order (taps in d, h, w order, then the scaling by 1/count).
     */
    private static void poolRowsFloat(float[] x, Geometry g, int r0, int r1, float[] y, boolean max) {
        int c = g.channels();
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int vend = FS.loopBound(c);
        for (int row = r0; row < r1; row++) {
            int pos = row % g.outPositions();
            int n = row / g.outPositions();
            int ow = pos % out[2];
            int oh = pos / out[2] % out[1];
            int od = pos / (out[2] * out[1]);
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
                        int i = 0;
                        if (count == 0) {
                            System.arraycopy(x, xo, y, yo, c);
                        } else if (max) {
                            for (; i < vend; i += FS.length()) {
                                FloatVector.fromArray(FS, x, xo + i).max(FloatVector.fromArray(FS, y, yo + i))
                                        .intoArray(y, yo + i);
                            }
                            for (; i < c; i++) {
                                y[yo + i] = Math.max(y[yo + i], x[xo + i]);
                            }
                        } else {
                            for (; i < vend; i += FS.length()) {
                                FloatVector.fromArray(FS, x, xo + i).add(FloatVector.fromArray(FS, y, yo + i))
                                        .intoArray(y, yo + i);
                            }
                            for (; i < c; i++) {
                                y[yo + i] += x[xo + i];
                            }
                        }
                        count++;
                    }
                }
            }
            if (count == 0) {
                Arrays.fill(y, yo, yo + c, max ? Float.NEGATIVE_INFINITY : Float.NaN);
            } else if (!max) {
                float f = (float) (1.0 / count);
                int i = 0;
                for (; i < vend; i += FS.length()) {
                    FloatVector.fromArray(FS, y, yo + i).mul(f).intoArray(y, yo + i);
                }
                for (; i < c; i++) {
                    y[yo + i] *= f;
                }
            }
        }
    }

    /**
     * {@link #avgPoolGrad} for image n on the vector path, typed (see {@link #poolRowsFloat}): each
     * output's gradient times 1/count, added at every tap inside the input, as the generic loop does.
     */
    private static void avgPoolGradImageFloat(float[] grad, Geometry g, int n, float[] dx, float[] tmp) {
        int c = g.channels();
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int vend = FS.loopBound(c);
        int imageBase = n * g.inPositions() * c;
        for (int pos = 0; pos < g.outPositions(); pos++) {
            int ow = pos % out[2];
            int oh = pos / out[2] % out[1];
            int od = pos / (out[2] * out[1]);
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
            float f = (float) (1.0 / count);
            int go = (n * g.outPositions() + pos) * c;
            for (int i = 0; i < c; i++) {
                tmp[i] = grad[go + i] * f;
            }
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
                        int i = 0;
                        for (; i < vend; i += FS.length()) {
                            FloatVector.fromArray(FS, tmp, i).add(FloatVector.fromArray(FS, dx, xo + i))
                                    .intoArray(dx, xo + i);
                        }
                        for (; i < c; i++) {
                            dx[xo + i] += tmp[i];
                        }
                    }
                }
            }
        }
    }

    /** {@link #poolRowsFloat} for float64. */
    private static void poolRowsDouble(double[] x, Geometry g, int r0, int r1, double[] y, boolean max) {
        int c = g.channels();
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int vend = DS.loopBound(c);
        for (int row = r0; row < r1; row++) {
            int pos = row % g.outPositions();
            int n = row / g.outPositions();
            int ow = pos % out[2];
            int oh = pos / out[2] % out[1];
            int od = pos / (out[2] * out[1]);
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
                        int i = 0;
                        if (count == 0) {
                            System.arraycopy(x, xo, y, yo, c);
                        } else if (max) {
                            for (; i < vend; i += DS.length()) {
                                DoubleVector.fromArray(DS, x, xo + i).max(DoubleVector.fromArray(DS, y, yo + i))
                                        .intoArray(y, yo + i);
                            }
                            for (; i < c; i++) {
                                y[yo + i] = Math.max(y[yo + i], x[xo + i]);
                            }
                        } else {
                            for (; i < vend; i += DS.length()) {
                                DoubleVector.fromArray(DS, x, xo + i).add(DoubleVector.fromArray(DS, y, yo + i))
                                        .intoArray(y, yo + i);
                            }
                            for (; i < c; i++) {
                                y[yo + i] += x[xo + i];
                            }
                        }
                        count++;
                    }
                }
            }
            if (count == 0) {
                Arrays.fill(y, yo, yo + c, max ? Double.NEGATIVE_INFINITY : Double.NaN);
            } else if (!max) {
                double f = 1.0 / count;
                int i = 0;
                for (; i < vend; i += DS.length()) {
                    DoubleVector.fromArray(DS, y, yo + i).mul(f).intoArray(y, yo + i);
                }
                for (; i < c; i++) {
                    y[yo + i] *= f;
                }
            }
        }
    }

    /** {@link #avgPoolGradImageFloat} for float64. */
    private static void avgPoolGradImageDouble(double[] grad, Geometry g, int n, double[] dx, double[] tmp) {
        int c = g.channels();
        int[] in = g.in();
        int[] out = g.out();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        int vend = DS.loopBound(c);
        int imageBase = n * g.inPositions() * c;
        for (int pos = 0; pos < g.outPositions(); pos++) {
            int ow = pos % out[2];
            int oh = pos / out[2] % out[1];
            int od = pos / (out[2] * out[1]);
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
            double f = 1.0 / count;
            int go = (n * g.outPositions() + pos) * c;
            for (int i = 0; i < c; i++) {
                tmp[i] = grad[go + i] * f;
            }
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
                        int i = 0;
                        for (; i < vend; i += DS.length()) {
                            DoubleVector.fromArray(DS, tmp, i).add(DoubleVector.fromArray(DS, dx, xo + i))
                                    .intoArray(dx, xo + i);
                        }
                        for (; i < c; i++) {
                            dx[xo + i] += tmp[i];
                        }
                    }
                }
            }
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
        if (idx.length == 0) {
            return idx;
        }
        int[] in = g.in();
        int[] k = g.kernel();
        int[] st = g.strides();
        int[] dl = g.dilations();
        int[] pb = g.padBefore();
        // Output positions in parallel; for each tap the channels are the inner loop, so x is read
        // a contiguous row of channels at a time (the backward of every max pool runs this).
        Parallel.forRange(outs, (long) outs * c * g.taps(), (s, e) -> {
            float[] bestF = x instanceof float[] ? new float[c] : null;
            double[] bestD = bestF == null ? new double[c] : null;
            for (int row = s; row < e; row++) {
                int pos = row % g.outPositions();
                int n = row / g.outPositions();
                int ow = pos % g.out()[2];
                int oh = pos / g.out()[2] % g.out()[1];
                int od = pos / (g.out()[2] * g.out()[1]);
                int imageBase = n * g.inPositions() * c;
                int base = row * c;
                Arrays.fill(idx, base, base + c, -1L);
                for (int kd = 0; kd < k[0]; kd++) {
                    int id = od * st[0] + kd * dl[0] - pb[0];
                    for (int kh = 0; kh < k[1]; kh++) {
                        int ih = oh * st[1] + kh * dl[1] - pb[1];
                        for (int kw = 0; kw < k[2]; kw++) {
                            int iw = ow * st[2] + kw * dl[2] - pb[2];
                            if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1] || iw < 0 || iw >= in[2]) {
                                continue;
                            }
                            int xo = imageBase + ((id * in[1] + ih) * in[2] + iw) * c;
                            if (bestF != null) {
                                argmaxRowFloat((float[]) x, xo, idx, base, bestF, c);
                            } else {
                                argmaxRowDouble((double[]) x, xo, idx, base, bestD, c);
                            }
                        }
                    }
                }
            }
        });
        return idx;
    }

    /** One tap of {@link #maxPoolArgmax} over c channels: the first maximum wins, a NaN beats everything (as in the forward). */
    private static void argmaxRowFloat(float[] x, int xo, long[] idx, int base, float[] best, int c) {
        for (int ch = 0; ch < c; ch++) {
            float v = x[xo + ch];
            float b = best[ch];
            if (idx[base + ch] < 0 || v > b || v != v && b == b) {
                idx[base + ch] = xo + ch;
                best[ch] = v;
            }
        }
    }

    private static void argmaxRowDouble(double[] x, int xo, long[] idx, int base, double[] best, int c) {
        for (int ch = 0; ch < c; ch++) {
            double v = x[xo + ch];
            double b = best[ch];
            if (idx[base + ch] < 0 || v > b || v != v && b == b) {
                idx[base + ch] = xo + ch;
                best[ch] = v;
            }
        }
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
            if (vector) {
                for (int n = s; n < e; n++) {
                    if (grad instanceof float[] gf) {
                        avgPoolGradImageFloat(gf, g, n, (float[]) dx, (float[]) tmp);
                    } else {
                        avgPoolGradImageDouble((double[]) grad, g, n, (double[]) dx, (double[]) tmp);
                    }
                }
                return;
            }
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

    /** Runs at least this long go through System.arraycopy; shorter ones (a few channels) by a loop. */
    private static final int ARRAYCOPY_MIN = 32;

    private static void copy(Object src, int so, Object dst, int d0, int len, boolean vector) {
        if (vector && len >= ARRAYCOPY_MIN) {
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
