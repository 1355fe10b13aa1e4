package jgrad.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * Example 2.2 and section 2.2.3 of notes 002: a sigmoid perceptron on the OR data, trained by batch
 * gradient descent on {@code L = sum((y_hat - y)^2) / 2n} with eta 0.1 from w = [0.2, 0.1],
 * b = -0.1. The gradients come from a GradientTape and equal the note's hand-derived
 * {@code (y_hat - y) y_hat (1 - y_hat) x / n}; the five epochs print as the note prints them
 * ({@code y_hat = [0.4750 0.5000 0.5250 0.5498], loss = 0.1130}, ...).
 */
public final class SigmoidGradientDescent {
    private SigmoidGradientDescent() {}

    static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final Tensor Y = Tensor.of(new double[] {0, 1, 1, 1});

    /** The printed lines of each epoch and the final predicted classes. */
    record Result(List<String> lines, Tensor predictedClass) {}

    static Result train(int epochs) {
        Variable w = Variable.of(new double[] {0.2, 0.1});
        Variable b = Variable.of(-0.1);
        int n = X.dim(0);
        double eta = 0.1;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            lines.add("Epoch " + (i + 1) + ":");
            try (GradientTape tape = new GradientTape()) {
                Tensor yHat = X.matmul(w).add(b).sigmoid();
                Tensor loss = yHat.sub(Y).square().sum().div(2.0 * n);
                lines.add(String.format(Locale.ROOT, "y_hat = %s, loss = %.4f", Printing.numpy(yHat, 4), loss.item()));
                List<Tensor> g = tape.gradient(loss, w, b);
                // The note's closed form, to show the tape computes the same thing:
                Tensor delta = yHat.sub(Y).mul(yHat).mul(yHat.neg().add(1.0));
                Tensor gradW = delta.matmul(X).div(n);
                double gradB = delta.sum().item() / n;
                if (!g.get(0).allClose(gradW, 1e-12, 1e-15) || Math.abs(g.get(1).item() - gradB) > 1e-15) {
                    throw new AssertionError("tape and closed form disagree: " + g + " vs " + gradW + ", " + gradB);
                }
                lines.add(String.format(Locale.ROOT, "grad_w = %s, grad_b = %.4f", Printing.numpy(g.get(0), 4),
                        g.get(1).item()));
                w.assignSub(g.get(0).mul(eta));
                b.assignSub(g.get(1).mul(eta));
                lines.add(String.format(Locale.ROOT, "w = %s, b = %.4f", Printing.numpy(w, 4), b.item()));
                lines.add("");
            }
        }
        Tensor yHat = X.matmul(w).add(b).sigmoid();
        return new Result(lines, yHat.round());
    }

    public static void main(String[] args) {
        Args a = Args.parse("sigmoid-gd", args, "epochs=");
        Result r = train(a.positive("epochs", 5));
        r.lines().forEach(System.out::println);
        System.out.println("predicted class = " + Printing.numpy(r.predictedClass(), 4));
    }
}
