package jgrad.samples.unsupervised;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.plot.LinePlot;
import jgrad.nn.unsupervised.Associator;
import jgrad.nn.unsupervised.Hebb;
import jgrad.nn.unsupervised.Oja;
import jgrad.nn.unsupervised.Sanger;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Course 8-1, the Hebbian rule (SEEDS-4-8 B): Hagan's banana associator, where the sight of a
 * banana (unconditioned, p0) and its smell (conditioned, p) come together every other step and
 * Hebb's rule {@code W <- W + a p^T} teaches the network to answer the smell alone; with decay
 * {@code gamma = 0.1} the weight stops growing and approaches {@code alpha / gamma = 10}. Then
 * Oja's rule on the centred iris data finds the first principal component with a unit-length
 * weight, while plain Hebb's weight grows without bound.
 */
public final class HebbOja {
    private HebbOja() {}

    record Result(double[] plain, double[] decayed, int firstSmellAlone, double ojaNorm, double ojaCos,
            double hebbNorm, double[] eigenvalues, double[] pc1, double[] sangerCos) {}

    /** The banana associator's weight after each of {@code steps} presentations. */
    static double[] banana(double decay, int steps, PrintStream out) {
        Hebb hebb = new Hebb(1, 1, 1, decay);
        // a = hardlim(1 * p0 + w p - 0.5)
        Associator net = new Associator(hebb, Tensor.of(new double[][] {{1}}), Tensor.of(new double[] {-0.5}),
                Associator.Transfer.HARDLIM);
        Tensor smell = Tensor.of(new double[] {1});
        double[] w = new double[steps];
        for (int q = 0; q < steps; q++) {
            double sight = q % 2;
            double a = net.present(Tensor.of(new double[] {sight}), smell).item();
            w[q] = hebb.weights().item();
            if (out != null && (q < 6 || q == 9 || q == 29)) {
                out.printf(Locale.ROOT, "  q=%2d  p0=%.0f  p=1  a=%.0f  w=%.4f%n", q + 1, sight, a, w[q]);
            }
        }
        return w;
    }

    static Result run(int epochs, long seed, PrintStream out, Path dir) {
        out.println("Banana associator, a = hardlim(p0 + w p - 0.5), alpha = 1, w starts at 0 (Hagan ch. 15):");
        double[] plain = banana(0, 6, out);
        int first = -1;
        for (int q = 0; q < plain.length - 1; q++) {
            if (first < 0 && plain[q] - 0.5 >= 0) {
                first = q + 2; // the weight after step q+1 answers smell alone at step q+2
            }
        }
        out.printf(Locale.ROOT, "Weights 0, 1, 2, 3, 4, 5: %s; smell alone makes it answer from step %d on%n%n",
                fmt(plain), first);
        out.println("With decay gamma = 0.1, W <- (1 - gamma) W + alpha a p^T:");
        double[] decayed = banana(0.1, 30, out);
        out.printf(Locale.ROOT, "w at q = 10: %.4f, at q = 30: %.3f (SEEDS-4-8: 6.1258, 9.529; bound alpha/gamma = 10)%n%n",
                decayed[9], decayed[29]);

        Tensor x = Stats.centre(SampleData.iris().data().x());
        double[][][] eig = Stats.eigen(x);
        double[] ev = eig[0][0];
        double[] pc1 = eig[1][0];
        out.printf(Locale.ROOT, "Iris, centred: covariance eigenvalues %.4f %.4f %.4f %.4f (divided by n; by n - 1: %.4f, as"
                + " SEEDS-4-8's 4.2282); PC1 = [%.4f, %.4f, %.4f, %.4f] (up to sign)%n", ev[0], ev[1], ev[2], ev[3],
                ev[0] * 150 / 149, pc1[0], pc1[1], pc1[2], pc1[3]);
        FitOptions o = FitOptions.builder().epochs(epochs).seed(seed).verbose(0).output(out).build();
        Oja oja = new Oja(1, 4, 0.001, seed);
        History ho = oja.fit(x, o);
        double[] w = oja.weights().toDoubleArray();
        double norm = oja.weightNorm();
        double cos = 0;
        for (int i = 0; i < 4; i++) {
            cos += w[i] * pc1[i];
        }
        cos = Math.abs(cos) / norm;
        Hebb hebb = new Hebb(1, 4, 0.001);
        hebb.setWeights(Tensor.randomUniform(new jgrad.core.Rng(seed), jgrad.core.DType.FLOAT64, -0.5, 0.5, 1, 4));
        History hh = hebb.fit(x, o);
        out.printf(Locale.ROOT, "%d epochs, eta = 0.001: Oja ||w|| = %.4f, |cos(w, PC1)| = %.6f;"
                + " plain Hebb ||w|| = %.3g (SEEDS-4-8: 1.0001, 0.999999, 1.18e26; Hebb's size depends on the start and the"
                + " order)%n", epochs, norm, cos,
                hebb.weightNorm());

        // Sanger's rule: the first two components themselves, in order.
        Sanger gha = new Sanger(2, 4, 0.001, seed);
        gha.fit(x, o);
        double[][] g = gha.weights().toDoubleArray2D();
        double[] sangerCos = new double[2];
        for (int k = 0; k < 2; k++) {
            double dot = 0;
            double n2 = 0;
            for (int i = 0; i < 4; i++) {
                dot += g[k][i] * eig[1][k][i];
                n2 += g[k][i] * g[k][i];
            }
            sangerCos[k] = Math.abs(dot) / Math.sqrt(n2);
        }
        out.printf(Locale.ROOT, "Sanger's rule, 2 units, same data and eta: |cos(w1, PC1)| = %.6f, |cos(w2, PC2)| = %.6f%n",
                sangerCos[0], sangerCos[1]);

        LinePlot.titled("Banana associator: Hebb's weight").xLabel("presentation q").yLabel("w")
                .line("plain Hebb", range(6), plain).line("decay 0.1", range(30), decayed)
                .dashed("alpha / gamma", new double[] {1, 30}, new double[] {10, 10}).save(dir.resolve("banana.png"));
        LinePlot.titled("Centred iris: weight norm per epoch").xLabel("epoch").yLabel("||w||").logY()
                .line("Oja", toArray(ho.get("weight_norm"))).line("plain Hebb", toArray(hh.get("weight_norm")))
                .save(dir.resolve("oja-vs-hebb.png"));
        out.println("Pictures: " + dir.resolve("banana.png") + ", " + dir.resolve("oja-vs-hebb.png"));
        return new Result(plain, decayed, first, norm, cos, hebb.weightNorm(), ev, pc1, sangerCos);
    }

    static double[] range(int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i + 1;
        }
        return r;
    }

    static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", d));
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        Args a = Args.parse("hebb-oja", args, "quick", "epochs=", "seed=", "out=");
        run(a.epochs(100, 20), a.seed(0), System.out, a.outDir());
    }
}
