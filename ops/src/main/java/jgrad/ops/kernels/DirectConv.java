package jgrad.ops.kernels;

import java.util.Objects;

/**
 * Convolution on channels-last arrays without im2col: the forward, the kernel gradient and the input
 * gradient as GEMMs whose operand rows are read from the input where they lie (an implicit GEMM),
 * so no {@code [positions, taps * channels]} matrix is ever written. Arrays are dense row-major
 * from offset 0: x {@code [batch, in..., channels]}, kernel {@code [taps * channels, filters]}
 * (a Keras kernel {@code [k..., channels, filters]} flattened), dz and y
 * {@code [batch, out..., filters]}. One to three spatial axes, any strides, dilations and padding
 * (a {@link ConvKernels.Geometry}). {@code vector = false} takes plain reference loops.
 */
public final class DirectConv {
    private DirectConv() {}

    /** {@code act(conv(x, kernel) + bias)}, bias null or {@code filters} entries. */
    public static Object forward(Object x, Object kernel, Object bias, Epilogue.Activation activation,
            ConvKernels.Geometry g, int filters, boolean vector) {
        Objects.requireNonNull(activation, "activation");
        if (vector && x instanceof float[] xf && DirectConvOneFilter.applies(filters, g.channels())) {
            return DirectConvOneFilter.forward(xf, (float[]) kernel, (float[]) bias, activation, g);
        }
        Layout l = new Layout(g, filters);
        if (x instanceof float[] xf) {
            return DirectConvFloat.forward(xf, (float[]) kernel, (float[]) bias, activation, l, vector);
        }
        return DirectConvDouble.forward((double[]) x, (double[]) kernel, (double[]) bias, activation, l, vector);
    }

    /** The kernel's gradient {@code [taps * channels, filters]} given the output's gradient dz. */
    public static Object filterGrad(Object x, Object dz, ConvKernels.Geometry g, int filters, boolean vector) {
        if (vector && x instanceof float[] xf && DirectConvOneFilter.applies(filters, g.channels())) {
            return DirectConvOneFilter.filterGrad(xf, (float[]) dz, g);
        }
        Layout l = new Layout(g, filters);
        if (x instanceof float[] xf) {
            return DirectConvFloat.filterGrad(xf, (float[]) dz, l, vector);
        }
        return DirectConvDouble.filterGrad((double[]) x, (double[]) dz, l, vector);
    }

    /** The input's gradient {@code [batch, in..., channels]} given the output's gradient dz. */
    public static Object inputGrad(Object dz, Object kernel, ConvKernels.Geometry g, int filters, boolean vector) {
        ConvKernels.Geometry flipped = vector ? gatherGeometry(g, filters) : null;
        if (flipped != null) {
            // Stride 1 with many channels: dx is the convolution of dz (padded) with the flipped
            // kernel, channels and filters swapped, so the forward's tiles compute it and write
            // each element of dx once instead of adding every window's products back.
            Object kf = flipKernel(kernel, g.taps(), g.channels(), filters);
            return forward(dz, kf, null, Epilogue.Activation.LINEAR, flipped, g.channels(), true);
        }
        Object phased = vector ? phaseInputGrad(dz, kernel, g, filters) : null;
        if (phased != null) {
            return phased;
        }
        Layout l = new Layout(g, filters);
        if (dz instanceof float[] df) {
            return DirectConvFloat.inputGrad(df, (float[]) kernel, l, vector);
        }
        return DirectConvDouble.inputGrad((double[]) dz, (double[]) kernel, l, vector);
    }

