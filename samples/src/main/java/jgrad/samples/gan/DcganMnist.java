package jgrad.samples.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.data.Dataset;
import jgrad.nn.gan.Gan;
import jgrad.nn.gan.GanLoss;
import jgrad.nn.gan.NonSaturatingLoss;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.Reshape;
import jgrad.nn.layers.activation.LeakyReLU;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.Conv2DTranspose;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.GifAnimation;
import jgrad.nn.plot.ImageGrid;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * DCGAN (Radford, Metz and Chintala, ICLR 2016) on MNIST. {@code --full} trains the TensorFlow
 * tutorial's models: G Dense(7x7x256, no bias), BN, LeakyReLU, Reshape, Conv2DTranspose(128, 5,
 * s1), BN, LeakyReLU, Conv2DTranspose(64, 5, s2), BN, LeakyReLU, Conv2DTranspose(1, 5, s2, tanh)
 * (2,330,944 parameters, 2,305,472 trainable); D Conv2D(64, 5, s2), LeakyReLU, Dropout(0.3),
 * Conv2D(128, 5, s2), LeakyReLU, Dropout(0.3), Flatten, Dense(1) (212,865); BCE from logits (the
 * non-saturating loss), Adam 1e-4 for both, z 100-dimensional, images in [-1, 1]. Both summaries
 * are printed either way. The default run trains a smaller pair of the same design (G Dense(7x7x64),
 * one Conv2DTranspose(32, 5, s2) fewer; D Conv2D(32) and Conv2D(64)) with the DCGAN paper's
 * Adam(2e-4, beta1 0.5): a step costs a fraction of the tutorial's, and a few minutes of it give
 * digits where the tutorial's models still draw strokes. Trains with {@link Gan}'s fit on the
 * shipped 8,000 MNIST training images, saves a sample grid per epoch, and checks the samples with a
 * small CNN classifier trained here on the same images: mean top probability and the entropy of
 * the class histogram (ln 10 = 2.303 for all ten digits equally often). {@code --bench N}
 * ({@code --cases dcgan,wgangp}) only times N training steps at batch 64 of the tutorial's models
 * (scripts/bench_gan.sh compares with PyTorch).
 */
public final class DcganMnist {
    private DcganMnist() {}

    static final int LATENT = 100;
    /** Epochs of the checking classifier: 4 make it confident on real digits (2 left it at 0.94 mean top probability). */
    static final int CLASSIFIER_EPOCHS = 4;
    static final int DEFAULT_EPOCHS = 5;

    static Model generator() {
        return new Sequential(Input.of(LATENT),
                Dense.builder(7 * 7 * 256).useBias(false).build(), new BatchNormalization(), new LeakyReLU(),
                new Reshape(7, 7, 256),
                Conv2DTranspose.builder(128, 5, 5).strides(1, 1).padding("same").useBias(false).build(),
                new BatchNormalization(), new LeakyReLU(),
                Conv2DTranspose.builder(64, 5, 5).strides(2, 2).padding("same").useBias(false).build(),
                new BatchNormalization(), new LeakyReLU(),
                Conv2DTranspose.builder(1, 5, 5).strides(2, 2).padding("same").useBias(false).activation("tanh")
                        .build());
    }

    static Model discriminator() {
        return new Sequential(Input.of(28, 28, 1),
                Conv2D.builder(64, 5, 5).strides(2, 2).padding("same").build(), new LeakyReLU(), new Dropout(0.3),
                Conv2D.builder(128, 5, 5).strides(2, 2).padding("same").build(), new LeakyReLU(), new Dropout(0.3),
                new Flatten(), new Dense(1));
    }

    /** The default run's generator: the tutorial's design with a quarter of its channels and one layer fewer. */
    static Model smallGenerator() {
        return new Sequential(Input.of(LATENT),
                Dense.builder(7 * 7 * 64).useBias(false).build(), new BatchNormalization(), new LeakyReLU(),
                new Reshape(7, 7, 64),
                Conv2DTranspose.builder(32, 5, 5).strides(2, 2).padding("same").useBias(false).build(),
                new BatchNormalization(), new LeakyReLU(),
                Conv2DTranspose.builder(1, 5, 5).strides(2, 2).padding("same").useBias(false).activation("tanh")
                        .build());
    }

    /** The default run's discriminator: the tutorial's with half its filters. */
    static Model smallDiscriminator() {
        return new Sequential(Input.of(28, 28, 1),
                Conv2D.builder(32, 5, 5).strides(2, 2).padding("same").build(), new LeakyReLU(), new Dropout(0.3),
                Conv2D.builder(64, 5, 5).strides(2, 2).padding("same").build(), new LeakyReLU(), new Dropout(0.3),
                new Flatten(), new Dense(1));
    }

