package jgrad.ops.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.FreshArrays;
import jgrad.ops.kernels.KernelConfig;
import jgrad.ops.kernels.Parallel;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * The fused kernels behind {@link SoftmaxCrossEntropy} and {@link SparseSoftmaxCrossEntropy} and
 * their gradients: per row of logits z (the last axis), the max, {@code lse = max + log(sum(exp(z -
 * max)))} (the two kept apart so large logits lose nothing to rounding), then the loss {@code sum(t * (lse - z))} (or {@code lse - z[label]}) or the gradient
 * {@code g * (softmax(z) * sum(t) - t)} (or {@code g * (softmax(z) - onehot(label))}), without
 * materialising the softmax or the log-softmax. Rows run on the Vector API unless
 * {@code -Djgrad.kernels.scalar=true}, where the double-precision scalar reference runs instead.
 * Labels are either float tensors of the logits' shape or int64 class indices of the logits' shape
 * without its last axis.
 */
final class CrossEntropyKernel {
    private CrossEntropyKernel() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    /** Per-row losses: logits' shape without the last axis. */
    static Tensor loss(Tensor labels, Tensor logits, boolean vector) {
        Shape shape = logits.shape();
        int[] dims = shape.dims();
        int n = dims[dims.length - 1];
        int rows = n == 0 ? rowsOf(dims) : logits.size() / n;
        Shape out = Shape.of(java.util.Arrays.copyOf(dims, dims.length - 1));
        Object z = dense(logits);
        Object t = dense(labels);
        if (logits.dtype() == DType.FLOAT32) {
            float[] o = FreshArrays.floats(rows);
            Parallel.forRange(rows, (long) rows * n * 4, (s, e) -> {
                for (int r = s; r < e; r++) {
                    o[r] = t instanceof long[] idx ? (float) sparseLossF((float[]) z, r * n, n, (int) idx[r], vector)
                            : (float) lossF((float[]) z, (float[]) t, r * n, n, vector);
                }
            });
            return Tensor.wrap(o, out);
        }
        double[] o = FreshArrays.doubles(rows);
        Parallel.forRange(rows, (long) rows * n * 4, (s, e) -> {
            for (int r = s; r < e; r++) {
                o[r] = t instanceof long[] idx ? sparseLossD((double[]) z, r * n, n, (int) idx[r], vector)
                        : lossD((double[]) z, (double[]) t, r * n, n, vector);
            }
        });
        return Tensor.wrap(o, out);
    }

    /** {@code g[..., None] * (softmax(z) * sum(t) - t)} (dense labels) or {@code ... * (softmax(z) - onehot)}. */
    static Tensor gradient(Tensor labels, Tensor logits, Tensor grad, boolean vector) {
        Shape shape = logits.shape();
        int[] dims = shape.dims();
        int n = dims[dims.length - 1];
        int size = logits.size();
        int rows = n == 0 ? rowsOf(dims) : size / n;
        Object z = dense(logits);
        Object t = dense(labels);
        Object g = dense(grad);
        if (logits.dtype() == DType.FLOAT32) {
            float[] o = FreshArrays.floats(size);
            Parallel.forRange(rows, (long) rows * n * 4, (s, e) -> {
                for (int r = s; r < e; r++) {
                    float gr = ((float[]) g)[r];
                    if (t instanceof long[] idx) {
                        sparseGradF((float[]) z, r * n, n, (int) idx[r], gr, o, vector);
                    } else {
                        gradF((float[]) z, (float[]) t, r * n, n, gr, o, vector);
                    }
                }
            });
            return Tensor.wrap(o, shape);
        }
        double[] o = FreshArrays.doubles(size);
        Parallel.forRange(rows, (long) rows * n * 4, (s, e) -> {
            for (int r = s; r < e; r++) {
                double gr = ((double[]) g)[r];
                if (t instanceof long[] idx) {
                    sparseGradD((double[]) z, r * n, n, (int) idx[r], gr, o, vector);
                } else {
                    gradD((double[]) z, (double[]) t, r * n, n, gr, o, vector);
                }
            }
        });
        return Tensor.wrap(o, shape);
    }

