package jgrad.samples.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.data.Dataset;
import jgrad.nn.gan.ClipConstraint;
import jgrad.nn.gan.Gan;
import jgrad.nn.gan.GanLoss;
import jgrad.nn.gan.LeastSquaresLoss;
import jgrad.nn.gan.WassersteinLoss;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.plot.ImageGrid;
import jgrad.samples.SampleData;

/**
 * LSGAN (Mao et al., ICCV 2017; a = 0, b = c = 1, a linear discriminator output, Adam 2e-4 with
 * beta1 0.5) and WGAN (Arjovsky et al., ICML 2017; weights clipped to [-0.01, 0.01], RMSprop 5e-5,
 * n_critic 5) on the shipped MNIST digits, with small fully connected models (G 100-256-512-784
 * tanh, D 784-512-256-1) so that a default run takes a minute or two on two cores. Prints the
 * LSGAN generator's gradient at a confidently rejected fake (D = a = 0: dL/dD = D - c = -1, it does
 * not vanish), that every critic weight stays within the clip, the losses, and the DCGAN sample's
 * classifier check of the samples; saves a sample grid for each.
 */
public final class LsganWganMnist {
    private LsganWganMnist() {}

    record Result(String name, double dLoss, double gLoss, DcganMnist.SampleCheck check, double maxCriticWeight,
            Path png) {}

    private static Model mlpG() {
        return new jgrad.nn.Sequential(jgrad.nn.Input.of(100), new jgrad.nn.layers.Dense(256, "relu"),
                new jgrad.nn.layers.Dense(512, "relu"), new jgrad.nn.layers.Dense(784, "tanh"));
    }

    static Model discriminator() {
        return new jgrad.nn.Sequential(jgrad.nn.Input.of(784), new jgrad.nn.layers.Dense(512, "relu"),
                new jgrad.nn.layers.Dense(256, "relu"), new jgrad.nn.layers.Dense(1));
    }

    static Result train(String kind, Tensor x, int epochs, Model classifier, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Model g = mlpG();
        Model d = discriminator();
        Gan gan = new Gan(g, d, 100).seed(seed);
        GanLoss loss;
        if (kind.equals("wgan")) {
            ClipConstraint.attachTo(d, 0.01);
            gan.nCritic(5);
            loss = new WassersteinLoss();
            gan.compile(new RMSprop(5e-5), new RMSprop(5e-5), loss);
        } else {
            loss = LeastSquaresLoss.LSGAN;
            gan.compile(new Adam(2e-4).beta1(0.5), new Adam(2e-4).beta1(0.5), loss);
        }
        long t0 = System.nanoTime();
        var h = gan.fit(x, FitOptions.builder().epochs(epochs).batchSize(64).seed(seed).verbose(0).build());
        double sec = (System.nanoTime() - t0) / 1e9;
        Tensor samples = gan.sample(1000).reshape(1000, 28, 28, 1);
        DcganMnist.SampleCheck c = DcganMnist.check(classifier, samples);
        double maxW = 0;
        for (Variable v : d.trainableWeights()) {
            maxW = Math.max(maxW, v.abs().max().item());
        }
        out.printf(Locale.ROOT, "%s: %d epochs (%d D steps, %d G steps, %.0f s): d_loss %.4f, g_loss %.4f; largest |D"
                + " weight| %.4f; samples: mean top probability %.3f, class entropy %.3f%n", kind.toUpperCase(Locale.ROOT),
                epochs, gan.optimizer().iterations(), gan.generatorOptimizer().iterations(), sec, h.last("d_loss"),
                h.last("g_loss"), maxW, c.meanTopProbability(), c.entropy());
        Path png = null;
        if (outDir != null) {
            png = ImageGrid.of(samples.slice(0, 0, 32)).columns(8).range(-1, 1).title(kind.toUpperCase(Locale.ROOT)
                    + " on MNIST: generated samples after " + epochs + (epochs == 1 ? " epoch" : " epochs"))
                    .save(outDir.resolve(kind + "_samples.png"));
            out.println("saved " + png);
        }
        return new Result(kind, h.last("d_loss"), h.last("g_loss"), c, maxW, png);
    }

    /** dL_G/dD at D = a = 0 for LSGAN's generator loss (per sample): D - c = -1. */
    static double lsganGradientAtRejection() {
        Tensor d = Tensor.of(new double[] {0});
        try (GradientTape t = new GradientTape()) {
            t.watch(d);
            return t.gradient(LeastSquaresLoss.LSGAN.generator(d), d).item();
        }
    }

    static List<Result> run(int epochs, int images, long seed, PrintStream out, Path outDir) {
        double gr = lsganGradientAtRejection();
        out.printf(Locale.ROOT, "LSGAN (a = 0, b = c = 1): the generator's dL/dD at a rejected fake (D = 0) is %.4f"
                + " (D - c = -1: no vanishing gradient)%n", gr);
        Dataset.Split s = SampleData.mnistTest().trainTestSplit(0.2, seed);
        Model clf = DcganMnist.classifier();
        clf.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        clf.fit(s.train().x().reshape(s.train().size(), 28, 28, 1), s.train().y(), FitOptions.builder().epochs(2)
                .batchSize(64).seed(seed).verbose(0).build());
        Tensor x = s.train().x().slice(0, 0, Math.min(images, s.train().size())).mul(2).sub(1);
        List<Result> r = new ArrayList<>();
        r.add(train("lsgan", x, epochs, clf, seed, out, outDir));
        r.add(train("wgan", x, epochs, clf, seed, out, outDir));
        boolean ok = Math.abs(gr + 1) < 1e-12 && r.get(1).maxCriticWeight() <= 0.01 + 1e-7;
        out.println("check: LSGAN gradient -1 at a rejected fake, every WGAN critic weight within [-0.01, 0.01] -> "
                + (ok ? "as calculated" : "NOT as calculated"));
        return r;
    }

    public static void main(String[] args) {
        GanSupport.Options o = GanSupport.parse("lsgan-wgan", args);
        run(o.epochs(3, 1), o.quick() ? 1280 : 8000, o.seed(), System.out, o.out());
    }
}