    /** A small MNIST CNN for checking the samples (about 98% on held-out digits after 2 epochs). */
    static Model classifier() {
        return new Sequential(Input.of(28, 28, 1),
                Conv2D.builder(16, 3, 3).activation("relu").build(), new MaxPooling2D(2, 2),
                Conv2D.builder(32, 3, 3).activation("relu").build(), new MaxPooling2D(2, 2),
                new Flatten(), new Dense(64, "relu"), new Dense(10, "softmax"));
    }

    /** Images [n, 784] in [0, 1] as [n, 28, 28, 1] in [-1, 1]. */
    static Tensor toGan(Tensor x) {
        return x.reshape(x.dim(0), 28, 28, 1).mul(2).sub(1);
    }

    record SampleCheck(double meanTopProbability, double entropy, int[] histogram) {
        boolean passed() {
            return meanTopProbability > 0.9 && entropy > 0.9 * Math.log(10);
        }
    }

    /** The classifier's mean top probability on the samples and the entropy of its class histogram. */
    static SampleCheck check(Model classifier, Tensor samples) {
        Tensor p = classifier.predict(samples.add(1).mul(0.5), 256);
        double[][] pr = p.toDoubleArray2D();
        int[] hist = new int[10];
        double top = 0;
        for (double[] row : pr) {
            int arg = 0;
            for (int k = 1; k < 10; k++) {
                if (row[k] > row[arg]) {
                    arg = k;
                }
            }
            hist[arg]++;
            top += row[arg];
        }
        double h = 0;
        for (int c : hist) {
            if (c > 0) {
                double q = (double) c / pr.length;
                h -= q * Math.log(q);
            }
        }
        return new SampleCheck(top / pr.length, h, hist);
    }

    record Result(long gParams, long gTrainable, long dParams, double classifierAccuracy, List<SampleCheck> checks,
            List<Path> pngs, double secondsPerStep) {}

    /** Trains the tutorial's models ({@code full}) or the default smaller pair, with the checks. */
    static Result run(boolean full, int epochs, int trainImages, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        generator().summary(out);
        discriminator().summary(out);
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Model g = full ? generator() : smallGenerator();
        Model d = full ? discriminator() : smallDiscriminator();
        out.printf(Locale.ROOT, "training %s: G %,d parameters, D %,d; Adam %s%n", full ? "the tutorial's models (--full)"
                : "the smaller pair (the tutorial's: --full)", g.countParams(), d.countParams(),
                full ? "1e-4 (the tutorial's)" : "2e-4, beta1 0.5 (Radford et al.)");
        Dataset.Split s = SampleData.mnistTest().trainTestSplit(0.2, seed);
        Model clf = classifier();
        clf.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        Tensor trainImgs = s.train().x().reshape(s.train().size(), 28, 28, 1);
        clf.fit(trainImgs, s.train().y(), FitOptions.builder().epochs(CLASSIFIER_EPOCHS).batchSize(64).seed(seed)
                .verbose(0).build());
        double acc = clf.evaluate(s.test().x().reshape(s.test().size(), 28, 28, 1), s.test().y()).get("accuracy");
        out.printf(Locale.ROOT, "checking classifier (2 conv layers, %d epochs): held-out accuracy %.4f%n",
                CLASSIFIER_EPOCHS, acc);
        SampleCheck real = check(clf, toGan(s.test().x()));
        out.printf(Locale.ROOT, "on real held-out digits: mean top probability %.3f, class-histogram entropy %.3f%n",
                real.meanTopProbability(), real.entropy());

        Gan gan = new Gan(g, d, LATENT).seed(seed);
        GanLoss loss = new NonSaturatingLoss();
        if (full) {
            gan.compile(new Adam(1e-4), new Adam(1e-4), loss);
        } else {
            gan.compile(new Adam(2e-4).beta1(0.5), new Adam(2e-4).beta1(0.5), loss);
        }
        Tensor x = toGan(s.train().x().slice(0, 0, Math.min(trainImages, s.train().size())));
        Tensor fixedNoise = Tensor.randomNormal(new Rng(seed + 5), 0, 1, 16, LATENT);
        List<SampleCheck> checks = new ArrayList<>();
        List<Path> pngs = new ArrayList<>();
        List<java.awt.image.BufferedImage> frames = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.onEpochEnd((e, logs) -> {
            Tensor samples = g.predict(gan.noise(1000), 100);
            SampleCheck c = check(clf, samples);
            checks.add(c);
            out.printf(Locale.ROOT, "epoch %d: d_loss %.3f, g_loss %.3f; samples: mean top probability %.3f, class"
                    + " entropy %.3f, histogram %s%n", e + 1, logs.get("d_loss"), logs.get("g_loss"),
                    c.meanTopProbability(), c.entropy(), java.util.Arrays.toString(c.histogram()));
            if (outDir != null) {
                ImageGrid grid = ImageGrid.of(g.predict(fixedNoise)).columns(4).pixelSize(3).range(-1, 1)
                        .title("DCGAN on MNIST: samples from fixed noise, epoch " + (e + 1));
                pngs.add(grid.save(outDir.resolve(String.format(Locale.ROOT, "dcgan_epoch%02d.png", e + 1))));
                frames.add(grid.render());
            }
        });
        long t0 = System.nanoTime();
        gan.fit(x, FitOptions.builder().epochs(epochs).batchSize(64).seed(seed).verbose(1).output(out).callbacks(cb)
                .build());
        double sec = (System.nanoTime() - t0) / 1e9;
        int steps = epochs * ((x.dim(0) + 63) / 64);
        out.printf(Locale.ROOT, "%d epochs of %d steps (batch 64) in %.0f s (%.2f s per step, with the per-epoch checks)%n",
                epochs, (x.dim(0) + 63) / 64, sec, sec / steps);
        SampleCheck last = checks.get(checks.size() - 1);
        out.printf(Locale.ROOT, "check: mean top probability %.3f (> 0.9 wanted), class entropy %.3f (ln 10 = 2.303)"
                + " -> %s%n", last.meanTopProbability(), last.entropy(), last.passed() ? "confident and diverse"
                        : "not there yet (train longer: --epochs N)");
        for (Path p : pngs) {
            out.println("saved " + p);
        }
        if (outDir != null && !frames.isEmpty()) {
            out.println("saved " + GifAnimation.save(frames, 700, outDir.resolve("dcgan_progress.gif"))
                    + " (the grids of every epoch, animated)");
        }
        return new Result(g.countParams(), trainableCount(g), d.countParams(), acc, checks, pngs, sec / steps);
    }