    private static int rowsOf(int[] dims) {
        int rows = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            rows *= dims[i];
        }
        return rows;
    }

    /** The storage of a row-major copy (the tensor's own when it is contiguous from offset 0). */
    private static Object dense(Tensor x) {
        return x.isContiguous() && x.offset() == 0 ? x.storage() : StridedCopyKernel.toArray(x);
    }

    // @float32 begin
    // ------------------------------------------------------------------ float32 rows

    /** The row's maximum (NaN if it holds one, -inf if empty). */
    static float rowMaxF(float[] z, int o, int n, boolean vector) {
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (vector) {
            // Whole vectors, then one masked vector for the tail: rows shorter than a vector (ten
            // classes) stay on the vector path too.
            FloatVector vmax = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                vmax = vmax.max(FloatVector.fromArray(FS, z, o + i));
            }
            if (i < n) {
                VectorMask<Float> m = FS.indexInRange(i, n);
                vmax = vmax.max(FloatVector.fromArray(FS, z, o + i, m).blend(Float.NEGATIVE_INFINITY, m.not()));
                i = n;
            }
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, z[o + i]);
        }
        return max;
    }

    /**
     * {@code log(sum(exp(z - max)))}, which is in [0, log n]: kept apart from max so that
     * {@code lse - z = (max - z) + this} loses nothing to rounding when the logits are large.
     */
    static double logSumShiftedF(float[] z, int o, int n, float max, boolean vector) {
        int i = 0;
        double sum = 0;
        if (vector) {
            FloatVector vm = FloatVector.broadcast(FS, max);
            FloatVector vs = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                vs = vs.add(FloatVector.fromArray(FS, z, o + i).sub(vm).lanewise(VectorOperators.EXP));
            }
            if (i < n) {
                VectorMask<Float> m = FS.indexInRange(i, n);
                vs = vs.add(FloatVector.fromArray(FS, z, o + i, m).sub(vm).lanewise(VectorOperators.EXP).blend(0f, m.not()));
                i = n;
            }
            sum = vs.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += Math.exp((double) z[o + i] - max);
        }
        return Math.log(sum);
    }

    private static double lossF(float[] z, float[] t, int o, int n, boolean vector) {
        if (n == 0) {
            return 0;
        }
        float max = rowMaxF(z, o, n, vector);
        double shift = max == Float.NEGATIVE_INFINITY || Float.isNaN(max) ? 0 : logSumShiftedF(z, o, n, max, vector);
        int i = 0;
        double loss = 0;
        if (vector) {
            // t * (lse - z) as t * ((max - z) + shift): exact for large logits in either dtype.
            FloatVector vmax = FloatVector.broadcast(FS, max);
            FloatVector vs = FloatVector.broadcast(FS, (float) shift);
            FloatVector acc = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                acc = FloatVector.fromArray(FS, t, o + i).fma(vmax.sub(FloatVector.fromArray(FS, z, o + i)).add(vs), acc);
            }
            if (i < n) {
                VectorMask<Float> m = FS.indexInRange(i, n);
                FloatVector term = FloatVector.fromArray(FS, t, o + i, m).mul(vmax.sub(FloatVector.fromArray(FS, z, o + i, m)).add(vs));
                acc = acc.add(term.blend(0f, m.not()));
                i = n;
            }
            loss = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            loss += t[o + i] * (((double) max - z[o + i]) + shift);
        }
        return loss;
    }

    private static double sparseLossF(float[] z, int o, int n, int label, boolean vector) {
        float max = rowMaxF(z, o, n, vector);
        if (max == Float.NEGATIVE_INFINITY || Float.isNaN(max)) {
            return max - z[o + label];
        }
        return ((double) max - z[o + label]) + logSumShiftedF(z, o, n, max, vector);
    }

    private static void gradF(float[] z, float[] t, int o, int n, float g, float[] out, boolean vector) {
        if (n == 0) {
            return;
        }
        // Each vector loop is a method of its own: one method holding them all is too big for C2 to
        // inline every Vector API call, and a call left out boxes its vectors (allocating per element).
        float max = rowMaxF(z, o, n, vector);
        double shift = max == Float.NEGATIVE_INFINITY || Float.isNaN(max) ? 0 : logSumShiftedF(z, o, n, max, vector);
        double st = sumF(t, o, n, vector);
        gradRowF(z, t, o, n, max, shift, (float) (g * st), g, out, vector);
    }

    private static double sumF(float[] t, int o, int n, boolean vector) {
        int i = 0;
        double st = 0;
        if (vector) {
            FloatVector acc = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                acc = acc.add(FloatVector.fromArray(FS, t, o + i));
            }
            if (i < n) {
                acc = acc.add(FloatVector.fromArray(FS, t, o + i, FS.indexInRange(i, n)));
                i = n;
            }
            st = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            st += t[o + i];
        }
        return st;
    }

    /** {@code out = softmax(z) * scale - t * g}, softmax as {@code exp((z - max) - shift)} (no rounded lse). */
    private static void gradRowF(float[] z, float[] t, int o, int n, float max, double shift, float scale, float g,
            float[] out, boolean vector) {
        int i = 0;
        if (vector) {
            FloatVector vmax = FloatVector.broadcast(FS, max);
            FloatVector vs = FloatVector.broadcast(FS, (float) shift);
            FloatVector vg = FloatVector.broadcast(FS, g);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector p = FloatVector.fromArray(FS, z, o + i).sub(vmax).sub(vs).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(FloatVector.fromArray(FS, t, o + i).mul(vg)).intoArray(out, o + i);
            }
            if (i < n) {
                VectorMask<Float> m = FS.indexInRange(i, n);
                FloatVector p = FloatVector.fromArray(FS, z, o + i, m).sub(vmax).sub(vs).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(FloatVector.fromArray(FS, t, o + i, m).mul(vg)).intoArray(out, o + i, m);
                i = n;
            }
        }
        for (; i < n; i++) {
            out[o + i] = (float) (Math.exp(((double) z[o + i] - max) - shift) * scale - (double) t[o + i] * g);
        }
    }

    private static void sparseGradF(float[] z, int o, int n, int label, float g, float[] out, boolean vector) {
        float max = rowMaxF(z, o, n, vector);
        double shift = max == Float.NEGATIVE_INFINITY || Float.isNaN(max) ? 0 : logSumShiftedF(z, o, n, max, vector);
        int i = 0;
        if (vector) {
            FloatVector vmax = FloatVector.broadcast(FS, max);
            FloatVector vs = FloatVector.broadcast(FS, (float) shift);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector.fromArray(FS, z, o + i).sub(vmax).sub(vs).lanewise(VectorOperators.EXP).mul(g)
                        .intoArray(out, o + i);
            }
            if (i < n) {
                VectorMask<Float> m = FS.indexInRange(i, n);
                FloatVector.fromArray(FS, z, o + i, m).sub(vmax).sub(vs).lanewise(VectorOperators.EXP).mul(g)
                        .intoArray(out, o + i, m);
                i = n;
            }
        }
        for (; i < n; i++) {
            out[o + i] = (float) (Math.exp(((double) z[o + i] - max) - shift) * g);
        }
        out[o + label] = (float) ((Math.exp(((double) z[o + label] - max) - shift) - 1) * g);
    }
    // @float32 end

    // @float64 begin (generated by ops/src/gen/twins/generate.py from the float32 code above: do not edit)
    // ------------------------------------------------------------------ float64 rows

    /** The row's maximum (NaN if it holds one, -inf if empty). */
    static double rowMaxD(double[] z, int o, int n, boolean vector) {
        double max = Double.NEGATIVE_INFINITY;
        int i = 0;
        if (vector) {
            // Whole vectors, then one masked vector for the tail: rows shorter than a vector (ten
            // classes) stay on the vector path too.
            DoubleVector vmax = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                vmax = vmax.max(DoubleVector.fromArray(DS, z, o + i));
            }
            if (i < n) {
                VectorMask<Double> m = DS.indexInRange(i, n);
                vmax = vmax.max(DoubleVector.fromArray(DS, z, o + i, m).blend(Double.NEGATIVE_INFINITY, m.not()));
                i = n;
            }
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, z[o + i]);
        }
        return max;
    }

    /**
     * {@code log(sum(exp(z - max)))}, which is in [0, log n]: kept apart from max so that
     * {@code lse - z = (max - z) + this} loses nothing to rounding when the logits are large.
     */
    static double logSumShiftedD(double[] z, int o, int n, double max, boolean vector) {
        int i = 0;
        double sum = 0;
        if (vector) {
            DoubleVector vm = DoubleVector.broadcast(DS, max);
            DoubleVector vs = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                vs = vs.add(DoubleVector.fromArray(DS, z, o + i).sub(vm).lanewise(VectorOperators.EXP));
            }
            if (i < n) {
                VectorMask<Double> m = DS.indexInRange(i, n);
                vs = vs.add(DoubleVector.fromArray(DS, z, o + i, m).sub(vm).lanewise(VectorOperators.EXP).blend(0.0, m.not()));
                i = n;
            }
            sum = vs.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += Math.exp(z[o + i] - max);
        }
        return Math.log(sum);
    }

    private static double lossD(double[] z, double[] t, int o, int n, boolean vector) {
        if (n == 0) {
            return 0;
        }
        double max = rowMaxD(z, o, n, vector);
        double shift = max == Double.NEGATIVE_INFINITY || Double.isNaN(max) ? 0 : logSumShiftedD(z, o, n, max, vector);
        int i = 0;
        double loss = 0;
        if (vector) {
            // t * (lse - z) as t * ((max - z) + shift): exact for large logits in either dtype.
            DoubleVector vmax = DoubleVector.broadcast(DS, max);
            DoubleVector vs = DoubleVector.broadcast(DS, shift);
            DoubleVector acc = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                acc = DoubleVector.fromArray(DS, t, o + i).fma(vmax.sub(DoubleVector.fromArray(DS, z, o + i)).add(vs), acc);
            }
            if (i < n) {
                VectorMask<Double> m = DS.indexInRange(i, n);
                DoubleVector term = DoubleVector.fromArray(DS, t, o + i, m).mul(vmax.sub(DoubleVector.fromArray(DS, z, o + i, m)).add(vs));
                acc = acc.add(term.blend(0.0, m.not()));
                i = n;
            }
            loss = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            loss += t[o + i] * ((max - z[o + i]) + shift);
        }
        return loss;
    }

    private static double sparseLossD(double[] z, int o, int n, int label, boolean vector) {
        double max = rowMaxD(z, o, n, vector);
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max - z[o + label];
        }
        return (max - z[o + label]) + logSumShiftedD(z, o, n, max, vector);
    }

    private static void gradD(double[] z, double[] t, int o, int n, double g, double[] out, boolean vector) {
        if (n == 0) {
            return;
        }
        // Each vector loop is a method of its own: one method holding them all is too big for C2 to
        // inline every Vector API call, and a call left out boxes its vectors (allocating per element).
        double max = rowMaxD(z, o, n, vector);
        double shift = max == Double.NEGATIVE_INFINITY || Double.isNaN(max) ? 0 : logSumShiftedD(z, o, n, max, vector);
        double st = sumD(t, o, n, vector);
        gradRowD(z, t, o, n, max, shift, (g * st), g, out, vector);
    }

    private static double sumD(double[] t, int o, int n, boolean vector) {
        int i = 0;
        double st = 0;
        if (vector) {
            DoubleVector acc = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                acc = acc.add(DoubleVector.fromArray(DS, t, o + i));
            }
            if (i < n) {
                acc = acc.add(DoubleVector.fromArray(DS, t, o + i, DS.indexInRange(i, n)));
                i = n;
            }
            st = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            st += t[o + i];
        }
        return st;
    }

    /** {@code out = softmax(z) * scale - t * g}, softmax as {@code exp((z - max) - shift)} (no rounded lse). */
    private static void gradRowD(double[] z, double[] t, int o, int n, double max, double shift, double scale, double g,
            double[] out, boolean vector) {
        int i = 0;
        if (vector) {
            DoubleVector vmax = DoubleVector.broadcast(DS, max);
            DoubleVector vs = DoubleVector.broadcast(DS, shift);
            DoubleVector vg = DoubleVector.broadcast(DS, g);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector p = DoubleVector.fromArray(DS, z, o + i).sub(vmax).sub(vs).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(DoubleVector.fromArray(DS, t, o + i).mul(vg)).intoArray(out, o + i);
            }
            if (i < n) {
                VectorMask<Double> m = DS.indexInRange(i, n);
                DoubleVector p = DoubleVector.fromArray(DS, z, o + i, m).sub(vmax).sub(vs).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(DoubleVector.fromArray(DS, t, o + i, m).mul(vg)).intoArray(out, o + i, m);
                i = n;
            }
        }
        for (; i < n; i++) {
            out[o + i] = (Math.exp((z[o + i] - max) - shift) * scale - t[o + i] * g);
        }
    }

    private static void sparseGradD(double[] z, int o, int n, int label, double g, double[] out, boolean vector) {
        double max = rowMaxD(z, o, n, vector);
        double shift = max == Double.NEGATIVE_INFINITY || Double.isNaN(max) ? 0 : logSumShiftedD(z, o, n, max, vector);
        int i = 0;
        if (vector) {
            DoubleVector vmax = DoubleVector.broadcast(DS, max);
            DoubleVector vs = DoubleVector.broadcast(DS, shift);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector.fromArray(DS, z, o + i).sub(vmax).sub(vs).lanewise(VectorOperators.EXP).mul(g)
                        .intoArray(out, o + i);
            }
            if (i < n) {
                VectorMask<Double> m = DS.indexInRange(i, n);
                DoubleVector.fromArray(DS, z, o + i, m).sub(vmax).sub(vs).lanewise(VectorOperators.EXP).mul(g)
                        .intoArray(out, o + i, m);
                i = n;
            }
        }
        for (; i < n; i++) {
            out[o + i] = (Math.exp((z[o + i] - max) - shift) * g);
        }
        out[o + label] = ((Math.exp((z[o + label] - max) - shift) - 1) * g);
    }
    // @float64 end
}
