package jgrad.ops.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.KernelConfig;

/**
 * The fused kernel behind {@link Softmax} and {@link LogSoftmax}: per row along one axis, the max,
 * the sum of {@code exp(x - max)} and the normalised result in one pass each, so no exp overflows.
 * Rows that lie densely in memory take the Vector API path; everything else (strided views, other
 * axes, {@code -Djgrad.kernels.scalar=true}) takes the scalar reference path.
 */
final class SoftmaxKernel {
    private SoftmaxKernel() {}

    /** Softmax (or log-softmax) of a floating tensor of rank >= 1 along {@code axis} (already normalised). */
    static Tensor run(Tensor x, int axis, boolean log) {
        Shape shape = x.shape();
        int[] dims = shape.dims();
        int size = x.size();
        Object out = jgrad.ops.kernels.FreshArrays.of(x.dtype(), size); // every element is written below
        if (size == 0) {
            return Tensor.wrap(out, shape);
        }
        int n = dims[axis];
        int rows = size / n;
        Object in = x.storage();
        int rank = dims.length;
        if (axis == rank - 1 && x.isContiguous()) {
            int off = x.offset();
            for (int r = 0; r < rows; r++) {
                dense(in, off + r * n, out, r * n, n, log);
            }
            return Tensor.wrap(out, shape);
        }
        int[] xs = x.strides();
        int[] os = shape.contiguousStrides();
        int[] idx = new int[rank];
        for (int r = 0; r < rows; r++) {
            int xp = x.offset();
            int op = 0;
            for (int a = 0; a < rank; a++) {
                xp += idx[a] * xs[a];
                op += idx[a] * os[a];
            }
            strided(in, xp, xs[axis], out, op, os[axis], n, log);
            for (int a = rank - 1; a >= 0; a--) {
                if (a == axis) {
                    continue;
                }
                if (++idx[a] < dims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return Tensor.wrap(out, shape);
    }

    private static void dense(Object in, int xo, Object out, int yo, int n, boolean log) {
        switch (in) {
            case float[] x -> {
                if (KernelConfig.VECTORIZED && n >= KernelConfig.FLOAT_SPECIES.length()) {
                    rowVector(x, xo, (float[]) out, yo, n, log);
                } else {
                    rowScalar(x, xo, 1, (float[]) out, yo, 1, n, log);
                }
            }
            case double[] x -> {
                if (KernelConfig.VECTORIZED && n >= KernelConfig.DOUBLE_SPECIES.length()) {
                    rowVector(x, xo, (double[]) out, yo, n, log);
                } else {
                    rowScalar(x, xo, 1, (double[]) out, yo, 1, n, log);
                }
            }
            default -> throw new IllegalStateException("softmax kernel: unsupported storage " + in.getClass());
        }
    }

    private static void strided(Object in, int xo, int xs, Object out, int yo, int ys, int n, boolean log) {
        switch (in) {
            case float[] x -> rowScalar(x, xo, xs, (float[]) out, yo, ys, n, log);
            case double[] x -> rowScalar(x, xo, xs, (double[]) out, yo, ys, n, log);
            default -> throw new IllegalStateException("softmax kernel: unsupported storage " + in.getClass());
        }
    }

    // ------------------------------------------------------------------ scalar reference path

    /** One row, scalar: exp in double, sum in double (the reference the vector path is tested against). */
    static void rowScalar(float[] x, int xo, int xs, float[] y, int yo, int ys, int n, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i * xs]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp((double) x[xo + i * xs] - max);
            if (!log) {
                y[yo + i * ys] = (float) e;
            }
            sum += e;
        }
        if (log) {
            double logSum = Math.log(sum);
            for (int i = 0; i < n; i++) {
                y[yo + i * ys] = (float) ((double) x[xo + i * xs] - max - logSum);
            }
        } else {
            double inv = 1 / sum;
            for (int i = 0; i < n; i++) {
                y[yo + i * ys] = (float) (y[yo + i * ys] * inv);
            }
        }
    }

    static void rowScalar(double[] x, int xo, int xs, double[] y, int yo, int ys, int n, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i * xs]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x[xo + i * xs] - max);
            if (!log) {
                y[yo + i * ys] = e;
            }
            sum += e;
        }
        if (log) {
            double logSum = Math.log(sum);
            for (int i = 0; i < n; i++) {
                y[yo + i * ys] = x[xo + i * xs] - max - logSum;
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i * ys] /= sum;
            }
        }
    }

    // ------------------------------------------------------------------ Vector API path (dense rows)

    static void rowVector(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        VectorSpecies<Float> s = KernelConfig.FLOAT_SPECIES;
        int step = s.length();
        int bound = s.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(s, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < bound; i += step) {
            vmax = vmax.max(FloatVector.fromArray(s, x, xo + i));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        FloatVector vm = FloatVector.broadcast(s, max);
        FloatVector vsum = FloatVector.zero(s);
        for (i = 0; i < bound; i += step) {
            FloatVector e = FloatVector.fromArray(s, x, xo + i).sub(vm).lanewise(VectorOperators.EXP);
            if (!log) {
                e.intoArray(y, yo + i);
            }
            vsum = vsum.add(e);
        }
        double sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - max);
            if (!log) {
                y[yo + i] = e;
            }
            sum += e;
        }
        if (log) {
            // (x - max) - log(sum): subtracting max first keeps the result exact for large x.
            float logSum = (float) Math.log(sum);
            for (i = 0; i < bound; i += step) {
                FloatVector.fromArray(s, x, xo + i).sub(vm).sub(logSum).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = (x[xo + i] - max) - logSum;
            }
        } else {
            float inv = (float) (1 / sum);
            for (i = 0; i < bound; i += step) {
                FloatVector.fromArray(s, y, yo + i).mul(inv).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] *= inv;
            }
        }
    }

    static void rowVector(double[] x, int xo, double[] y, int yo, int n, boolean log) {
        VectorSpecies<Double> s = KernelConfig.DOUBLE_SPECIES;
        int step = s.length();
        int bound = s.loopBound(n);
        DoubleVector vmax = DoubleVector.broadcast(s, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < bound; i += step) {
            vmax = vmax.max(DoubleVector.fromArray(s, x, xo + i));
        }
        double max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        DoubleVector vm = DoubleVector.broadcast(s, max);
        DoubleVector vsum = DoubleVector.zero(s);
        for (i = 0; i < bound; i += step) {
            DoubleVector e = DoubleVector.fromArray(s, x, xo + i).sub(vm).lanewise(VectorOperators.EXP);
            if (!log) {
                e.intoArray(y, yo + i);
            }
            vsum = vsum.add(e);
        }
        double sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double e = Math.exp(x[xo + i] - max);
            if (!log) {
                y[yo + i] = e;
            }
            sum += e;
        }
        if (log) {
            double logSum = Math.log(sum);
            for (i = 0; i < bound; i += step) {
                DoubleVector.fromArray(s, x, xo + i).sub(vm).sub(logSum).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = (x[xo + i] - max) - logSum;
            }
        } else {
            DoubleVector vs = DoubleVector.broadcast(s, sum);
            for (i = 0; i < bound; i += step) {
                DoubleVector.fromArray(s, y, yo + i).div(vs).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] /= sum;
            }
        }
    }
}
