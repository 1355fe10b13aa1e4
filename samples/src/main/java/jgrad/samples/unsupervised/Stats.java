package jgrad.samples.unsupervised;

import jgrad.core.DType;
import jgrad.core.Tensor;

/** Small linear algebra for the samples: centring, standardising, the covariance's eigenvectors. */
final class Stats {
    private Stats() {}

    /** Columns minus their means, float64. */
    static Tensor centre(Tensor x) {
        Tensor d = x.cast(DType.FLOAT64);
        return d.sub(d.mean(0)).contiguous();
    }

    /** Columns to mean 0 and (population) standard deviation 1, float64. */
    static Tensor standardise(Tensor x) {
        Tensor c = centre(x);
        return c.div(c.square().mean(0).sqrt()).contiguous();
    }

    /** The covariance's eigenvalues (descending) and unit eigenvectors (rows), by Jacobi rotations. */
    static double[][][] eigen(Tensor x) {
        Tensor c = centre(x);
        double[][] a = c.matmul(c, true, false).mul(1.0 / x.dim(0)).toDoubleArray2D();
        int n = a.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = cs * vkp - sn * vkq;
                        v[k][q] = sn * vkp + cs * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[][] diag = a;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(diag[j][j], diag[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int i = 0; i < n; i++) {
            values[i] = a[order[i]][order[i]];
            for (int k = 0; k < n; k++) {
                vectors[i][k] = v[k][order[i]];
            }
        }
        return new double[][][] {{values}, vectors};
    }

    /** Rows of {@code x} (centred with {@code mean}) projected on the first two eigenvectors: [n][2]. */
    static double[][] project2(Tensor x, Tensor mean, double[][] vectors) {
        double[][] a = x.cast(DType.FLOAT64).sub(mean).toDoubleArray2D();
        double[][] out = new double[a.length][2];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                out[i][0] += a[i][k] * vectors[0][k];
                out[i][1] += a[i][k] * vectors[1][k];
            }
        }
        return out;
    }

    static int[] ints(Tensor labels) {
        long[] l = labels.cast(DType.INT64).reshape(-1).toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }
}
