package jgrad.samples.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.gan.Gan;
import jgrad.nn.gan.MinimaxLoss;
import jgrad.nn.optimizers.Adam;

/**
 * The Unrolled GAN (Metz et al., ICLR 2017) against the plain GAN on 8 Gaussians on a ring
 * (radius 1, std 0.01), with the reference notebook's settings (poolio/unrolled_gan): G and D
 * 2x128 tanh, z 256-dimensional, batch 512, Adam with D lr 1e-4, G lr 1e-3, beta1 0.5, the
 * minimax loss. K = 0 is the plain GAN; with K = 5 the generator's loss is D's loss after five
 * differentiable Adam steps of D (continuing from D's Adam state), so G sees how D would answer
 * a collapse. Prints mode coverage and the share of high-quality samples at checkpoints and
 * saves scatter plots over training. The reference trains 25,000 steps; the default here is
 * shorter ({@code --steps N} for more).
 */
public final class UnrolledGanRing {
    private UnrolledGanRing() {}

    static final double RADIUS = 1;
    static final double STD = 0.01;

    record Result(int unroll, List<Integer> steps, List<GanSupport.Coverage> coverage, double seconds,
            List<Path> pngs) {
        GanSupport.Coverage last() {
            return coverage.get(coverage.size() - 1);
        }
    }

    static Result run(int unroll, int steps, int checkpoints, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Model g = GanSupport.mlp("generator", 256, 128, 2, "tanh", 2, null);
        Model d = GanSupport.mlp("discriminator", 2, 128, 2, "tanh", 1, null);
        Gan gan = new Gan(g, d, 256).unroll(unroll).seed(seed);
        gan.compile(new Adam(1e-4).beta1(0.5), new Adam(1e-3).beta1(0.5), new MinimaxLoss());
        int batch = 512;
        int perEpoch = Math.max(1, steps / checkpoints);
        Tensor data = GanSupport.ring(batch * perEpoch, RADIUS, STD, new Rng(seed + 100));
        Tensor eval = GanSupport.ring(2500, RADIUS, STD, new Rng(seed + 200));
        List<Integer> at = new ArrayList<>();
        List<GanSupport.Coverage> cov = new ArrayList<>();
        List<Path> pngs = new ArrayList<>();
        long t0 = System.nanoTime();
        LambdaCallback cb = LambdaCallback.onEpochEnd((epoch, logs) -> {
            Tensor s = gan.sample(2500);
            GanSupport.Coverage c = GanSupport.coverage(s, RADIUS, STD);
            int step = (epoch + 1) * perEpoch;
            at.add(step);
            cov.add(c);
            out.printf(Locale.ROOT, "K=%d step %5d: %s (d_loss %.3f, g_loss %.3f)%n", unroll, step, c.describe(),
                    logs.get("d_loss"), logs.get("g_loss"));
            if (outDir != null) {
                pngs.add(GanSupport.scatter(String.format(Locale.ROOT, "K = %d, step %d: %d of 8 modes", unroll, step,
                        c.modes()), eval, s, outDir.resolve(String.format(Locale.ROOT, "unrolled_k%d_step%05d.png",
                        unroll, step))));
            }
        });
        gan.fit(data, FitOptions.builder().epochs(checkpoints).batchSize(batch).seed(seed).verbose(0)
                .callbacks(cb).build());
        double sec = (System.nanoTime() - t0) / 1e9;
        return new Result(unroll, at, cov, sec, pngs);
    }

    public static void main(String[] args) {
        GanSupport.Options o = GanSupport.parse("unrolled-gan", args);
        int steps = o.steps(200, 40);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "8 Gaussians on a ring (radius %.0f, std %.2f); G, D 2x128 tanh; z 256; batch 512;"
                + " Adam D 1e-4 / G 1e-3, beta1 0.5; %d steps (the reference: 25,000)%n", RADIUS, STD, steps);
        Result plain = run(0, steps, 5, o.seed(), out, o.out());
        out.printf(Locale.ROOT, "K=0 took %.1f s%n", plain.seconds());
        Result unrolled = run(5, steps, 5, o.seed(), out, o.out());
        out.printf(Locale.ROOT, "K=5 took %.1f s%n", unrolled.seconds());
        int minPlain = plain.coverage().stream().mapToInt(GanSupport.Coverage::modes).max().orElse(0);
        out.printf(Locale.ROOT, "check: at the end K=0 covers %d modes (at most %d at any checkpoint), K=5 covers %d"
                + " -> %s%n", plain.last().modes(), minPlain, unrolled.last().modes(),
                unrolled.last().modes() > plain.last().modes() ? "unrolling covers more modes" : "no gain in this run");
        for (Path p : plain.pngs()) {
            out.println("saved " + p);
        }
        for (Path p : unrolled.pngs()) {
            out.println("saved " + p);
        }
    }
}
