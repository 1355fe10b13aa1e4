package jgrad.samples;

import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * XOR with a 2-2-1 sigmoid MLP trained by a GradientTape loop (notes 002, section 2.5.1): the loss
 * falls over 500 full-batch steps with learning rate 1, then a table shows each input's predicted
 * probability, the rounded prediction and the target. Arguments: {@code [steps] [seed]}.
 */
public final class XorTape {
    private XorTape() {}

    public static void main(String[] args) {
        Args a = Args.parse("xor-tape", args, "quick", "steps=", "seed=");
        int steps = a.steps(500, 100);
        long seed = a.seed(1);
        float eta = 1f;

        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        int n = x.dim(0);

        Rng rng = new Rng(seed);
        Variable w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 2), "W1");
        Variable b1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 1, 2), "b1");
        Variable w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 1), "W2");
        Variable b2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 1, 1), "b2");

        System.out.printf(Locale.ROOT, "XOR, 2-2-1 sigmoid MLP, %d steps of gradient descent (eta %.0f, seed %d)%n%n",
                steps, eta, seed);
        System.out.println(" step  loss");
        for (int step = 0; step < steps; step++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor a1 = x.matmul(w1).add(b1).sigmoid();
                Tensor a2 = a1.matmul(w2).add(b2).sigmoid();
                Tensor loss = binaryCrossEntropy(y, a2, n);
                if (step % 50 == 0 || step == steps - 1) {
                    System.out.printf(Locale.ROOT, "%5d  %.6f%n", step, loss.item());
                }
                List<Tensor> g = tape.gradient(loss, w1, b1, w2, b2);
                w2.assignSub(g.get(2).mul(eta));
                b2.assignSub(g.get(3).mul(eta));
                w1.assignSub(g.get(0).mul(eta));
                b1.assignSub(g.get(1).mul(eta));
            }
        }

        Tensor p = x.matmul(w1).add(b1).sigmoid().matmul(w2).add(b2).sigmoid();
        Tensor yHat = p.round();
        System.out.println();
        System.out.println(" x1  x2  p(y=1)  y_hat  target");
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int predicted = (int) yHat.getDouble(i, 0);
            int target = (int) y.getDouble(i, 0);
            correct += predicted == target ? 1 : 0;
            System.out.printf(Locale.ROOT, "%3.0f %3.0f  %6.4f  %5d  %6d%n", x.getDouble(i, 0), x.getDouble(i, 1),
                    p.getDouble(i, 0), predicted, target);
        }
        System.out.printf(Locale.ROOT, "%naccuracy %d/%d = %.0f%%%n", correct, n, 100.0 * correct / n);
    }

    /** The note's loss spelled out: {@code sum(-(y log a + (1 - y) log(1 - a))) / n}. */
    static Tensor binaryCrossEntropy(Tensor y, Tensor a, int n) {
        Tensor one = Tensor.of(1f);
        return y.mul(a.log()).add(one.sub(y).mul(one.sub(a).log())).neg().sum().div(n);
    }
}