    /**
     * {@code grad * act'(z)} from {@code y = act(z)}, element by element into a fresh array (dense
     * arrays; grad of y's length, or of length 1 for one value broadcast): ReLU 1 where
     * {@code y > 0}, sigmoid {@code y (1 - y)}, tanh {@code 1 - y^2}, linear 1, each in the
     * arithmetic of {@link Epilogue.Activation#gradient}.
     */
    public static Object activationGrad(Epilogue.Activation act, Object grad, Object y, boolean vector) {
        if (grad instanceof float[] g) {
            float[] yf = (float[]) y;
            int n = yf.length;
            boolean one = g.length != n;
            float[] out = FreshArrays.floats(n);
            // Memory-bound: worth a second thread only from about a million elements.
            parallel(n, n, (s, e) -> {
                int i = s;
                if (vector) {
                    var sp = KernelConfig.FLOAT_SPECIES;
                    var g0 = jdk.incubator.vector.FloatVector.broadcast(sp, g[0]);
                    for (int ub = s + sp.loopBound(e - s); i < ub; i += sp.length()) {
                        var gv = one ? g0 : jdk.incubator.vector.FloatVector.fromArray(sp, g, i);
                        var yv = jdk.incubator.vector.FloatVector.fromArray(sp, yf, i);
                        (switch (act) {
                            case LINEAR -> gv;
                            case RELU -> jdk.incubator.vector.FloatVector.zero(sp).blend(gv,
                                    yv.compare(jdk.incubator.vector.VectorOperators.GT, 0f));
                            case SIGMOID -> gv.mul(yv.mul(yv.neg().add(1f)));
                            case TANH -> gv.mul(yv.mul(yv).neg().add(1f));
                        }).intoArray(out, i);
                    }
                }
                for (; i < e; i++) {
                    float v = yf[i];
                    float gi = g[one ? 0 : i];
                    out[i] = switch (act) {
                        case LINEAR -> gi;
                        case RELU -> v > 0 ? gi : 0f;
                        case SIGMOID -> gi * (v * (1f - v));
                        case TANH -> gi * (1f - v * v);
                    };
                }
            });
            return out;
        }
        double[] g = (double[]) grad;
        double[] yd = (double[]) y;
        int n = yd.length;
        boolean one = g.length != n;
        double[] out = FreshArrays.doubles(n);
        parallel(n, n, (s, e) -> {
            int i = s;
            if (vector) {
                var sp = KernelConfig.DOUBLE_SPECIES;
                var g0 = jdk.incubator.vector.DoubleVector.broadcast(sp, g[0]);
                for (int ub = s + sp.loopBound(e - s); i < ub; i += sp.length()) {
                    var gv = one ? g0 : jdk.incubator.vector.DoubleVector.fromArray(sp, g, i);
                    var yv = jdk.incubator.vector.DoubleVector.fromArray(sp, yd, i);
                    (switch (act) {
                        case LINEAR -> gv;
                        case RELU -> jdk.incubator.vector.DoubleVector.zero(sp).blend(gv,
                                yv.compare(jdk.incubator.vector.VectorOperators.GT, 0.0));
                        case SIGMOID -> gv.mul(yv.mul(yv.neg().add(1.0)));
                        case TANH -> gv.mul(yv.mul(yv).neg().add(1.0));
                    }).intoArray(out, i);
                }
            }
            for (; i < e; i++) {
                double v = yd[i];
                double gi = g[one ? 0 : i];
                out[i] = switch (act) {
                    case LINEAR -> gi;
                    case RELU -> v > 0 ? gi : 0.0;
                    case SIGMOID -> gi * (v * (1.0 - v));
                    case TANH -> gi * (1.0 - v * v);
                };
            }
        });
        return out;
    }

    /**
     * The geometry of dx as a stride-1 convolution of dz with the flipped kernel, or null where
     * adding the windows back is the better way: strides other than 1, padding wider than the
     * window (a negative padding of dz), fewer than 16 channels (the forward's tiles are vectors
     * of channels) or an input much larger than the output (the flipped windows would mostly read
     * padding).
     */
    static ConvKernels.Geometry gatherGeometry(ConvKernels.Geometry g, int filters) {
        int[] in = g.in();
        int[] out = g.out();
        int[] pb = new int[3];
        for (int a = 0; a < 3; a++) {
            int eff = (g.kernel()[a] - 1) * g.dilations()[a] + 1;
            pb[a] = eff - 1 - g.padBefore()[a];
            if (g.strides()[a] != 1 || pb[a] < 0) {
                return null;
            }
        }
        if (g.channels() < 16 || filters == 0 || (long) g.inPositions() * 4 > (long) g.outPositions() * 5) {
            return null;
        }
        return new ConvKernels.Geometry(g.batch(), filters, out, in, g.kernel(), g.strides(), g.dilations(), pb);
    }

