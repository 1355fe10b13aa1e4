package jgrad.nn.data;

import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Seeded toy data sets of the kind the lecture notes draw with scikit-learn and NumPy: Gaussian
 * blobs, two moons, two circles, XOR clouds for classification (float32 x of shape {@code [n, 2]},
 * int64 labels {@code [n]}), and a noisy line and a noisy sine for regression (float32 x and y of
 * shape {@code [n, 1]}). The same seed gives the same data on every machine.
 */
public final class Synthetic {
    private Synthetic() {}

    /**
     * scikit-learn's {@code make_blobs}: {@code n} points split as evenly as possible among the
     * centers (the first {@code n % k} centers get one more), each coordinate the center's plus
     * Gaussian noise of standard deviation {@code std}, labelled with the center's index, shuffled.
     */
    public static Dataset blobs(int n, double[][] centers, double std, long seed) {
        checkCount("blobs", n, centers.length);
        if (!(std >= 0)) {
            throw new IllegalArgumentException("Synthetic.blobs: std must be >= 0, got " + std);
        }
        int dims = centers[0].length;
        for (double[] c : centers) {
            if (c.length != dims) {
                throw new IllegalArgumentException("Synthetic.blobs: every center needs " + dims + " coordinates");
            }
        }
        Rng rng = new Rng(seed);
        float[] x = new float[n * dims];
        long[] y = new long[n];
        int i = 0;
        for (int k = 0; k < centers.length; k++) {
            int count = n / centers.length + (k < n % centers.length ? 1 : 0);
            for (int j = 0; j < count; j++, i++) {
                for (int d = 0; d < dims; d++) {
                    x[i * dims + d] = (float) (centers[k][d] + std * rng.nextGaussian());
                }
                y[i] = k;
            }
        }
        return shuffled(x, dims, y, rng);
    }

    /**
     * scikit-learn's {@code make_moons}: two interleaving half circles (label 0 the upper one,
     * 1 the lower), {@code n / 2} points on the first, plus Gaussian noise, shuffled.
     */
    public static Dataset moons(int n, double noise, long seed) {
        checkCount("moons", n, 2);
        Rng rng = new Rng(seed);
        int nOut = n / 2;
        int nIn = n - nOut;
        float[] x = new float[2 * n];
        long[] y = new long[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            x[2 * i] = (float) (Math.cos(t) + noise * rng.nextGaussian());
            x[2 * i + 1] = (float) (Math.sin(t) + noise * rng.nextGaussian());
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            int p = nOut + i;
            x[2 * p] = (float) (1 - Math.cos(t) + noise * rng.nextGaussian());
            x[2 * p + 1] = (float) (1 - Math.sin(t) - 0.5 + noise * rng.nextGaussian());
            y[p] = 1;
        }
        return shuffled(x, 2, y, rng);
    }

    /**
     * scikit-learn's {@code make_circles}: a large circle (label 0) around a small one of radius
     * {@code factor} (label 1), plus Gaussian noise, shuffled.
     */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        checkCount("circles", n, 2);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("Synthetic.circles: factor must be in (0, 1), got " + factor);
        }
        Rng rng = new Rng(seed);
        int nOut = n / 2;
        int nIn = n - nOut;
        float[] x = new float[2 * n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            boolean inner = i >= nOut;
            int k = inner ? i - nOut : i;
            double t = 2 * Math.PI * k / (inner ? nIn : nOut);
            double r = inner ? factor : 1;
            x[2 * i] = (float) (r * Math.cos(t) + noise * rng.nextGaussian());
            x[2 * i + 1] = (float) (r * Math.sin(t) + noise * rng.nextGaussian());
            y[i] = inner ? 1 : 0;
        }
        return shuffled(x, 2, y, rng);
    }

    /**
     * Clouds of {@code n} points around the four corners of the unit square with Gaussian noise,
     * labelled with the XOR of the corner's coordinates (the data MLPs with 2 and 4 hidden units
     * separate in notes 001), shuffled.
     */
    public static Dataset xor(int n, double noise, long seed) {
        checkCount("xor", n, 4);
        Rng rng = new Rng(seed);
        float[] x = new float[2 * n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int a = i % 2;
            int b = (i / 2) % 2;
            x[2 * i] = (float) (a + noise * rng.nextGaussian());
            x[2 * i + 1] = (float) (b + noise * rng.nextGaussian());
            y[i] = a ^ b;
        }
        return shuffled(x, 2, y, rng);
    }

    /** The XOR truth table: x {@code [[0,0],[0,1],[1,0],[1,1]]}, y {@code [[0],[1],[1],[0]]} (float32). */
    public static Dataset xorTable() {
        return Dataset.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new float[][] {{0}, {1}, {1}, {0}});
    }

    /**
     * A noisy line: {@code x ~ N(0, xStd)}, {@code y = slope x + intercept + N(0, noise)}, as the
     * notes' linear regression draws it ({@code 0.5 x + 0.3}, x std 0.5, noise 0.2).
     */
    public static Dataset linear(int n, double slope, double intercept, double xStd, double noise, long seed) {
        checkCount("linear", n, 1);
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = xStd * rng.nextGaussian();
            x[i] = (float) xi;
            y[i] = (float) (slope * xi + intercept + noise * rng.nextGaussian());
        }
        return Dataset.of(Tensor.wrap(x, Shape.of(n, 1)), Tensor.wrap(y, Shape.of(n, 1)));
    }

    /**
     * A noisy sine: {@code x ~ U[0, 1)}, {@code y = amplitude sin(2 pi x) + N(0, noise)}, as the
     * notes' nonlinear regression draws it (amplitude 2, noise 0.8).
     */
    public static Dataset sine(int n, double amplitude, double noise, long seed) {
        checkCount("sine", n, 1);
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = rng.nextDouble();
            x[i] = (float) xi;
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * xi) + noise * rng.nextGaussian());
        }
        return Dataset.of(Tensor.wrap(x, Shape.of(n, 1)), Tensor.wrap(y, Shape.of(n, 1)));
    }

    private static void checkCount(String what, int n, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("Synthetic." + what + ": needs at least one center");
        }
        if (n < groups) {
            throw new IllegalArgumentException("Synthetic." + what + ": n = " + n + " is fewer than the " + groups
                    + " groups it draws");
        }
    }

    private static Dataset shuffled(float[] x, int dims, long[] y, Rng rng) {
        int n = y.length;
        int[] p = rng.permutation(n);
        float[] xs = new float[x.length];
        long[] ys = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, p[i] * dims, xs, i * dims, dims);
            ys[i] = y[p[i]];
        }
        return Dataset.of(Tensor.wrap(xs, Shape.of(n, dims)), Tensor.wrap(ys, Shape.of(n)));
    }
}
