package jgrad.samples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.optimizers.Adagrad;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.optimizers.SGD;
import jgrad.nn.optimizers.schedules.ExponentialDecay;
import jgrad.nn.plot.LinePlot;

/**
 * Learning rate and optimizers, notes 002 (3.6) and 004: the exponential decay
 * {@code eta_t = 0.5 x 0.97^(t / 100)} as a table and a plot (and as the library's
 * {@code ExponentialDecay(0.5, 100, 0.97)}), then plain SGD, momentum ({@code m_t = 0.9 m_(t-1) +
 * eta grad}), AdaGrad, RMSProp and Adam minimising the same ill-conditioned bowl
 * {@code f(w) = w1^2 + 25 w2^2} from (-4, 1), with their loss curves saved.
 */
public final class LearningRate {
    private LearningRate() {}

    /** The note's schedule. */
    static double eta(long t) {
        return 0.5 * Math.pow(0.97, t / 100.0);
    }

    /** Losses of {@code f} over {@code steps} steps of one optimizer, from the same start. */
    static double[] descend(Optimizer optimizer, int steps) {
        Variable w = Variable.of(Tensor.of(new float[] {-4f, 1f}), "w");
        Tensor scale = Tensor.of(new float[] {1f, 25f});
        Supplier<Tensor> f = () -> w.square().mul(scale).sum();
        double[] losses = new double[steps + 1];
        losses[0] = f.get().item();
        for (int t = 1; t <= steps; t++) {
            optimizer.minimize(f, List.of(w));
            losses[t] = f.get().item();
        }
        return losses;
    }

    static Map<String, double[]> compare(int steps) {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("SGD lr 0.03", descend(new SGD(0.03), steps));
        out.put("momentum 0.9, lr 0.01", descend(new SGD(0.01).momentum(0.9), steps));
        out.put("AdaGrad lr 0.5", descend(new Adagrad(0.5), steps));
        out.put("RMSProp lr 0.05", descend(new RMSprop(0.05), steps));
        out.put("Adam lr 0.2", descend(new Adam(0.2), steps));
        return out;
    }

    public static void main(String[] args) {
        Args a = Args.parse("learning-rate", args, "steps=", "out=");
        ExponentialDecay schedule = new ExponentialDecay(0.5, 100, 0.97);
        System.out.println("   t   0.5 x 0.97^(t/100)   ExponentialDecay(0.5, 100, 0.97)");
        double[] ts = new double[101];
        double[] etas = new double[101];
        for (int i = 0; i <= 100; i++) {
            ts[i] = i * 100;
            etas[i] = eta(i * 100L);
            if (i % 10 == 0) {
                System.out.printf(Locale.ROOT, "%5d        %.4f                   %.4f%n", i * 100, eta(i * 100L),
                        schedule.rate(i * 100L));
            }
        }
        Path decay = LinePlot.titled("Exponential learning-rate decay: eta_t = 0.5 x 0.97^(t/100)").xLabel("t").yLabel("learning rate")
                .line("eta_t", ts, etas).save(a.outDir().resolve("decay.png"));

        int steps = a.positive("steps", 100);
        System.out.printf(Locale.ROOT, "%nf(w) = w1^2 + 25 w2^2 from w = (-4, 1), f = 41; after %d steps:%n", steps);
        Map<String, double[]> runs = compare(steps);
        LinePlot curves = LinePlot.titled("Optimizers on w1^2 + 25 w2^2").xLabel("step").yLabel("f(w)").logY();
        for (Map.Entry<String, double[]> e : runs.entrySet()) {
            double[] l = e.getValue();
            System.out.printf(Locale.ROOT, "  %-24s f = %.3e%n", e.getKey(), l[l.length - 1]);
            double[] x = new double[l.length];
            double[] y = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                x[i] = i;
                y[i] = Math.max(l[i], 1e-12);
            }
            curves.line(e.getKey(), x, y);
        }
        Path png = curves.save(a.outDir().resolve("optimizers.png"));
        System.out.println("saved " + decay + " and " + png);
    }
}
