package jgrad.samples;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/** XOR with a 2-2-1 sigmoid MLP trained by a GradientTape loop (notes 002, section 2.4). */
public final class XorTape {
    public static void main(String[] args) {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        Rng rng = new Rng(1);
        Variable w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 2), "w1");
        Variable b1 = Variable.of(Tensor.zeros(2), "b1");
        Variable w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 1), "w2");
        Variable b2 = Variable.of(Tensor.zeros(1), "b2");
        for (int step = 0; step <= 500; step++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor h = x.matmul(w1).add(b1).sigmoid();
                Tensor p = h.matmul(w2).add(b2).sigmoid();
                Tensor loss = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
                List<Tensor> g = tape.gradient(loss, w1, b1, w2, b2);
                w1.assignSub(g.get(0).mul(1.0));
                b1.assignSub(g.get(1).mul(1.0));
                w2.assignSub(g.get(2).mul(1.0));
                b2.assignSub(g.get(3).mul(1.0));
                if (step % 50 == 0) {
                    System.out.printf("step %3d  loss %.4f%n", step, loss.item());
                }
            }
        }
    }
}
