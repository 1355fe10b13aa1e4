package jgrad.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.plot.LinePlot;

/**
 * Gradient descent of notes 000 (part 3) with the gradient from a GradientTape: minimising
 * {@code L(w) = (w - 2)^2} from {@code w = 0.5} with {@code alpha = 0.25} gives {@code dL/dw = -3},
 * {@code w = 1.25} and a loss falling from 2.25 to 0.56; then the two-variable example
 * {@code L = (w1 - 2)^2 + (w2 - 3)^2}, one step from A = (3, 2) to B = (2.5, 2.5).
 */
public final class GradientDescent {
    private GradientDescent() {}

    /** One step's numbers: w before, the gradient, the loss before, w after and the loss after. */
    record Step(double w, double grad, double loss, double wNext, double lossNext) {}

    static double loss(double w) {
        return (w - 2) * (w - 2);
    }

    static List<Step> descend(double w0, double alpha, int steps) {
        Variable w = Variable.of(w0);
        List<Step> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double before = w.item();
            Tensor l;
            Tensor g;
            try (GradientTape tape = new GradientTape()) {
                l = w.sub(2.0).square();
                g = tape.gradient(l, w);
            }
            w.assignSub(g.mul(alpha));
            out.add(new Step(before, g.item(), l.item(), w.item(), loss(w.item())));
        }
        return out;
    }

    /** The two-variable step from A: the gradient there and the point it reaches. */
    static double[] twoVariableStep(double w1, double w2, double alpha) {
        Variable v1 = Variable.of(w1);
        Variable v2 = Variable.of(w2);
        try (GradientTape tape = new GradientTape()) {
            Tensor l = v1.sub(2.0).square().add(v2.sub(3.0).square());
            List<Tensor> g = tape.gradient(l, v1, v2);
            return new double[] {g.get(0).item(), g.get(1).item(), w1 - alpha * g.get(0).item(),
                w2 - alpha * g.get(1).item()};
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("gradient-descent", args, "steps=", "out=");
        int steps = a.positive("steps", 8);
        System.out.println("min_w L(w) = (w - 2)^2,  dL/dw = 2w - 4,  w(t+1) = w(t) - alpha * dL/dw,  alpha = 0.25");
        System.out.println();
        System.out.println(" t      w     dL/dw   L(w)   ->  w(t+1)  L(w(t+1))");
        List<Step> path = descend(0.5, 0.25, steps);
        for (int t = 0; t < path.size(); t++) {
            Step s = path.get(t);
            System.out.printf(Locale.ROOT, "%2d  %6.4f  %6.3f  %6.4f  ->  %6.4f  %6.4f%n", t, s.w(), s.grad(), s.loss(),
                    s.wNext(), s.lossNext());
        }
        Step first = path.getFirst();
        System.out.printf(Locale.ROOT, "%nFirst step: w = %.1f + 0.25 x %.0f = %.2f; L decreased from %.2f to %.2f%n",
                first.w(), -first.grad(), first.wNext(), first.loss(), first.lossNext());

        double[] b = twoVariableStep(3, 2, 0.25);
        System.out.println();
        System.out.println("L(w1, w2) = (w1 - 2)^2 + (w2 - 3)^2,  grad L = [2 w1 - 4, 2 w2 - 6]");
        System.out.printf(Locale.ROOT, "at A = (3, 2): grad L = (%.0f, %.0f);  B = (%.1f, %.1f)%n", b[0], b[1], b[2], b[3]);

        double[] ws = new double[81];
        double[] ls = new double[81];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = -0.5 + 5.0 * i / 80;
            ls[i] = loss(ws[i]);
        }
        double[] pw = new double[path.size() + 1];
        double[] pl = new double[path.size() + 1];
        for (int t = 0; t < path.size(); t++) {
            pw[t] = path.get(t).w();
            pl[t] = path.get(t).loss();
        }
        pw[path.size()] = path.getLast().wNext();
        pl[path.size()] = path.getLast().lossNext();
        Path png = LinePlot.titled("Gradient descent on (w - 2)^2, alpha = 0.25").xLabel("w").yLabel("L(w)")
                .line("L(w)", ws, ls).dashed("steps", pw, pl).save(a.outDir().resolve("descent.png"));
        System.out.println("saved " + png);
    }
}
