package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused optimizer updates of float32 variables (jgrad.nn.optimizers): one pass reads the stored
 * values and the gradient as float32, updates the double-precision slots in place and writes the
 * new values into a fresh float array. The arithmetic is the optimizers' double-precision rule,
 * operation for operation (no fused multiply-adds, the same order), so the results are bit for bit
 * those of the scalar rule; the float-to-double copies of the variable and the gradient and the
 * copy back, which took most of an MLP step's optimizer time, are gone. Lanes: doubles of the
 * preferred shape, with floats of half its width converted to and from them.
 */
public final class OptimizerKernels {
    private OptimizerKernels() {}

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));

    /** Vector lanes, or 0 where the float and double species do not pair up (the scalar loop runs). */
    private static final int LANES = KernelConfig.VECTORIZED && F.length() == D.length() ? D.length() : 0;

    private static DoubleVector load(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(F, a, i).convertShape(VectorOperators.F2D, D, 0);
    }

    private static void store(DoubleVector v, float[] a, int i) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, F, 0)).intoArray(a, i);
    }

    /**
     * Adam (Keras's rule): {@code m += (g - m) b1c; v += (g^2 - v) b2c; vh = max(vh, v) with amsgrad;
     * out = w decay - alpha m / (sqrt(vh or v) + eps)}, where {@code b1c = 1 - beta1},
     * {@code b2c = 1 - beta2} and {@code decay} the weight-decay factor (1 when off).
     *
     * @param vMax the amsgrad maximum, or null without amsgrad
     */
    public static void adam(float[] w, float[] g, int gOff, float[] out, double[] m, double[] v, double[] vMax,
            double b1c, double b2c, double alpha, double eps, double decay) {
        int n = w.length;
        int i = 0;
        if (LANES > 0) {
            for (int bound = n - n % LANES; i < bound; i += LANES) {
                DoubleVector gi = load(g, gOff + i);
                DoubleVector mi = DoubleVector.fromArray(D, m, i);
                mi = mi.add(gi.sub(mi).mul(b1c));
                mi.intoArray(m, i);
                DoubleVector vi = DoubleVector.fromArray(D, v, i);
                vi = vi.add(gi.mul(gi).sub(vi).mul(b2c));
                vi.intoArray(v, i);
                if (vMax != null) {
                    vi = DoubleVector.fromArray(D, vMax, i).lanewise(VectorOperators.MAX, vi);
                    vi.intoArray(vMax, i);
                }
                DoubleVector wi = load(w, i).mul(decay);
                store(wi.sub(mi.mul(alpha).div(vi.lanewise(VectorOperators.SQRT).add(eps))), out, i);
            }
        }
        for (; i < n; i++) {
            double gi = g[gOff + i];
            m[i] += (gi - m[i]) * b1c;
            v[i] += (gi * gi - v[i]) * b2c;
            double vi = v[i];
            if (vMax != null) {
                vMax[i] = Math.max(vMax[i], vi);
                vi = vMax[i];
            }
            double wi = w[i] * decay;
            out[i] = (float) (wi - alpha * m[i] / (Math.sqrt(vi) + eps));
        }
    }

    /**
     * SGD: {@code out = w decay - lr g} without momentum; with it {@code vel = momentum vel - lr g}
     * and {@code out = w decay + vel}, or {@code + momentum vel - lr g} with Nesterov's.
     *
     * @param velocity the momentum slot, or null without momentum
     */
    public static void sgd(float[] w, float[] g, int gOff, float[] out, double[] velocity, double momentum,
            boolean nesterov, double lr, double decay) {
        int n = w.length;
        int i = 0;
        if (LANES > 0) {
            for (int bound = n - n % LANES; i < bound; i += LANES) {
                DoubleVector gi = load(g, gOff + i);
                DoubleVector wi = load(w, i).mul(decay);
                if (velocity == null) {
                    store(wi.sub(gi.mul(lr)), out, i);
                    continue;
                }
                DoubleVector vi = DoubleVector.fromArray(D, velocity, i).mul(momentum).sub(gi.mul(lr));
                vi.intoArray(velocity, i);
                store(wi.add(nesterov ? vi.mul(momentum).sub(gi.mul(lr)) : vi), out, i);
            }
        }
        for (; i < n; i++) {
            double gi = g[gOff + i];
            double wi = w[i] * decay;
            if (velocity == null) {
                out[i] = (float) (wi - lr * gi);
                continue;
            }
            velocity[i] = momentum * velocity[i] - lr * gi;
            out[i] = (float) (wi + (nesterov ? momentum * velocity[i] - lr * gi : velocity[i]));
        }
    }
}