    /**
     * A strided input gradient with many channels (a stride-2 transposed convolution's forward) as
     * one convolution per phase of dx: the elements of dx at {@code s * i + p} along an axis get
     * products only from the taps {@code k = (p + padBefore) mod s + s * m}, so each phase is a
     * stride-1 convolution of dz with those taps of the kernel, flipped, channels and filters
     * swapped, computed by the forward's tiles and written once into its places in dx, instead of
     * adding every window's products back into dx. Null where it does not apply: stride 1,
     * dilations, fewer than 16 channels (a vector of them is what the tiles put in the lanes), or
     * padding that would make a phase's window start after its first element.
     */
    static Object phaseInputGrad(Object dz, Object kernel, ConvKernels.Geometry g, int filters) {
        int[] st = g.strides();
        int[] k = g.kernel();
        int[] pb = g.padBefore();
        int[] in = g.in();
        int c = g.channels();
        if ((st[0] == 1 && st[1] == 1 && st[2] == 1) || c < 16 || filters == 0 || g.batch() == 0) {
            return null;
        }
        for (int a = 0; a < 3; a++) {
            if (g.dilations()[a] != 1 || pb[a] < 0 || pb[a] >= k[a]) {
                return null;
            }
        }
        Object dx = dz instanceof float[] ? new float[g.batch() * g.inPositions() * c]
                : new double[g.batch() * g.inPositions() * c];
        int[] phase = new int[3];
        for (phase[0] = 0; phase[0] < st[0]; phase[0]++) {
            for (phase[1] = 0; phase[1] < st[1]; phase[1]++) {
                for (phase[2] = 0; phase[2] < st[2]; phase[2]++) {
                    int[] r = new int[3];
                    int[] m = new int[3];
                    int[] len = new int[3];
                    int[] ppb = new int[3];
                    boolean empty = false;
                    for (int a = 0; a < 3; a++) {
                        int p = phase[a];
                        r[a] = (p + pb[a]) % st[a];
                        m[a] = k[a] > r[a] ? (k[a] - r[a] + st[a] - 1) / st[a] : 0;
                        len[a] = in[a] > p ? (in[a] - p + st[a] - 1) / st[a] : 0;
                        ppb[a] = m[a] - 1 - (p + pb[a] - r[a]) / st[a];
                        empty |= m[a] == 0 || len[a] == 0;
                    }
                    if (empty) {
                        continue; // no tap reaches these elements of dx: they stay zero
                    }
                    if (ppb[0] < 0 || ppb[1] < 0 || ppb[2] < 0) {
                        return null;
                    }
                    int taps = m[0] * m[1] * m[2];
                    // Tap (m0', m1', m2') of the phase's kernel is tap r + s * (M - 1 - m') of K.
                    int[] src = new int[taps];
                    int t = 0;
                    for (int a0 = 0; a0 < m[0]; a0++) {
                        for (int a1 = 0; a1 < m[1]; a1++) {
                            for (int a2 = 0; a2 < m[2]; a2++, t++) {
                                int kd = r[0] + st[0] * (m[0] - 1 - a0);
                                int kh = r[1] + st[1] * (m[1] - 1 - a1);
                                int kw = r[2] + st[2] * (m[2] - 1 - a2);
                                src[t] = (kd * k[1] + kh) * k[2] + kw;
                            }
                        }
                    }
                    Object kp = phaseKernel(kernel, src, c, filters);
                    ConvKernels.Geometry pg = new ConvKernels.Geometry(g.batch(), filters, g.out(), len, m,
                            new int[] {1, 1, 1}, new int[] {1, 1, 1}, ppb);
                    // Where each of the phase's outputs lies in dx (rows of c).
                    int[] map = new int[g.batch() * len[0] * len[1] * len[2]];
                    int i = 0;
                    for (int n = 0; n < g.batch(); n++) {
                        for (int i0 = 0; i0 < len[0]; i0++) {
                            for (int i1 = 0; i1 < len[1]; i1++) {
                                int row = ((n * in[0] + st[0] * i0 + phase[0]) * in[1] + st[1] * i1 + phase[1]) * in[2];
                                for (int i2 = 0; i2 < len[2]; i2++) {
                                    map[i++] = row + st[2] * i2 + phase[2];
                                }
                            }
                        }
                    }
                    Layout pl = new Layout(pg, c);
                    boolean stored = dx instanceof float[] xf ? DirectConvFloat.forwardInto((float[]) dz, (float[]) kp, pl,
                            xf, map) : DirectConvDouble.forwardInto((double[]) dz, (double[]) kp, pl, (double[]) dx, map);
                    if (!stored) {
                        Object y = forward(dz, kp, null, Epilogue.Activation.LINEAR, pg, c, true);
                        for (int q = 0; q < map.length; q++) {
                            System.arraycopy(y, q * c, dx, map[q] * c, c);
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** Taps {@code src[t]} of K {@code [taps][channels][filters]} as {@code [t][filters][channels]}. */
    private static Object phaseKernel(Object kernel, int[] src, int c, int f) {
        int n = src.length * c * f;
        if (kernel instanceof float[] k) {
            float[] out = new float[n];
            for (int t = 0; t < src.length; t++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int q = 0; q < f; q++) {
                        out[(t * f + q) * c + ch] = k[(src[t] * c + ch) * f + q];
                    }
                }
            }
            return out;
        }
        double[] k = (double[]) kernel;
        double[] out = new double[n];
        for (int t = 0; t < src.length; t++) {
            for (int ch = 0; ch < c; ch++) {
                for (int q = 0; q < f; q++) {
                    out[(t * f + q) * c + ch] = k[(src[t] * c + ch) * f + q];
                }
            }
        }
        return out;
    }

    /** K {@code [taps][channels][filters]} as {@code [taps reversed][filters][channels]}. */
    static Object flipKernel(Object kernel, int taps, int c, int f) {
        int[] src = new int[taps];
        for (int t = 0; t < taps; t++) {
            src[t] = taps - 1 - t;
        }
        return phaseKernel(kernel, src, c, f);
    }

    /**
     * The sums of the columns of {@code a} seen as rows of f: {@code out[q] = sum_r a[r*f + q]}, rows
     * in order. The vector path reads whole vectors across rows: with {@code lcm(f, L)} elements a
     * period, as many accumulators as vectors in a period (up to 8; more take the plain loop), each
     * lane belonging to one column, lanes added up per column at the end.
     */
    public static Object columnSums(Object a, int f, boolean vector) {
        if (a instanceof float[] x) {
            float[] out = new float[f];
            int len = x.length;
            int lanes = KernelConfig.FLOAT_SPECIES.length();
            int period = f == 0 ? 0 : lcm(f, lanes);
            int i = 0;
            if (vector && f > 0 && period / lanes <= 8 && len >= period) {
                var sp = KernelConfig.FLOAT_SPECIES;
                int nv = period / lanes;
                // Accumulators in a small array (an array of vectors would box each one), one set per
                // block of periods; the number of blocks depends on the size alone, and they are added in order.
                int periods = len / period;
                int blocks = Math.clamp(periods / 8192, 1, 16);
                float[] sums = new float[blocks * period];
                parallel(blocks, len, (s, e) -> {
                    for (int b = s; b < e; b++) {
                        int so = b * period;
                        int end = (int) ((long) periods * (b + 1) / blocks) * period;
                        for (int at = (int) ((long) periods * b / blocks) * period; at < end; at += period) {
                            for (int v = 0; v < nv; v++) {
                                int o = v * lanes;
                                jdk.incubator.vector.FloatVector.fromArray(sp, sums, so + o)
                                        .add(jdk.incubator.vector.FloatVector.fromArray(sp, x, at + o)).intoArray(sums, so + o);
                            }
                        }
                    }
                });
                i = periods * period;
                for (int b = 0; b < blocks; b++) {
                    for (int j = 0; j < period; j++) {
                        out[j % f] += sums[b * period + j];
                    }
                }
            }
            for (; i < len; i++) {
                out[i % f] += x[i];
            }
            return out;
        }
        double[] x = (double[]) a;
        double[] out = new double[f];
        int len = x.length;
        int lanes = KernelConfig.DOUBLE_SPECIES.length();
        int period = f == 0 ? 0 : lcm(f, lanes);
        int i = 0;
        if (vector && f > 0 && period / lanes <= 8 && len >= period) {
            var sp = KernelConfig.DOUBLE_SPECIES;
            int nv = period / lanes;
            // Accumulators in a small array (an array of vectors would box each one), one set per
            // block of periods; the number of blocks depends on the size alone, and they are added in order.
            int periods = len / period;
            int blocks = Math.clamp(periods / 8192, 1, 16);
            double[] sums = new double[blocks * period];
            parallel(blocks, len, (s, e) -> {
                for (int b = s; b < e; b++) {
                    int so = b * period;
                    int end = (int) ((long) periods * (b + 1) / blocks) * period;
                    for (int at = (int) ((long) periods * b / blocks) * period; at < end; at += period) {
                        for (int v = 0; v < nv; v++) {
                            int o = v * lanes;
                            jdk.incubator.vector.DoubleVector.fromArray(sp, sums, so + o)
                                    .add(jdk.incubator.vector.DoubleVector.fromArray(sp, x, at + o)).intoArray(sums, so + o);
                        }
                    }
                }
            });
            i = periods * period;
            for (int b = 0; b < blocks; b++) {
                for (int j = 0; j < period; j++) {
                    out[j % f] += sums[b * period + j];
                }
            }
        }
        for (; i < len; i++) {
            out[i % f] += x[i];
        }
        return out;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    /**
     * Work (multiply-adds, or element operations) below which a kernel stays on the calling thread:
     * handing work to a pool worker costs about 30 us here (waking it), the time of about a million
     * multiply-adds. {@code -Djgrad.conv.parallelWork=N} to tune.
     */
    static final long PARALLEL_WORK = Long.getLong("jgrad.conv.parallelWork", 1L << 20);

    /**
     * Runs task over {@code [0, n)} on the calling thread and the pool's workers, in chunks handed
     * out one at a time (a few per thread), so that a worker that wakes late only takes what is
     * left instead of holding everyone up with a fixed half. Every unit is run once, by whichever
     * thread takes its chunk: tasks that write disjoint outputs per unit give the same result
     * whatever the number of threads. Below {@link #PARALLEL_WORK} everything runs here.
     */
    static void parallel(int n, long work, Parallel.RangeTask task) {
        int threads = Parallel.threads();
        if (n <= 0) {
            return;
        }
        if (threads == 1 || n == 1 || work < PARALLEL_WORK) {
            task.run(0, n);
            return;
        }
        int chunks = Math.min(n, 4 * threads);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forRange(threads, Math.max(work, KernelConfig.PARALLEL_THRESHOLD), (s, e) -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int a = (int) ((long) n * c / chunks);
                int b = (int) ((long) n * (c + 1) / chunks);
                if (a < b) {
                    task.run(a, b);
                }
            }
        });
    }

    /** Visits one tap of a window inside the input: flat kernel index k, flat index xi into x. */
    @FunctionalInterface
    interface TapVisitor {
        void visit(int k, int xi);
    }

    /**
     * A geometry's index arithmetic, worked out once per call. The windows read a padded copy of x
     * ({@link #ext} positions per axis, the input at {@code padBefore}, zeros around it) when any
     * of them reaches outside the input, else x itself. Output position p (row-major over batch
     * and output axes) reads its window from {@link #base}; within the window, flat kernel index
     * k = t * runLen + j lies at {@code runOff[t] + j}: each run t is one tap row's contiguous
     * stretch of x (all taps along the width times the channels when the width is not dilated,
     * else one tap's channels).
     */
    static final class Layout {
        final ConvKernels.Geometry g;
        final int c;
        final int f;
        /** Output positions per image. */
        final int op;
        /** Output positions in all. */
        final int p;
        /** Flat kernel length: taps times channels. */
        final int ktot;
        final int[] ext = new int[3];
        final boolean padded;
        final int runs;
        final int runLen;
        final int[] runOff;
        /** The same offsets in x itself (unpadded), relative to a window's first tap. */
        final int[] runOffIn;
        /** Tap of each run's first element along depth, height, width. */
        final int[] runKd;
        final int[] runKh;
        final int[] runKw;
        /** True when a run spans every tap along the width (else one tap). */
        final boolean runCoversWidth;

        Layout(ConvKernels.Geometry g, int filters) {
            this(g, filters, 0);
        }

        /**
         * With {@code rowPad > 0}, for kernels that take vectors along the output width (one input
         * channel): the padded copy is always made and each of its rows is wide enough for
         * {@code ceil(out / rowPad) * rowPad} positions past every tap, zeros beyond the input.
         */
        Layout(ConvKernels.Geometry g, int filters, int rowPad) {
            this.g = g;
            this.c = g.channels();
            this.f = filters;
            this.op = g.outPositions();
            this.p = g.batch() * op;
            this.ktot = g.taps() * c;
            int[] in = g.in();
            int[] out = g.out();
            int[] k = g.kernel();
            int[] s = g.strides();
            int[] d = g.dilations();
            int[] pb = g.padBefore();
            boolean pad = false;
            for (int a = 0; a < 3; a++) {
                int need = (out[a] - 1) * s[a] + (k[a] - 1) * d[a] + 1;
                boolean axis = pb[a] != 0 || need > in[a];
                ext[a] = axis ? need : in[a];
                pad |= axis;
            }
            if (rowPad > 0) {
                ext[2] = Math.max(ext[2], (out[2] + rowPad - 1) / rowPad * rowPad + (k[2] - 1) * d[2]);
                pad = true;
            }
            this.padded = pad;
            this.runCoversWidth = d[2] == 1 || k[2] == 1;
            this.runs = runCoversWidth ? k[0] * k[1] : k[0] * k[1] * k[2];
            this.runLen = runCoversWidth ? k[2] * c : c;
            runOff = new int[runs];
            runOffIn = new int[runs];
            runKd = new int[runs];
            runKh = new int[runs];
            runKw = new int[runs];
            int t = 0;
            for (int kd = 0; kd < k[0]; kd++) {
                for (int kh = 0; kh < k[1]; kh++) {
                    for (int kw = 0; kw < (runCoversWidth ? 1 : k[2]); kw++, t++) {
                        runOff[t] = ((kd * d[0] * ext[1] + kh * d[1]) * ext[2] + kw * d[2]) * c;
                        runOffIn[t] = ((kd * d[0] * in[1] + kh * d[1]) * in[2] + kw * d[2]) * c;
                        runKd[t] = kd;
                        runKh[t] = kh;
                        runKw[t] = kw;
                    }
                }
            }
        }

        private int[] inner;
        private int[] innerBase;
        private int[] border;

        /** The output positions whose windows lie inside x, in order (built on first use, as are the next two). */
        int[] inner() {
            if (inner == null) {
                split();
            }
            return inner;
        }

        /** For each of {@link #inner}: its window's first element in x itself. */
        int[] innerBase() {
            if (inner == null) {
                split();
            }
            return innerBase;
        }

        /** The output positions whose windows reach into the padding, in order. */
        int[] border() {
            if (inner == null) {
                split();
            }
            return border;
        }

        private void split() {
            int[] in = g.in();
            int[] out = g.out();
            int[] s = g.strides();
            int[] pb = g.padBefore();
            int[] lo = new int[3];
            int[] hi = new int[3];
            int innerCount = 1;
            for (int a = 0; a < 3; a++) {
                int eff = (g.kernel()[a] - 1) * g.dilations()[a] + 1;
                // Outputs o with 0 <= o*s - pb and o*s - pb + eff <= in.
                lo[a] = Math.min(out[a], (pb[a] + s[a] - 1) / s[a]);
                int last = in[a] - eff + pb[a];
                hi[a] = last < 0 ? lo[a] : Math.max(lo[a], Math.min(out[a], last / s[a] + 1));
                innerCount *= hi[a] - lo[a];
            }
            int batch = g.batch();
            int[] ins = new int[batch * innerCount];
            int[] bases = new int[ins.length];
            int[] outs = new int[p - ins.length];
            int i = 0;
            int j = 0;
            int pos = 0;
            for (int n = 0; n < batch; n++) {
                for (int od = 0; od < out[0]; od++) {
                    for (int oh = 0; oh < out[1]; oh++) {
                        boolean rowInside = od >= lo[0] && od < hi[0] && oh >= lo[1] && oh < hi[1];
                        int rowBase = ((n * in[0] + od * s[0] - pb[0]) * in[1] + oh * s[1] - pb[1]) * in[2];
                        for (int ow = 0; ow < out[2]; ow++, pos++) {
                            if (rowInside && ow >= lo[2] && ow < hi[2]) {
                                ins[i] = pos;
                                bases[i++] = (rowBase + ow * s[2] - pb[2]) * c;
                            } else {
                                outs[j++] = pos;
                            }
                        }
                    }
                }
            }
            inner = ins;
            innerBase = bases;
            border = outs;
        }

        /** The base of output row {@code row} (batch, depth and height; width position 0) in the padded array. */
        int rowBase(int row) {
            int[] out = g.out();
            int[] s = g.strides();
            int oh = row % out[1];
            int od = row / out[1] % out[0];
            int n = row / (out[1] * out[0]);
            return ((n * ext[0] + od * s[0]) * ext[1] + oh * s[1]) * ext[2] * c;
        }

        /** Where flat kernel index k lies relative to a window's first element in x itself (unpadded). */
        int offsetIn(int k) {
            return runOffIn[k / runLen] + k % runLen;
        }

        /** Where flat kernel index k lies relative to a window's base. */
        int offset(int k) {
            return runOff[k / runLen] + k % runLen;
        }

        /** The bases (in the padded array) of the windows of positions p0..p0+count-1, into into[0..count). */
        void bases(int p0, int count, int[] into) {
            int[] out = g.out();
            int[] s = g.strides();
            int ow = p0 % out[2];
            int rest = p0 / out[2];
            int oh = rest % out[1];
            rest /= out[1];
            int od = rest % out[0];
            int n = rest / out[0];
            int step = s[2] * c;
            int base = (((n * ext[0] + od * s[0]) * ext[1] + oh * s[1]) * ext[2] + ow * s[2]) * c;
            for (int i = 0; i < count; i++) {
                into[i] = base;
                if (++ow < out[2]) {
                    base += step;
                    continue;
                }
                ow = 0;
                if (++oh == out[1]) {
                    oh = 0;
                    if (++od == out[0]) {
                        od = 0;
                        n++;
                    }
                }
                base = (((n * ext[0] + od * s[0]) * ext[1] + oh * s[1]) * ext[2]) * c;
            }
        }

        /**
         * The border positions (those whose windows reach into the padding) grouped by the box of
         * taps that lies inside x, or null when a run is one tap
         * (a dilated width). Every position of a group reads the same runs: the valid tap rows,
         * each cut to its valid taps along the width, so a tile of them is read where it lies in x
         * with no copy and no product with the padding's zeros (on a 7x7 input with a 5x5 'same'
         * window those are 31% of all products).
         */
        BorderGroup[] borderGroups() {
            if (!runCoversWidth) {
                return null;
            }
            if (borderGroups == null) {
                borderGroups = groupBorder();
            }
            return borderGroups;
        }

        private BorderGroup[] borderGroups;

        private BorderGroup[] groupBorder() {
            int[] in = g.in();
            int[] out = g.out();
            int[] k = g.kernel();
            int[] s = g.strides();
            int[] d = g.dilations();
            int[] pb = g.padBefore();
            // Per axis and output coordinate, the valid taps [lo, hi).
            int[][] lo = new int[3][];
            int[][] hi = new int[3][];
            for (int a = 0; a < 3; a++) {
                lo[a] = new int[out[a]];
                hi[a] = new int[out[a]];
                for (int o = 0; o < out[a]; o++) {
                    int first = o * s[a] - pb[a];
                    int l0 = first >= 0 ? 0 : Math.min(k[a], (-first + d[a] - 1) / d[a]);
                    int h0 = in[a] - 1 - first < 0 ? 0 : Math.min(k[a], (in[a] - 1 - first) / d[a] + 1);
                    lo[a][o] = l0;
                    hi[a][o] = Math.max(l0, h0);
                }
            }
            // Along each axis, the coordinates with the same valid taps form one class; a group is
            // one combination of classes, numbered in order, so no map is needed per position.
            int[][] cls = new int[3][];
            int[][] clsLo = new int[3][];
            int[][] clsHi = new int[3][];
            int[] ncls = new int[3];
            for (int a = 0; a < 3; a++) {
                cls[a] = new int[out[a]];
                clsLo[a] = new int[out[a]];
                clsHi[a] = new int[out[a]];
                for (int o = 0; o < out[a]; o++) {
                    int found = -1;
                    for (int q = 0; q < ncls[a] && found < 0; q++) {
                        if (clsLo[a][q] == lo[a][o] && clsHi[a][q] == hi[a][o]) {
                            found = q;
                        }
                    }
                    if (found < 0) {
                        found = ncls[a]++;
                        clsLo[a][found] = lo[a][o];
                        clsHi[a][found] = hi[a][o];
                    }
                    cls[a][o] = found;
                }
            }
            int[] b = border();
            int[] combo = new int[b.length];
            int[] count = new int[ncls[0] * ncls[1] * ncls[2]];
            for (int i = 0; i < b.length; i++) {
                int pos = b[i];
                int ow = pos % out[2];
                int oh = pos / out[2] % out[1];
                int od = pos / (out[2] * out[1]) % out[0];
                combo[i] = (cls[0][od] * ncls[1] + cls[1][oh]) * ncls[2] + cls[2][ow];
                count[combo[i]]++;
            }
            int[] groupOf = new int[count.length];
            int ng = 0;
            for (int q = 0; q < count.length; q++) {
                groupOf[q] = count[q] > 0 ? ng++ : -1;
            }
            BorderGroup[] groups = new BorderGroup[ng];
            for (int q = 0; q < count.length; q++) {
                if (count[q] == 0) {
                    continue;
                }
                int c2 = q % ncls[2];
                int c1 = q / ncls[2] % ncls[1];
                int c0 = q / (ncls[2] * ncls[1]);
                int d0 = clsLo[0][c0];
                int d1 = clsHi[0][c0];
                int h0 = clsLo[1][c1];
                int h1 = clsHi[1][c1];
                int w0 = clsLo[2][c2];
                int w1 = clsHi[2][c2];
                int nr = w1 > w0 ? (d1 - d0) * (h1 - h0) : 0;
                int[] ro = new int[nr];
                int[] rk = new int[nr];
                int t = 0;
                for (int kd = d0; kd < d1 && nr > 0; kd++) {
                    for (int kh = h0; kh < h1; kh++, t++) {
                        ro[t] = ((kd * d[0] * in[1] + kh * d[1]) * in[2] + w0 * d[2]) * c;
                        rk[t] = ((kd * k[1] + kh) * k[2] + w0) * c;
                    }
                }
                groups[groupOf[q]] = new BorderGroup(new int[count[q]], new int[count[q]], ro, rk, (w1 - w0) * c);
            }
            int[] fill = new int[ng];
            for (int i = 0; i < b.length; i++) {
                BorderGroup grp = groups[groupOf[combo[i]]];
                int at = fill[groupOf[combo[i]]]++;
                int pos = b[i];
                int ow = pos % out[2];
                int oh = pos / out[2] % out[1];
                int od = pos / (out[2] * out[1]) % out[0];
                int n = pos / op;
                grp.positions[at] = pos;
                // The window's first element (tap 0 on every axis) in x, which may lie before
                // row 0: only the runs' offsets from it are read, and those are inside x.
                grp.bases[at] = (((n * in[0] + od * s[0] - pb[0]) * in[1] + oh * s[1] - pb[1]) * in[2] + ow * s[2]
                        - pb[2]) * c;
            }
            return groups;
        }

        /** Calls v for each tap of position p's window that lies inside x (unpadded indices), in k order. */
        void forEachTap(int pos, TapVisitor v) {
            int[] in = g.in();
            int[] out = g.out();
            int[] k = g.kernel();
            int[] s = g.strides();
            int[] d = g.dilations();
            int[] pb = g.padBefore();
            int ow = pos % out[2];
            int oh = pos / out[2] % out[1];
            int od = pos / (out[2] * out[1]) % out[0];
            int n = pos / op;
            for (int kd = 0; kd < k[0]; kd++) {
                int id = od * s[0] + kd * d[0] - pb[0];
                for (int kh = 0; kh < k[1]; kh++) {
                    int ih = oh * s[1] + kh * d[1] - pb[1];
                    for (int kw = 0; kw < k[2]; kw++) {
                        int iw = ow * s[2] + kw * d[2] - pb[2];
                        if (id < 0 || id >= in[0] || ih < 0 || ih >= in[1] || iw < 0 || iw >= in[2]) {
                            continue;
                        }
                        int kb = ((kd * k[1] + kh) * k[2] + kw) * c;
                        int xb = (((n * in[0] + id) * in[1] + ih) * in[2] + iw) * c;
                        for (int ch = 0; ch < c; ch++) {
                            v.visit(kb + ch, xb + ch);
                        }
                    }
                }
            }
        }
    }

    /**
     * Border positions whose windows have the same taps inside x: their window bases in x, and
     * the runs every one of them reads, {@code x[base + runOff[t] + j]} times kernel row
     * {@code runK[t] + j} for j below runLen.
     */
    record BorderGroup(int[] positions, int[] bases, int[] runOff, int[] runK, int runLen) {}
}