    static long trainableCount(Model m) {
        long n = 0;
        for (var v : m.trainableWeights()) {
            n += v.size();
        }
        return n;
    }

    /**
     * Times {@code steps} training steps at batch 64 after 3 warm-up steps and prints the median
     * (the mean of the timed fit, which runs them back to back): {@code dcgan} is one D and one G
     * step; {@code wgangp} one critic step of WGAN-GP (the discriminator as critic, the penalty's
     * double backward, Adam(1e-4, 0, 0.9)), as scripts/bench_gan_torch.py times PyTorch.
     */
    static double bench(String kase, int steps, long seed, PrintStream out) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Gan gan = new Gan(generator(), discriminator(), LATENT).seed(seed);
        if (kase.equals("wgangp")) {
            gan.nCritic(Integer.MAX_VALUE).gradientPenalty(10); // critic steps only
            gan.compile(new Adam(1e-4).beta1(0).beta2(0.9), new Adam(1e-4), new jgrad.nn.gan.WassersteinLoss());
        } else if (kase.equals("dcgan")) {
            gan.compile(new Adam(1e-4), new Adam(1e-4), new NonSaturatingLoss());
        } else {
            throw new IllegalArgumentException("dcgan-mnist --bench: case dcgan or wgangp, got " + kase);
        }
        Tensor x = Tensor.randomUniform(new Rng(seed), -1, 1, 64 * (steps + 3), 28, 28, 1);
        gan.fit(x.slice(0, 0, 64 * 3), FitOptions.builder().epochs(1).batchSize(64).shuffle(false).verbose(0).build());
        long t0 = System.nanoTime();
        gan.fit(x.slice(0, 64 * 3, 64 * (steps + 3)), FitOptions.builder().epochs(1).batchSize(64).shuffle(false)
                .verbose(0).build());
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        out.printf(Locale.ROOT, "jgrad case=%s threads=%s mean_ms=%.2f%n", kase,
                System.getProperty("jgrad.kernels.threads", "default"), ms);
        return ms;
    }

    public static void main(String[] args) {
        Args a = Args.parse("dcgan-mnist", args, "quick", "full", "steps=", "epochs=", "seed=", "out=", "bench=",
                "cases=");
        if (a.flag("bench")) {
            int steps = a.positive("bench", 1);
            String[] cases = a.string("cases", "dcgan").split(",");
            for (String c : cases) {
                if (!c.equals("dcgan") && !c.equals("wgangp")) {
                    throw a.error("--cases takes dcgan, wgangp or both (dcgan,wgangp), got '" + c + "'");
                }
            }
            for (String c : cases) {
                bench(c, steps, 1, System.out);
            }
            return;
        }
        boolean full = a.flag("full");
        int epochs = a.flag("epochs") ? a.positive("epochs", 1) : a.quick() ? 1 : DEFAULT_EPOCHS;
        int images = a.quick() ? 640 : a.flag("steps") ? a.positive("steps", 1) * 64 : Integer.MAX_VALUE;
        run(full, epochs, images, a.seed(1), System.out, a.outDir());
    }
}
