package example;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.ops.Losses;

/**
 * The first model most people write: XOR with a 2-4-1 sigmoid network, trained by a loop of
 * GradientTape steps (record the forward pass, ask for the gradients, step the weights). Exits
 * with status 1 if the network has not learnt XOR, so a build that runs it notices.
 */
public final class XorTape {
    private XorTape() {}

    public static void main(String[] args) {
        Module module = XorTape.class.getModule();
        System.out.println(module.isNamed() ? "running as module " + module.getName() : "running on the class path");
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        Rng rng = new Rng(1);
        Variable w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 4), "W1");
        Variable b1 = Variable.of(Tensor.zeros(1, 4), "b1");
        Variable w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 4, 1), "W2");
        Variable b2 = Variable.of(Tensor.zeros(1, 1), "b2");
        List<Variable> params = List.of(w1, b1, w2, b2);
        float learningRate = 1f;

        for (int step = 0; step <= 1000; step++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor hidden = x.matmul(w1).add(b1).sigmoid();
                Tensor p = hidden.matmul(w2).add(b2).sigmoid();
                Tensor loss = Losses.binaryCrossEntropy(y, p);
                List<Tensor> grads = tape.gradient(loss, w1, b1, w2, b2);
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).assignSub(grads.get(i).mul(learningRate));
                }
                if (step % 200 == 0) {
                    System.out.printf("step %4d  loss %.4f%n", step, loss.item());
                }
            }
        }

        Tensor p = x.matmul(w1).add(b1).sigmoid().matmul(w2).add(b2).sigmoid();
        System.out.println("p(y=1) for 00, 01, 10, 11: " + p.reshape(4));
        boolean learnt = p.round().allClose(y, 0, 0);
        System.out.println(learnt ? "XOR learnt" : "XOR NOT learnt");
        if (!learnt) {
            System.exit(1);
        }
    }
}
