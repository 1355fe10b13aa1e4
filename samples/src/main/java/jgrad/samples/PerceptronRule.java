package jgrad.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * The perceptron training rule of notes 002 (sections 1.4.2 to 1.4.4): for each example,
 * {@code err = y - y_hat} and, when non-zero, {@code w += err x}, {@code b += err}. First Example
 * 1.5, one epoch on the OR gate in the order 3, 4, 1, 2 from w = [0 0], b = 0, step by step; then
 * the note's program, which shuffles every epoch and stops after an epoch without updates.
 */
public final class PerceptronRule {
    private PerceptronRule() {}

    static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final double[] Y = {0, 1, 1, 1};

    /** The step activation of the note: 0 for z <= 0, else 1. */
    static int s(double z) {
        return z <= 0 ? 0 : 1;
    }

    /** A perceptron's weights, updated in place by the rule. */
    static final class Perceptron {
        double w1;
        double w2;
        double b;

        int predict(int i) {
            return s(X.getDouble(i, 0) * w1 + X.getDouble(i, 1) * w2 + b);
        }

        /** Applies the rule to example i; returns err. */
        int update(int i) {
            int err = (int) (Y[i] - predict(i));
            if (err != 0) {
                w1 += err * X.getDouble(i, 0);
                w2 += err * X.getDouble(i, 1);
                b += err;
            }
            return err;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "w = [%.0f %.0f], b = %.0f", w1, w2, b);
        }
    }

    /** Example 1.5: one epoch in the given order (example numbers from 1), one line per example. */
    static List<String> example15(int... order) {
        Perceptron p = new Perceptron();
        List<String> lines = new ArrayList<>();
        for (int k : order) {
            int i = k - 1;
            double z = X.getDouble(i, 0) * p.w1 + X.getDouble(i, 1) * p.w2 + p.b;
            int yHat = p.predict(i);
            int err = p.update(i);
            lines.add(String.format(Locale.ROOT, "y_hat[%d] = s(%.0f) = %d, err = %.0f - %d = %s  ->  %s", k, z, yHat,
                    Y[i], yHat, err == 0 ? "0" : String.format(Locale.ROOT, "%+d", err),
                    err == 0 ? "no update" : p.toString()));
        }
        return lines;
    }

    /** The note's program: up to 10 shuffled epochs, stopping after one with no update. */
    static Perceptron train(long seed, List<String> log) {
        Perceptron p = new Perceptron();
        Rng rng = new Rng(seed);
        for (int r = 0; r < 10; r++) {
            int[] indices = rng.permutation(4);
            int updates = 0;
            for (int i : indices) {
                updates += p.update(i) != 0 ? 1 : 0;
            }
            log.add(String.format(Locale.ROOT, "Epoch %d: order %s, %d updates, %s", r + 1, order(indices), updates, p));
            if (updates == 0) {
                break;
            }
        }
        return p;
    }

    private static String order(int[] indices) {
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            sb.append(sb.isEmpty() ? "" : " ").append(i + 1);
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        Args a = Args.parse("perceptron-rule", args, "seed=");
        System.out.println("Example 1.5: OR gate, one epoch in the order 3 -> 4 -> 1 -> 2 from w = [0 0], b = 0");
        example15(3, 4, 1, 2).forEach(l -> System.out.println("  " + l));
        System.out.println();
        System.out.println("The program of 1.4.4: shuffle every epoch, stop when an epoch makes no update");
        List<String> log = new ArrayList<>();
        Perceptron p = train(a.longValue("seed", 1101), log);
        log.forEach(l -> System.out.println("  " + l));
        System.out.println("====================");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "[%.0f %.0f] %.0f %d%n", X.getDouble(i, 0), X.getDouble(i, 1), Y[i],
                    p.predict(i));
        }
    }
}
