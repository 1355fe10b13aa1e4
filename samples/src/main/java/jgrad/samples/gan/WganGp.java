package jgrad.samples.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.gan.ClipConstraint;
import jgrad.nn.gan.Gan;
import jgrad.nn.gan.GradientPenalty;
import jgrad.nn.gan.WassersteinLoss;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.plot.LinePlot;

/**
 * WGAN-GP (Gulrajani et al., NeurIPS 2017). First the critic alone: real N(0, 1), fake N(3, 1),
 * whose Wasserstein-1 distance is exactly 3; a critic trained with the gradient penalty (lambda
 * 10, Adam with beta1 0, beta2 0.9 as the paper, lr 3e-3 for a short run) estimates it as
 * {@code E f(real) - E f(fake)} with {@code f ~ -s x + const}. The penalty is soft: the objective
 * {@code 3 s - lambda (s - 1)^2} peaks at {@code s = 1 + 3 / (2 lambda)}, so at lambda 10 the
 * estimate converges to 3.45, 15% above W1 (SEEDS-4-8's "within 10%" needs lambda of 15 or
 * more). A weight-clipped critic (WGAN, c = 0.01) gives a value proportional to 3 only (its
 * Lipschitz constant is whatever the clipping allows).
 * Then a WGAN-GP ({@link Gan} with {@code nCritic(5).gradientPenalty(10)}) on the 8-Gaussian ring,
 * with the histogram of the critic's input-gradient norms at the interpolates early and late in
 * training: the penalty pulls them to 1.
 */
public final class WganGp {
    private WganGp() {}

    record W1(double exact, double empirical, double penalised, double slope, double clipped) {}

    /** The empirical W1 of two equal-size 1-D samples: mean |sorted a - sorted b|. */
    static double empiricalW1(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        Arrays.sort(x);
        Arrays.sort(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s / x.length;
    }

    /** Trains a critic alone on the two Gaussians; returns E f(real) - E f(fake) on fresh samples. */
    static double critic(double lambda, int steps, long seed, double[] slope) {
        boolean penalty = lambda > 0;
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Rng rng = new Rng(seed);
        Model f = GanSupport.mlp("critic", 1, 64, 2, "relu", 1, null);
        Optimizer opt = penalty ? new Adam(3e-3).beta1(0).beta2(0.9) : new RMSprop(5e-4);
        if (!penalty) {
            ClipConstraint.attachTo(f, 0.01);
        }
        WassersteinLoss w = new WassersteinLoss();
        List<Variable> vars = f.trainableWeights();
        for (int s = 0; s < steps; s++) {
            Tensor real = Tensor.randomNormal(rng, 0, 1, 256, 1);
            Tensor fake = Tensor.randomNormal(rng, 3, 1, 256, 1);
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = w.discriminator(f.call(real, true), f.call(fake, true));
                if (penalty) {
                    loss = loss.add(GradientPenalty.of(f, real, fake, rng).mul(lambda));
                }
                opt.apply(tape.gradient(loss, vars), vars);
            }
        }
        Tensor real = Tensor.randomNormal(rng, 0, 1, 20_000, 1);
        Tensor fake = Tensor.randomNormal(rng, 3, 1, 20_000, 1);
        Tensor at = Tensor.of(new float[][] {{-1}, {4}});
        Tensor fa = f.predict(at);
        slope[0] = (fa.getDouble(1, 0) - fa.getDouble(0, 0)) / 5;
        return f.predict(real, 4096).mean().item() - f.predict(fake, 4096).mean().item();
    }

    static W1 oneD(int steps, long seed, PrintStream out) {
        Rng rng = new Rng(seed + 7);
        double emp = empiricalW1(Tensor.randomNormal(rng, 0, 1, 20_000, 1), Tensor.randomNormal(rng, 3, 1, 20_000, 1));
        double[] slope = new double[1];
        double gp = critic(10, steps, seed, slope);
        double[] slopeClip = new double[1];
        double clip = critic(0, steps, seed, slopeClip);
        out.printf(Locale.ROOT, "W1(N(0,1), N(3,1)): exact 3, empirical (sorted samples, n = 20,000) %.4f%n", emp);
        out.printf(Locale.ROOT, "WGAN-GP critic (lambda 10, %d steps): E f(real) - E f(fake) = %.4f (%.1f%% from 3),"
                + " mean slope on [-1, 4] %.3f (f ~ -x)%n", steps, gp, 100 * Math.abs(gp - 3) / 3, slope[0]);
        out.printf(Locale.ROOT, "  the penalty is soft: for f = -s x the objective 3 s - lambda (s - 1)^2 peaks at s = 1 +"
                + " 3 / (2 lambda), so lambda 10 gives 3 x 1.15 = 3.45 (SEEDS-4-8's 10%% needs lambda >= 15)%n");
        out.printf(Locale.ROOT, "weight-clipped critic (c = 0.01): %.5f, i.e. 3 x %.5f (a K-Lipschitz scale)%n", clip,
                clip / 3);
        return new W1(3, emp, gp, slope[0], clip);
    }

    /**
     * The printed check: the lambda-10 critic within 5% of its optimum 3.45 (SEEDS-4-8's "within
     * 10% of 3" cannot hold at lambda 10: see the printed derivation), its slope near -1.15, and
     * the clipped critic a small positive multiple of 3.
     */
    static String check(W1 w) {
        boolean ok = Math.abs(w.penalised() - 3.45) < 0.05 * 3.45 && Math.abs(w.slope() + 1.15) < 0.115
                && w.clipped() > 0 && w.clipped() < 0.3;
        return "check: the lambda-10 critic's estimate within 5% of its optimum 3.45 (15% above W1 = 3), slope near"
                + " -1.15, clipped critic a small positive multiple of 3 -> " + (ok ? "as calculated"
                        : "NOT as calculated");
    }

