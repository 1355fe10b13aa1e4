package jgrad.samples.gan;

import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.layers.Dense;
import jgrad.nn.plot.ScatterPlot;
import jgrad.samples.Args;

/** What the GAN samples share: options, the 8-Gaussian ring, mode coverage, small MLPs, scatter plots. */
final class GanSupport {
    private GanSupport() {}

    /** {@code --quick}, {@code --steps N}, {@code --epochs N}, {@code --seed N}, {@code --out DIR}. */
    record Options(String sample, boolean quick, Integer steps, Integer epochs, long seed, Path out) {
        int steps(int full, int quick) {
            return steps != null ? steps : this.quick ? quick : full;
        }

        int epochs(int full, int quick) {
            return epochs != null ? epochs : this.quick ? quick : full;
        }
    }

    static Options parse(String sample, String[] args) {
        Args a = Args.parse(sample, args, "quick", "steps=", "epochs=", "seed=", "out=");
        return new Options(sample, a.quick(), a.flag("steps") ? a.positive("steps", 1) : null,
                a.flag("epochs") ? a.positive("epochs", 1) : null, a.seed(1), a.outDir());
    }

    /** The ring's 8 modes: 8 distinct angles 2 pi k / 8 at {@code radius} (the reference notebook's linspace repeats one). */
    static double[][] ringModes(double radius) {
        double[][] m = new double[8][2];
        for (int k = 0; k < 8; k++) {
            m[k][0] = radius * Math.cos(2 * Math.PI * k / 8);
            m[k][1] = radius * Math.sin(2 * Math.PI * k / 8);
        }
        return m;
    }

    /** {@code n} samples of the 8-Gaussian ring, [n, 2] float32, each mode equally likely. */
    static Tensor ring(int n, double radius, double std, Rng rng) {
        double[][] modes = ringModes(radius);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] m = modes[rng.nextInt(8)];
            x[2 * i] = (float) (m[0] + std * rng.nextGaussian());
            x[2 * i + 1] = (float) (m[1] + std * rng.nextGaussian());
        }
        return Tensor.fromFlat(x, n, 2);
    }

    /**
     * Mode coverage as VEEGAN and D2GAN count it: a sample is high quality when it lies within 3
     * standard deviations of its nearest mode; a mode is covered when it holds at least 1% of
     * the samples as high-quality ones (a generator stuck between modes covers none).
     */
    record Coverage(int modes, double highQuality, int[] perMode) {
        String describe() {
            return String.format(Locale.ROOT, "%d of 8 modes covered, %.1f%% high-quality samples", modes,
                    100 * highQuality);
        }
    }

    static Coverage coverage(Tensor samples, double radius, double std) {
        double[][] modes = ringModes(radius);
        double[] x = samples.toDoubleArray();
        int n = samples.dim(0);
        int[] per = new int[8];
        int good = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bd = Double.MAX_VALUE;
            for (int k = 0; k < 8; k++) {
                double d = Math.hypot(x[2 * i] - modes[k][0], x[2 * i + 1] - modes[k][1]);
                if (d < bd) {
                    bd = d;
                    best = k;
                }
            }
            if (bd <= 3 * std) {
                per[best]++;
                good++;
            }
        }
        int covered = 0;
        for (int c : per) {
            if (c >= 0.01 * n) {
                covered++;
            }
        }
        return new Coverage(covered, (double) good / n, per);
    }

    /** A dense network in -> hidden (x layers, activation) -> out, linear output unless {@code outAct}. */
    static Model mlp(String name, int in, int hidden, int layers, String act, int out, String outAct) {
        return mlp(name, in, hidden, layers, act, out, outAct, null);
    }

    /** As above with every kernel drawn by {@code kernels} (null: Dense's Glorot uniform); biases start at 0. */
    static Model mlp(String name, int in, int hidden, int layers, String act, int out, String outAct,
            Initializer kernels) {
        Layer[] ls = new Layer[layers + 1];
        for (int i = 0; i <= layers; i++) {
            Dense.Builder b = Dense.builder(i < layers ? hidden : out);
            String a = i < layers ? act : outAct;
            if (a != null) {
                b.activation(a);
            }
            if (kernels != null) {
                b.kernelInitializer(kernels);
            }
            ls[i] = b.build();
        }
        return new Sequential(Input.of(in), ls);
    }

    /** Generated samples over the data as a scatter plot. */
    static Path scatter(String title, Tensor data, Tensor samples, Path png) {
        return ScatterPlot.titled(title).xLabel("x").yLabel("y").markerSize(3).size(520, 520).square()
                .points("data", data.slice(1, 0, 1).flatten(), data.slice(1, 1, 2).flatten())
                .points("generated", samples.slice(1, 0, 1).flatten(), samples.slice(1, 1, 2).flatten())
                .save(png);
    }
}
