package jgrad.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.nn.plot.LinePlot;

/**
 * The activation functions of notes 002 (3.2), 003 and 004 and their derivatives: linear,
 * sigmoid ({@code g' = g (1 - g)}), tanh ({@code 1 - g^2}), ReLU, leaky ReLU (alpha 0.01), ELU,
 * SELU and softplus. For each it prints g(z) and the tape's g'(z) at a few points, checks g'
 * against the central difference of notes 000 ({@code activation_diff.py}), and plots g and g'.
 */
public final class ActivationsTable {
    private ActivationsTable() {}

    /** A named activation. */
    record Activation(String name, UnaryOperator<Tensor> g) {}

    static List<Activation> all() {
        return List.of(new Activation("linear", z -> z), new Activation("sigmoid", Tensor::sigmoid),
                new Activation("tanh", Tensor::tanh), new Activation("relu", Tensor::relu),
                new Activation("leaky_relu", z -> z.leakyRelu(0.01)), new Activation("elu", z -> z.elu(1.0)),
                new Activation("selu", Tensor::selu), new Activation("softplus", Tensor::softplus));
    }

    /** g'(z) at every entry of z, from a GradientTape (the sum's gradient is the elementwise derivative). */
    static Tensor derivative(UnaryOperator<Tensor> g, Tensor z) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(z);
            return tape.gradient(g.apply(z).sum(), z);
        }
    }

    /** {@code (f(x + h) - f(x - h)) / 2h}, as the note's num_differentiation. */
    static Tensor numerical(UnaryOperator<Tensor> g, Tensor z, double h) {
        return g.apply(z.add(h)).sub(g.apply(z.sub(h))).div(2 * h);
    }

    public static void main(String[] args) {
        Args a = Args.parse("activations", args, "out=");
        Tensor z = Tensor.of(new double[] {-3, -1, -0.5, 0.5, 1, 3});
        Tensor grid = Tensor.linspace(DType.FLOAT64, -5, 5, 100);
        System.out.print("z            ");
        for (int i = 0; i < z.size(); i++) {
            System.out.printf(Locale.ROOT, "%9.2f", z.getDouble(i));
        }
        System.out.println();
        List<Path> saved = new ArrayList<>();
        for (Activation act : all()) {
            Tensor gz = act.g().apply(z);
            Tensor dz = derivative(act.g(), z);
            System.out.printf(Locale.ROOT, "%-11s g ", act.name());
            for (int i = 0; i < z.size(); i++) {
                System.out.printf(Locale.ROOT, "%9.4f", gz.getDouble(i));
            }
            System.out.printf(Locale.ROOT, "%n%-11s g'", "");
            for (int i = 0; i < z.size(); i++) {
                System.out.printf(Locale.ROOT, "%9.4f", dz.getDouble(i));
            }
            double err = numerical(act.g(), grid, 1e-6).sub(derivative(act.g(), grid)).abs().max().item();
            System.out.printf(Locale.ROOT, "   |tape - central difference| <= %.0e%n", err);
            saved.add(LinePlot.titled(act.name()).xLabel("x").yLabel("")
                    .line("function f(x)", grid.toDoubleArray(), act.g().apply(grid).toDoubleArray())
                    .line("derivatives g(x)", grid.toDoubleArray(), derivative(act.g(), grid).toDoubleArray())
                    .save(a.outDir().resolve(act.name() + ".png")));
        }
        System.out.println();
        System.out.println("The largest slope of the sigmoid is 0.25 (at 0): a product of many such factors vanishes,");
        System.out.println("while ReLU passes a gradient of 1 for positive inputs (and 0, a dead unit, for negative).");
        System.out.println("saved " + saved.size() + " plots in " + a.outDir().toAbsolutePath());
    }
}
