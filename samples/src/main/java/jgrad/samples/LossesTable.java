package jgrad.samples;

import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.losses.Loss;

/**
 * The loss functions of notes 002 (3.3) and 004 on small examples, each computed from its formula
 * and by the Keras-named loss object ({@code Loss.get("mse")}, ...): MSE and MAE for regression,
 * binary cross-entropy, Poisson ({@code y_hat - y log(y_hat)}) for counts, and the (squared) hinge
 * for labels of -1 and +1. Also 004's cross-entropy example: {@code -log 0.6 = 0.22} (log base 10
 * in the note's arithmetic; 0.51 in natural log).
 */
public final class LossesTable {
    private LossesTable() {}

    private static void row(String name, String formula, double byFormula, double byLoss) {
        System.out.printf(Locale.ROOT, "%-22s %-44s %8.4f  %8.4f%n", name, formula, byFormula, byLoss);
    }

    public static void main(String[] args) {
        Args.parse("losses", args);
        Tensor y = Tensor.of(new double[][] {{3.0}, {-0.5}, {2.0}, {7.0}});
        Tensor yHat = Tensor.of(new double[][] {{2.5}, {0.0}, {2.0}, {8.0}});
        System.out.println("regression: y = " + Printing.numpy(y.reshape(-1), 1) + ", y_hat = "
                + Printing.numpy(yHat.reshape(-1), 1));
        System.out.printf(Locale.ROOT, "%-22s %-44s %8s  %8s%n", "loss", "formula (mean over samples)", "formula",
                "Loss.get");
        row("mse", "(y - y_hat)^2", y.sub(yHat).square().mean().item(), Loss.get("mse").call(y, yHat).item());
        row("mae", "|y - y_hat|", y.sub(yHat).abs().mean().item(), Loss.get("mae").call(y, yHat).item());

        Tensor counts = Tensor.of(new double[][] {{0}, {1}, {3}, {2}});
        Tensor rate = Tensor.of(new double[][] {{0.5}, {1.2}, {2.5}, {2.0}});
        System.out.println();
        System.out.println("counts: y = " + Printing.numpy(counts.reshape(-1), 0) + ", y_hat = "
                + Printing.numpy(rate.reshape(-1), 1));
        row("poisson", "y_hat - y log(y_hat)", rate.sub(counts.mul(rate.log())).mean().item(),
                Loss.get("poisson").call(counts, rate).item());

        Tensor labels = Tensor.of(new double[][] {{1}, {0}, {1}, {0}});
        Tensor p = Tensor.of(new double[][] {{0.9}, {0.2}, {0.6}, {0.4}});
        System.out.println();
        System.out.println("binary: y = " + Printing.numpy(labels.reshape(-1), 0) + ", y_hat = "
                + Printing.numpy(p.reshape(-1), 1));
        row("binary_crossentropy", "-(y log(y_hat) + (1 - y) log(1 - y_hat))",
                labels.mul(p.log()).add(labels.neg().add(1.0).mul(p.neg().add(1.0).log())).mean().neg().item(),
                Loss.get("binary_crossentropy").call(labels, p).item());

        Tensor pm = Tensor.of(new double[][] {{1}, {-1}, {1}, {-1}});
        Tensor score = Tensor.of(new double[][] {{0.8}, {-0.3}, {-0.2}, {0.5}});
        System.out.println();
        System.out.println("margins: y = " + Printing.numpy(pm.reshape(-1), 0) + ", y_hat = "
                + Printing.numpy(score.reshape(-1), 1));
        Tensor hinge = pm.mul(score).neg().add(1.0).maximum(0.0);
        row("hinge", "max(0, 1 - y y_hat)", hinge.mean().item(), Loss.get("hinge").call(pm, score).item());
        row("squared_hinge", "max(0, 1 - y y_hat)^2", hinge.square().mean().item(),
                Loss.get("squared_hinge").call(pm, score).item());

        Tensor truth = Tensor.of(new double[][] {{1, 0, 0}});
        Tensor pred = Tensor.of(new double[][] {{0.6, 0.2, 0.2}});
        System.out.println();
        System.out.printf(Locale.ROOT, "cross-entropy of p = [1 0 0], y = [0.6 0.2 0.2]: -log 0.6 = %.2f (natural log;"
                + " %.2f with log10, as the note's 0.22)%n", Loss.get("categorical_crossentropy").call(truth, pred).item(),
                -Math.log10(0.6));
    }
}
