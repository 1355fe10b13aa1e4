package jgrad.samples.unsupervised;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.plot.HeatMap;
import jgrad.nn.unsupervised.Associator;
import jgrad.nn.unsupervised.Instar;
import jgrad.nn.unsupervised.Outstar;
import jgrad.samples.Args;

/**
 * Course 8-2, the instar rule (SEEDS-4-8 B; Hagan ch. 15): the orange recogniser, a =
 * hardlim(3 p0 + W p - 2) with the measurements p = [1, -1, -1] (shape, texture, weight) and the
 * sight of an orange p0. The instar rule {@code w <- w + alpha a (p - w)} leaves W at 0 while the
 * neuron is silent, copies the measurements into W when sight makes it fire, and from then on the
 * measurements alone trigger it. Then its dual, the outstar, recalls the measurements of a
 * pineapple from its sight alone.
 */
public final class InstarOutstar {
    private InstarOutstar() {}

    record Result(double[][] instarWeights, double[] instarResponses, double[][] outstarWeights, double[] recalled) {}

    static Result run(PrintStream out, Path dir) {
        Instar instar = new Instar(1, 3, 1);
        Associator orange = new Associator(instar, Tensor.of(new double[][] {{3}}), Tensor.of(new double[] {-2}),
                Associator.Transfer.HARDLIM);
        Tensor p = Tensor.of(new double[] {1, -1, -1});
        double[] sight = {0, 1, 0};
        double[][] w = new double[3][];
        double[] a = new double[3];
        out.println("Orange recogniser, a = hardlim(3 p0 + W p - 2), p = [1, -1, -1], alpha = 1, W starts at 0:");
        for (int q = 0; q < 3; q++) {
            a[q] = orange.present(Tensor.of(new double[] {sight[q]}), p).item();
            w[q] = instar.weights().toDoubleArray();
            out.printf(Locale.ROOT, "  q=%d  p0=%.0f  a=%.0f  W=%s%n", q + 1, sight[q], a[q], Arrays.toString(w[q]));
        }
        out.println("Step 1: silent, W stays 0; step 2: sight fires it and W becomes p; step 3: the measurements alone"
                + " fire it.");

        Outstar outstar = new Outstar(3, 1, 1);
        Associator pineapple = new Associator(outstar, Tensor.eye(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3),
                Associator.Transfer.SATLINS);
        Tensor measured = Tensor.of(new double[] {-1, -1, 1});
        Tensor none = Tensor.zeros(DType.FLOAT64, 3);
        Tensor seen = Tensor.of(new double[] {1});
        out.println();
        out.println("Outstar (pineapple), a = satlins(p0 + W p), alpha = 1; p0 = the measurements when available,"
                + " p = 1 when a pineapple is seen:");
        Tensor[] p0s = {none, measured, none};
        double[][] ow = new double[3][];
        double[] recalled = null;
        for (int q = 0; q < 3; q++) {
            Tensor r = pineapple.present(p0s[q], seen);
            ow[q] = outstar.weights().toDoubleArray();
            out.printf(Locale.ROOT, "  q=%d  p0=%s  a=%s  W^T=%s%n", q + 1, Arrays.toString(p0s[q].toDoubleArray()),
                    Arrays.toString(r.toDoubleArray()), Arrays.toString(ow[q]));
            recalled = r.toDoubleArray();
        }
        out.println("Step 3: with no measurements the sight alone recalls them, " + Arrays.toString(recalled));
        HeatMap.of(new double[][] {w[0], w[1], w[2]}).title("Instar W after steps 1-3").range(-1, 1)
                .rowLabels(java.util.List.of("q=1", "q=2", "q=3")).save(dir.resolve("instar.png"));
        HeatMap.of(new double[][] {ow[0], ow[1], ow[2]}).title("Outstar W^T after steps 1-3").range(-1, 1)
                .rowLabels(java.util.List.of("q=1", "q=2", "q=3")).save(dir.resolve("outstar.png"));
        out.println("Pictures: " + dir.resolve("instar.png") + ", " + dir.resolve("outstar.png"));
        return new Result(w, a, ow, recalled);
    }

    public static void main(String[] args) {
        Args a = Args.parse("instar", args, "out=");
        run(System.out, a.outDir());
    }
}
