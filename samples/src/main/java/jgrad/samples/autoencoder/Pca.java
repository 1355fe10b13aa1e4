package jgrad.samples.autoencoder;

import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Tensor;

/**
 * Principal component analysis, the baseline the autoencoder samples are compared with: the
 * mean, the top-k eigenvectors of the covariance (divided by n) and their eigenvalues. Small
 * problems use the cyclic Jacobi eigenvalue method on the whole covariance; large ones (MNIST's
 * 784 pixels) use subspace iteration with a Rayleigh-Ritz step (Jacobi on k+8 x k+8). Products
 * run through jgrad's float64 matmul.
 */
final class Pca {
    final double[] mean;
    /** Components as columns: [features, k]. */
    final double[][] components;
    final double[] eigenvalues;
    final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] eigenvalues, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.eigenvalues = eigenvalues;
        this.totalVariance = totalVariance;
    }

    /** PCA of the rows of {@code x} ([n, d], any float dtype), keeping {@code k} components. */
    static Pca fit(Tensor x, int k) {
        try (Scope _ = GradientTape.noGrad()) {
            Tensor x64 = x.reshape(x.dim(0), -1).cast(DType.FLOAT64);
            int n = x64.dim(0);
            int d = x64.dim(1);
            if (k < 1 || k > d) {
                throw new IllegalArgumentException("Pca: k must be in [1, " + d + "], got " + k);
            }
            Tensor mu = x64.mean(0);
            Tensor c = x64.sub(mu);
            double[][] cov = c.matmul(c, true, false).mul(1.0 / n).toDoubleArray2D();
            double total = 0;
            for (int i = 0; i < d; i++) {
                total += cov[i][i];
            }
            double[][] vecs;
            double[] vals;
            if (d <= 64) {
                double[][][] e = jacobi(cov);
                vals = e[0][0];
                vecs = e[1];
            } else {
                double[][][] e = subspace(cov, Math.min(d, k + 8), 300);
                vals = e[0][0];
                vecs = e[1];
            }
            double[][] comp = new double[d][k];
            double[] top = new double[k];
            for (int j = 0; j < k; j++) {
                top[j] = vals[j];
                for (int i = 0; i < d; i++) {
                    comp[i][j] = vecs[i][j];
                }
            }
            return new Pca(mu.toDoubleArray(), comp, top, total);
        }
    }

    /** The codes of {@code x}: [n, k]. */
    Tensor encode(Tensor x) {
        try (Scope _ = GradientTape.noGrad()) {
            Tensor x64 = x.reshape(x.dim(0), -1).cast(DType.FLOAT64);
            return x64.sub(Tensor.of(mean)).matmul(Tensor.of(components));
        }
    }

    /** Reconstructions of {@code x} from its top-k projection, in x's shape and dtype. */
    Tensor reconstruct(Tensor x) {
        try (Scope _ = GradientTape.noGrad()) {
            Tensor r = encode(x).matmul(Tensor.of(components), false, true).add(Tensor.of(mean));
            return r.reshape(x.shape().dims()).cast(x.dtype());
        }
    }

    /** The mean squared reconstruction error per element, {@code mean (x - r)^2}. */
    double mse(Tensor x) {
        return mse(x, reconstruct(x));
    }

    static double mse(Tensor a, Tensor b) {
        try (Scope _ = GradientTape.noGrad()) {
            return a.cast(DType.FLOAT64).sub(b.cast(DType.FLOAT64)).square().mean().item();
        }
    }

    /** Eigenvalues (descending, [0][0]) and eigenvectors as columns ([1]) of a symmetric matrix, by cyclic Jacobi. */
    static double[][][] jacobi(double[][] sym) {
        int n = sym.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = sym[i].clone();
        }
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
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
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
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] vals = new double[n];
        double[][] vecs = new double[n][n];
        for (int j = 0; j < n; j++) {
            vals[j] = a[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vecs[i][j] = v[i][order[j]];
            }
        }
        return new double[][][] {{vals}, vecs};
    }

    /** Top-m eigenpairs of a symmetric PSD matrix by subspace iteration, then Rayleigh-Ritz. */
    private static double[][][] subspace(double[][] sym, int m, int iterations) {
        int d = sym.length;
        Tensor a = Tensor.of(sym);
        Tensor q = Tensor.randomNormal(new Rng(0), DType.FLOAT64, 0, 1, d, m);
        q = orthonormalize(q);
        for (int it = 0; it < iterations; it++) {
            q = orthonormalize(a.matmul(q));
        }
        double[][] small = q.matmul(a.matmul(q), true, false).toDoubleArray2D();
        double[][][] e = jacobi(small);
        Tensor vecs = q.matmul(Tensor.of(e[1]));
        return new double[][][] {e[0], vecs.toDoubleArray2D()};
    }

    /** Modified Gram-Schmidt on the columns. */
    private static Tensor orthonormalize(Tensor t) {
        double[][] a = t.toDoubleArray2D();
        int d = a.length;
        int m = a[0].length;
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += a[i][j] * a[i][k];
                }
                for (int i = 0; i < d; i++) {
                    a[i][j] -= dot * a[i][k];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += a[i][j] * a[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                a[i][j] /= norm;
            }
        }
        return Tensor.of(a);
    }
}
