package jgrad.samples.gan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.gan.Gan;
import jgrad.nn.gan.MinimaxLoss;
import jgrad.nn.gan.NonSaturatingLoss;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;

/**
 * Course 7-1, the standard GAN as code (notes 002, 5.3; SEEDS-4-8 B), with the three exact checks:
 * (1) a logistic discriminator trained to tell N(0, 1) (real) from N(1, 1) (fake) approaches
 * {@code D*(x) = sigmoid(0.5 - x)}, weight -1 and bias 0.5; (2) at D = 0.01 the saturating
 * generator loss has slope -0.01 in the logit, the non-saturating one -0.99; (3) at the
 * equilibrium (D = 1/2) the game's value is -log 4 = -1.386294. Then a GAN ({@link Gan} with
 * the non-saturating loss) learns N(3, 1) from noise and the value estimated at the end is
 * compared with -log 4.
 */
public final class Gan1D {
    private Gan1D() {}

    record Result(double weight, double bias, double satGrad, double nonSatGrad, double equilibrium, double genMean,
            double genStd, double finalValue) {}

    static Result run(int epochs, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Rng rng = new Rng(seed);
        // (1) the optimal logistic discriminator for p_data = N(0, 1), p_g = N(1, 1)
        int n = 20_000;
        Tensor real = Tensor.randomNormal(rng, 0, 1, n, 1);
        Tensor fake = Tensor.randomNormal(rng, 1, 1, n, 1);
        Tensor x = Tensor.concat(List.of(real, fake), 0);
        Tensor y = Tensor.concat(List.of(Tensor.ones(n, 1), Tensor.zeros(n, 1)), 0);
        Sequential d = new Sequential(Input.of(1), new Dense(1, "sigmoid"));
        d.compile(new Adam(0.05), "binary_crossentropy");
        d.fit(x, y, FitOptions.builder().epochs(5).batchSize(256).seed(seed).verbose(0).build());
        Dense lin = (Dense) d.getLayer(0);
        double w = lin.kernel().item();
        double b = lin.bias().item();
        out.printf(Locale.ROOT, "(1) logistic D on N(0,1) (real) vs N(1,1) (fake): weight %.3f, bias %.3f"
                + " (D*(x) = sigmoid(0.5 - x): -1, 0.5)%n", w, b);
        // (2) saturation at D = 0.01
        Tensor a = Tensor.of(new double[] {Math.log(0.01 / 0.99)});
        double sat;
        double non;
        try (GradientTape t = new GradientTape()) {
            t.watch(a);
            sat = t.gradient(new MinimaxLoss().generator(a), a).item();
        }
        try (GradientTape t = new GradientTape()) {
            t.watch(a);
            non = t.gradient(new NonSaturatingLoss().generator(a), a).item();
        }
        out.printf(Locale.ROOT, "(2) at D(G(z)) = 0.01: d/da log(1 - D) = %.4f (saturating), d/da [-log D] = %.4f"
                + " (non-saturating)%n", sat, non);
        // (3) the value at the equilibrium
        Tensor half = Tensor.zeros(jgrad.core.DType.FLOAT64, 4);
        double v = MinimaxLoss.value(half, half).item();
        out.printf(Locale.ROOT, "(3) V(D, G) at D = 1/2 everywhere: %.6f (-log 4 = %.6f)%n", v, -Math.log(4));
        // a GAN learning N(3, 1)
        Model gen = new Sequential(Input.of(4), new Dense(32, "relu"), new Dense(32, "relu"), new Dense(1));
        Model dis = new Sequential(Input.of(1), new Dense(32, "relu"), new Dense(32, "relu"), new Dense(1));
        Gan gan = new Gan(gen, dis, 4).seed(seed);
        gan.compile(new Adam(2e-3).beta1(0.5), new Adam(2e-3).beta1(0.5), new NonSaturatingLoss());
        Tensor data = Tensor.randomNormal(rng, 3, 1, 8192, 1);
        var h = gan.fit(data, FitOptions.builder().epochs(epochs).batchSize(128).seed(seed).verbose(0).build());
        Tensor s = gan.sample(20_000);
        double mean = s.mean().item();
        double std = Math.sqrt(s.sub(mean).square().mean().item());
        Tensor dReal = dis.predict(Tensor.randomNormal(rng, 3, 1, 20_000, 1), 1024);
        Tensor dFake = dis.predict(s, 1024);
        double value = MinimaxLoss.value(dReal, dFake).item();
        out.printf(Locale.ROOT, "GAN on N(3, 1), %d epochs of 64 steps: generated mean %.3f, std %.3f; V(D, G) = %.3f"
                + " (equilibrium -1.386)%n", epochs, mean, std, value);
        boolean ok = Math.abs(w + 1) < 0.1 && Math.abs(b - 0.5) < 0.1 && Math.abs(sat + 0.01) < 1e-9
                && Math.abs(non + 0.99) < 1e-9 && Math.abs(v + Math.log(4)) < 1e-9 && Math.abs(mean - 3) < 0.3
                && Math.abs(std - 1) < 0.3;
        out.println("check: " + (ok ? "all as calculated" : "NOT as calculated"));
        if (outDir != null) {
            out.println("saved " + LinePlot.titled("1-D GAN on N(3, 1)").xLabel("epoch").yLabel("loss")
                    .line("d_loss", h.get("d_loss").stream().mapToDouble(Double::doubleValue).toArray())
                    .line("g_loss", h.get("g_loss").stream().mapToDouble(Double::doubleValue).toArray())
                    .save(outDir.resolve("gan1d_losses.png")));
        }
        return new Result(w, b, sat, non, v, mean, std, value);
    }

    public static void main(String[] args) {
        GanSupport.Options o = GanSupport.parse("gan-1d", args);
        run(o.epochs(30, 10), o.seed(), System.out, o.out());
    }
}
