package jgrad.ops.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.ops.kernels.KernelConfig;
import jgrad.ops.kernels.Parallel;

/**
 * The loops behind {@link LayerNorm} and {@link LayerNormGrad}: layer normalization over the last
 * axis of a row-major [rows, n] array, each row normalized with its own mean and (biased)
 * variance. The composition of ops it replaces made about six passes over x forward and a dozen
 * backward, each writing a full-size temporary; here a row is read from L1 a few times and
 * written once. float32 runs on the Vector API (whole vectors, then a scalar tail); float64, for
 * gradient checks, in plain loops.
 *
 * <p>The statistics are computed twice over (forward, and again backward) rather than stored:
 * a row of n values is read again from memory anyway. The parameters' gradients are summed per
 * block of {@link #BLOCK} rows and the blocks added in order, so the result does not depend on
 * the number of threads.
 */
final class LayerNormKernel {
    private LayerNormKernel() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final int L = FS.length();

    /** Rows per block of the parameters' partial gradient sums. */
    static final int BLOCK = 64;

    // ------------------------------------------------------------------ float32

    /** y = (x - mean) / sqrt(var + eps) * gamma + beta, row by row. */
    static void forward(float[] x, float[] gamma, float[] beta, float[] y, int rows, int n, float eps) {
        Parallel.forRange(rows, 8L * rows * n, (start, end) -> {
            for (int r = start; r < end; r++) {
                int o = r * n;
                float mean = sum(x, o, n) / n;
                float rstd = rstd(x, o, n, mean, eps);
                int j = 0;
                for (; j + L <= n; j += L) {
                    FloatVector xh = FloatVector.fromArray(FS, x, o + j).sub(mean).mul(rstd);
                    xh.fma(FloatVector.fromArray(FS, gamma, j), FloatVector.fromArray(FS, beta, j)).intoArray(y, o + j);
                }
                for (; j < n; j++) {
                    y[o + j] = (x[o + j] - mean) * rstd * gamma[j] + beta[j];
                }
            }
        });
    }

    /**
     * The gradients from the output gradient g, packed into out: dx (rows * n values), then
     * dgamma (n), then dbeta (n). With xh = (x - mean) rstd and dxh = g gamma:
     * {@code dx = rstd (dxh - mean(dxh) - xh mean(dxh xh))}, {@code dgamma = sum_rows g xh},
     * {@code dbeta = sum_rows g}.
     */
    static void backward(float[] x, float[] gamma, float[] g, float[] out, int rows, int n, float eps) {
        int blocks = (rows + BLOCK - 1) / BLOCK;
        float[] partial = new float[blocks * 2 * n];
        Parallel.forRange(blocks, 16L * rows * n, (start, end) -> {
            for (int bl = start; bl < end; bl++) {
                int pg = bl * 2 * n;
                int pb = pg + n;
                for (int r = bl * BLOCK; r < Math.min(rows, (bl + 1) * BLOCK); r++) {
                    int o = r * n;
                    float mean = sum(x, o, n) / n;
                    float rstd = rstd(x, o, n, mean, eps);
                    FloatVector s1 = FloatVector.zero(FS);
                    FloatVector s2 = FloatVector.zero(FS);
                    int j = 0;
                    for (; j + L <= n; j += L) {
                        FloatVector gv = FloatVector.fromArray(FS, g, o + j);
                        FloatVector xh = FloatVector.fromArray(FS, x, o + j).sub(mean).mul(rstd);
                        FloatVector dxh = gv.mul(FloatVector.fromArray(FS, gamma, j));
                        s1 = s1.add(dxh);
                        s2 = dxh.fma(xh, s2);
                        gv.fma(xh, FloatVector.fromArray(FS, partial, pg + j)).intoArray(partial, pg + j);
                        gv.add(FloatVector.fromArray(FS, partial, pb + j)).intoArray(partial, pb + j);
                    }
                    float t1 = s1.reduceLanes(VectorOperators.ADD);
                    float t2 = s2.reduceLanes(VectorOperators.ADD);
                    for (int jj = j; jj < n; jj++) {
                        float xh = (x[o + jj] - mean) * rstd;
                        float dxh = g[o + jj] * gamma[jj];
                        t1 += dxh;
                        t2 += dxh * xh;
                        partial[pg + jj] += g[o + jj] * xh;
                        partial[pb + jj] += g[o + jj];
                    }
                    float m1 = t1 / n;
                    float m2 = t2 / n;
                    j = 0;
                    for (; j + L <= n; j += L) {
                        FloatVector xh = FloatVector.fromArray(FS, x, o + j).sub(mean).mul(rstd);
                        FloatVector dxh = FloatVector.fromArray(FS, g, o + j).mul(FloatVector.fromArray(FS, gamma, j));
                        dxh.sub(m1).sub(xh.mul(m2)).mul(rstd).intoArray(out, o + j);
                    }
                    for (; j < n; j++) {
                        float xh = (x[o + j] - mean) * rstd;
                        out[o + j] = (g[o + j] * gamma[j] - m1 - xh * m2) * rstd;
                    }
                }
            }
        });
        int dg = rows * n;
        for (int bl = 0; bl < blocks; bl++) {
            for (int j = 0; j < 2 * n; j++) {
                out[dg + j] += partial[bl * 2 * n + j];
            }
        }
    }

    private static float sum(float[] x, int o, int n) {
        FloatVector acc = FloatVector.zero(FS);
        int j = 0;
        for (; j + L <= n; j += L) {
            acc = acc.add(FloatVector.fromArray(FS, x, o + j));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += x[o + j];
        }
        return s;
    }

    /** 1 / sqrt(var + eps), the variance from the centred values (two passes: no cancellation). */
    private static float rstd(float[] x, int o, int n, float mean, float eps) {
        FloatVector acc = FloatVector.zero(FS);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector c = FloatVector.fromArray(FS, x, o + j).sub(mean);
            acc = c.fma(c, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float c = x[o + j] - mean;
            s += c * c;
        }
        return (float) (1 / Math.sqrt(s / n + eps));
    }

    // ------------------------------------------------------------------ float64

    static void forward(double[] x, double[] gamma, double[] beta, double[] y, int rows, int n, double eps) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double[] st = stats(x, o, n, eps);
            for (int j = 0; j < n; j++) {
                y[o + j] = (x[o + j] - st[0]) * st[1] * gamma[j] + beta[j];
            }
        }
    }

    static void backward(double[] x, double[] gamma, double[] g, double[] out, int rows, int n, double eps) {
        int dg = rows * n;
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double[] st = stats(x, o, n, eps);
            double t1 = 0;
            double t2 = 0;
            for (int j = 0; j < n; j++) {
                double xh = (x[o + j] - st[0]) * st[1];
                double dxh = g[o + j] * gamma[j];
                t1 += dxh;
                t2 += dxh * xh;
                out[dg + j] += g[o + j] * xh;
                out[dg + n + j] += g[o + j];
            }
            for (int j = 0; j < n; j++) {
                double xh = (x[o + j] - st[0]) * st[1];
                out[o + j] = (g[o + j] * gamma[j] - t1 / n - xh * t2 / n) * st[1];
            }
        }
    }

    /** {mean, 1 / sqrt(var + eps)} of x[o .. o + n). */
    private static double[] stats(double[] x, int o, int n, double eps) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += x[o + j];
        }
        double mean = s / n;
        double v = 0;
        for (int j = 0; j < n; j++) {
            double c = x[o + j] - mean;
            v += c * c;
        }
        return new double[] {mean, 1 / Math.sqrt(v / n + eps)};
    }
}
