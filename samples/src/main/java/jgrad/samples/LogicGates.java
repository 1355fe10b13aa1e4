package jgrad.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;

/**
 * Logic gates with perceptrons, notes 004: a perceptron outputs 1 when {@code w1 x1 + w2 x2 + b >
 * theta}. The note's examples ({@code 0.4 x 1.0 + 0.5 x 0.4 - 0.8 = -0.2}, {@code 0.8 x 0.5 +
 * 0.5 x 1.2 - 0.2 = 0.8}), the AND, OR and NAND gates with its weights, the alternative
 * (w1, w2, theta) triples it lists, and XOR built from them: {@code AND(NAND(x1, x2), OR(x1, x2))}.
 * The gates run as tensor ops on all four inputs at once.
 */
public final class LogicGates {
    private LogicGates() {}

    static final Tensor X = Tensor.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}});

    /** A perceptron gate: 1 where {@code x1 w1 + x2 w2 + b > theta}, else 0. */
    static Tensor gate(Tensor x, double w1, double w2, double b, double theta) {
        Tensor a = x.matmul(Tensor.of(new double[][] {{w1}, {w2}})).add(b);
        return a.greater(theta).cast(jgrad.core.DType.FLOAT64);
    }

    static Tensor and(Tensor x) {
        return gate(x, 0.3, 0.3, 0.1, 0.5);
    }

    static Tensor or(Tensor x) {
        return gate(x, 0.5, 0.5, 0.1, 0.5);
    }

    static Tensor nand(Tensor x) {
        return gate(x, -0.2, -0.2, -0.2, -0.5);
    }

    /** XOR as a two-layer network of gates: s1 = NAND, s2 = OR, y = AND(s1, s2). */
    static Tensor xor(Tensor x) {
        Tensor s = Tensor.concat(List.of(nand(x), or(x)), 1);
        return and(s);
    }

    static List<Long> column(Tensor t) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < t.dim(0); i++) {
            out.add(Math.round(t.getDouble(i, 0)));
        }
        return out;
    }

    public static void main(String[] args) {
        Args.parse("logic-gates", args);
        System.out.println("Output of a perceptron: y = 0 if w1 x1 + w2 x2 + b <= theta, else 1 (theta = 0 here)");
        System.out.printf(Locale.ROOT, "  0.4 x 1.0 + 0.5 x 0.4 - 0.8 = %.1f  -> %d%n", 0.4 * 1.0 + 0.5 * 0.4 - 0.8,
                0.4 * 1.0 + 0.5 * 0.4 - 0.8 > 0 ? 1 : 0);
        System.out.printf(Locale.ROOT, "  0.8 x 0.5 + 0.5 x 1.2 - 0.2 = %.1f  -> %d%n%n", 0.8 * 0.5 + 0.5 * 1.2 - 0.2,
                0.8 * 0.5 + 0.5 * 1.2 - 0.2 > 0 ? 1 : 0);
        Tensor and = and(X);
        Tensor or = or(X);
        Tensor nand = nand(X);
        Tensor xor = xor(X);
        System.out.println("x1 x2 | AND OR NAND | XOR = AND(NAND, OR)");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, " %.0f  %.0f |  %.0f   %.0f   %.0f   |  %.0f%n", X.getDouble(i, 0),
                    X.getDouble(i, 1), and.getDouble(i, 0), or.getDouble(i, 0), nand.getDouble(i, 0), xor.getDouble(i, 0));
        }
        System.out.println();
        System.out.println("Other (w1, w2, theta) from the notes, with b = 0:");
        double[][] andT = {{0.6, 0.4, 0.8}, {0.2, 0.6, 0.6}, {1.2, 0.4, 1.5}};
        double[][] orT = {{0.7, 0.7, 0.6}, {0.4, 0.3, 0.2}, {0.8, 1.2, 0.6}};
        double[][] nandT = {{-0.6, -0.4, -0.8}, {-0.2, -0.6, -0.7}, {-1.2, -0.4, -1.5}};
        String[] names = {"AND ", "OR  ", "NAND"};
        double[][][] all = {andT, orT, nandT};
        for (int g = 0; g < 3; g++) {
            for (double[] t : all[g]) {
                System.out.printf(Locale.ROOT, "  %s (%4.1f, %4.1f, %4.1f): %s%n", names[g], t[0], t[1], t[2],
                        column(gate(X, t[0], t[1], 0, t[2])));
            }
        }
        System.out.println();
        System.out.println("A single perceptron draws one line; XOR needs two (NAND and OR) combined by a third (AND):");
        System.out.println("a multilayer perceptron.");
    }
}
