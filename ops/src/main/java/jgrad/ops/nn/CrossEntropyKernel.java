package jgrad.ops.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
 * max)))}, then the loss {@code sum(t * (lse - z))} (or {@code lse - z[label]}) or the gradient
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

    // ------------------------------------------------------------------ float32 rows

    /** {@code max + log(sum(exp(z - max)))} over z[o, o+n); -inf for an empty row. */
    static double logSumExpF(float[] z, int o, int n, boolean vector) {
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (vector && n >= FS.length()) {
            FloatVector vmax = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                vmax = vmax.max(FloatVector.fromArray(FS, z, o + i));
            }
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, z[o + i]);
        }
        if (max == Float.NEGATIVE_INFINITY || Float.isNaN(max)) {
            return max; // empty, all -inf, or NaN: nothing finite to normalise by
        }
        double sum = 0;
        i = 0;
        if (vector && n >= FS.length()) {
            FloatVector vm = FloatVector.broadcast(FS, max);
            FloatVector vs = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                vs = vs.add(FloatVector.fromArray(FS, z, o + i).sub(vm).lanewise(VectorOperators.EXP));
            }
            sum = vs.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += Math.exp((double) z[o + i] - max);
        }
        return max + Math.log(sum);
    }

    private static double lossF(float[] z, float[] t, int o, int n, boolean vector) {
        if (n == 0) {
            return 0;
        }
        double lse = logSumExpF(z, o, n, vector);
        int i = 0;
        double loss = 0;
        if (vector && n >= FS.length()) {
            FloatVector vl = FloatVector.broadcast(FS, (float) lse);
            FloatVector acc = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                acc = FloatVector.fromArray(FS, t, o + i).fma(vl.sub(FloatVector.fromArray(FS, z, o + i)), acc);
            }
            loss = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            loss += t[o + i] * (lse - z[o + i]);
        }
        return loss;
    }

    private static double sparseLossF(float[] z, int o, int n, int label, boolean vector) {
        return logSumExpF(z, o, n, vector) - z[o + label];
    }

    private static void gradF(float[] z, float[] t, int o, int n, float g, float[] out, boolean vector) {
        if (n == 0) {
            return;
        }
        double lse = logSumExpF(z, o, n, vector);
        int i = 0;
        double st = 0;
        if (vector && n >= FS.length()) {
            FloatVector acc = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                acc = acc.add(FloatVector.fromArray(FS, t, o + i));
            }
            st = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            st += t[o + i];
        }
        float scale = (float) (g * st);
        i = 0;
        if (vector && n >= FS.length()) {
            FloatVector vl = FloatVector.broadcast(FS, (float) lse);
            FloatVector vg = FloatVector.broadcast(FS, g);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector p = FloatVector.fromArray(FS, z, o + i).sub(vl).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(FloatVector.fromArray(FS, t, o + i).mul(vg)).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = (float) (Math.exp(z[o + i] - lse) * scale - (double) t[o + i] * g);
        }
    }

    private static void sparseGradF(float[] z, int o, int n, int label, float g, float[] out, boolean vector) {
        double lse = logSumExpF(z, o, n, vector);
        int i = 0;
        if (vector && n >= FS.length()) {
            FloatVector vl = FloatVector.broadcast(FS, (float) lse);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector.fromArray(FS, z, o + i).sub(vl).lanewise(VectorOperators.EXP).mul(g).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = (float) (Math.exp(z[o + i] - lse) * g);
        }
        out[o + label] = (float) ((Math.exp(z[o + label] - lse) - 1) * g);
    }

    // ------------------------------------------------------------------ float64 rows

    static double logSumExpD(double[] z, int o, int n, boolean vector) {
        double max = Double.NEGATIVE_INFINITY;
        int i = 0;
        if (vector && n >= DS.length()) {
            DoubleVector vmax = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                vmax = vmax.max(DoubleVector.fromArray(DS, z, o + i));
            }
            max = vmax.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, z[o + i]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        i = 0;
        if (vector && n >= DS.length()) {
            DoubleVector vm = DoubleVector.broadcast(DS, max);
            DoubleVector vs = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                vs = vs.add(DoubleVector.fromArray(DS, z, o + i).sub(vm).lanewise(VectorOperators.EXP));
            }
            sum = vs.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += Math.exp(z[o + i] - max);
        }
        return max + Math.log(sum);
    }

    private static double lossD(double[] z, double[] t, int o, int n, boolean vector) {
        if (n == 0) {
            return 0;
        }
        double lse = logSumExpD(z, o, n, vector);
        int i = 0;
        double loss = 0;
        if (vector && n >= DS.length()) {
            DoubleVector vl = DoubleVector.broadcast(DS, lse);
            DoubleVector acc = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                acc = DoubleVector.fromArray(DS, t, o + i).fma(vl.sub(DoubleVector.fromArray(DS, z, o + i)), acc);
            }
            loss = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            loss += t[o + i] * (lse - z[o + i]);
        }
        return loss;
    }

    private static double sparseLossD(double[] z, int o, int n, int label, boolean vector) {
        return logSumExpD(z, o, n, vector) - z[o + label];
    }

    private static void gradD(double[] z, double[] t, int o, int n, double g, double[] out, boolean vector) {
        if (n == 0) {
            return;
        }
        double lse = logSumExpD(z, o, n, vector);
        int i = 0;
        double st = 0;
        if (vector && n >= DS.length()) {
            DoubleVector acc = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                acc = acc.add(DoubleVector.fromArray(DS, t, o + i));
            }
            st = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            st += t[o + i];
        }
        double scale = g * st;
        i = 0;
        if (vector && n >= DS.length()) {
            DoubleVector vl = DoubleVector.broadcast(DS, lse);
            DoubleVector vg = DoubleVector.broadcast(DS, g);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector p = DoubleVector.fromArray(DS, z, o + i).sub(vl).lanewise(VectorOperators.EXP);
                p.mul(scale).sub(DoubleVector.fromArray(DS, t, o + i).mul(vg)).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = Math.exp(z[o + i] - lse) * scale - t[o + i] * g;
        }
    }

    private static void sparseGradD(double[] z, int o, int n, int label, double g, double[] out, boolean vector) {
        double lse = logSumExpD(z, o, n, vector);
        int i = 0;
        if (vector && n >= DS.length()) {
            DoubleVector vl = DoubleVector.broadcast(DS, lse);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector.fromArray(DS, z, o + i).sub(vl).lanewise(VectorOperators.EXP).mul(g).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = Math.exp(z[o + i] - lse) * g;
        }
        out[o + label] = (Math.exp(z[o + label] - lse) - 1) * g;
    }
}