    /** Adam's rate on the ring: the paper's 1e-4 leaves G a thin fan after 300 steps, 1e-3 draws the ring's outline. */
    static final double RING_LR = 1e-3;

    record Ring(GanSupport.Coverage coverage, double[] earlyNorms, double[] lateNorms, List<Path> pngs) {}

    static Ring ring(int steps, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        double radius = 2;
        double std = 0.02;
        Model g = GanSupport.mlp("generator", 2, 128, 2, "relu", 2, null);
        Model d = GanSupport.mlp("critic", 2, 128, 2, "relu", 1, null);
        Gan gan = new Gan(g, d, 2).nCritic(5).gradientPenalty(10).seed(seed);
        gan.compile(new Adam(RING_LR).beta1(0.5).beta2(0.9), new Adam(RING_LR).beta1(0.5).beta2(0.9),
                new WassersteinLoss());
        int batch = 256;
        int epochs = 4;
        int perEpoch = Math.max(5, steps * 5 / epochs); // critic steps per epoch = 5 x generator steps
        Tensor data = GanSupport.ring(batch * perEpoch, radius, std, new Rng(seed + 1));
        List<double[]> norms = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.onBatchEnd((b, logs) -> {
            if (norms.isEmpty() && gan.lastGradientNorms() != null) {
                norms.add(gan.lastGradientNorms().toDoubleArray());
            }
        }).withEpochEnd((e, logs) -> out.printf(Locale.ROOT, "epoch %d: d_loss %.3f, g_loss %.3f, gp %.4f, %s%n",
                e + 1, logs.get("d_loss"), logs.get("g_loss"), logs.get("gp"),
                GanSupport.coverage(gan.sample(2500), radius, std).describe()));
        gan.fit(data, FitOptions.builder().epochs(epochs).batchSize(batch).seed(seed).verbose(0).callbacks(cb).build());
        double[] late = gan.lastGradientNorms().toDoubleArray();
        Tensor s = gan.sample(2500);
        GanSupport.Coverage c = GanSupport.coverage(s, radius, std);
        out.printf(Locale.ROOT, "gradient norms at the interpolates: first critic step mean %.3f (%.0f%% within 0.2 of"
                + " 1), last %.3f (%.0f%% within 0.2 of 1; the penalty's target 1)%n", mean(norms.get(0)),
                100 * nearOne(norms.get(0)), mean(late), 100 * nearOne(late));
        List<Path> pngs = new ArrayList<>();
        if (outDir != null) {
            pngs.add(GanSupport.scatter(String.format(Locale.ROOT, "WGAN-GP: %d of 8 modes, %.1f%% high quality",
                    c.modes(), 100 * c.highQuality()), GanSupport.ring(2500, radius, std,
                    new Rng(3)), s, outDir.resolve("wgan_gp_ring.png")));
            pngs.add(histogram(norms.get(0), late, outDir.resolve("wgan_gp_grad_norms.png")));
            for (Path p : pngs) {
                out.println("saved " + p);
            }
        }
        return new Ring(c, norms.get(0), late, pngs);
    }

    /** The share of norms within 0.2 of 1. */
    static double nearOne(double[] norms) {
        return Arrays.stream(norms).filter(v -> Math.abs(v - 1) <= 0.2).count() / (double) norms.length;
    }

    /**
     * The printed check on the ring: at the last critic step the input-gradient norms at the
     * interpolates are concentrated near 1 (mean within 0.1 of 1, at least 60% within 0.2 of 1),
     * where the first step had them far below. Mode coverage is printed beside it: WGAN-GP needs
     * far more steps than the default to sharpen onto the modes.
     */
    static String ringCheck(Ring r) {
        double m = mean(r.lateNorms());
        boolean ok = Math.abs(m - 1) < 0.1 && nearOne(r.lateNorms()) >= 0.6
                && nearOne(r.lateNorms()) > nearOne(r.earlyNorms());
        return String.format(Locale.ROOT, "check: last critic step's gradient norms mean %.3f, %.0f%% within 0.2 of 1"
                + " (first step %.0f%%); the generator covers %d of 8 modes -> %s", m, 100 * nearOne(r.lateNorms()),
                100 * nearOne(r.earlyNorms()), r.coverage().modes(),
                ok ? "the penalty holds the critic's gradient norm near 1" : "NOT near 1");
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    /** Histograms of the two norm samples as step curves over 40 bins on [0, 2.5]. */
    static Path histogram(double[] early, double[] late, Path png) {
        int bins = 40;
        double hi = 2.5;
        double[] x = new double[bins];
        double[] he = new double[bins];
        double[] hl = new double[bins];
        for (int i = 0; i < bins; i++) {
            x[i] = (i + 0.5) * hi / bins;
        }
        for (double v : early) {
            he[Math.min(bins - 1, (int) (v / hi * bins))] += 1.0 / early.length;
        }
        for (double v : late) {
            hl[Math.min(bins - 1, (int) (v / hi * bins))] += 1.0 / late.length;
        }
        return LinePlot.titled("WGAN-GP critic on the 8-Gaussian ring: gradient norm ||grad_x f(x_hat)|| at the"
                + " interpolates").xLabel("gradient norm").yLabel("share of interpolates")
                .line("first critic step", x, he).line("last critic step", x, hl).save(png);
    }

    public static void main(String[] args) {
        GanSupport.Options o = GanSupport.parse("wgan-gp", args);
        W1 w = oneD(o.quick() ? 400 : 800, o.seed(), System.out);
        System.out.println(check(w));
        System.out.println(ringCheck(ring(o.steps(300, 10), o.seed(), System.out, o.out())));
    }
}
