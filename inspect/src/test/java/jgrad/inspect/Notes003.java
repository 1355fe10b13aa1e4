package jgrad.inspect;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/** The lecture notes' (003) two-layer network, the fixture the explainer's numbers come from. */
final class Notes003 {
    final Tensor x = Tensor.of(new double[][] {{3, 5}});
    final Tensor y = Tensor.of(new double[][] {{1, 0}});
    final Variable w1 = Variable.of(Tensor.of(new double[][] {{0.5, 1, 7, 3}, {1, 2, 1, 0.5}}), "W1");
    final Variable b1 = Variable.of(Tensor.ones(DType.FLOAT64, 1, 4), "b1");
    final Variable w2 = Variable.of(Tensor.of(new double[][] {{1, 2}, {0.5, 0.5}, {3, 1}, {2, 1}}), "W2");
    final Variable b2 = Variable.of(Tensor.ones(DType.FLOAT64, 1, 2), "b2");
    Tensor h;
    Tensor o;
    Tensor loss;

    static final double[][] DW1 = {{736.5, 274.5, 1272, 910.5}, {1227.5, 457.5, 2120, 1517.5}};
    static final double[][] DB1 = {{245.5, 91.5, 424, 303.5}};
    static final double[][] DW2 = {{903.75, 468.75}, {1687, 875}, {3253.5, 1687.5}, {1506.25, 781.25}};
    static final double[][] DB2 = {{120.5, 62.5}};

    List<Variable> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    Tensor lossNow() {
        return x.matmul(w1).add(b1).matmul(w2).add(b2).sub(y).square().mean();
    }

    /** Records the forward pass and returns its graph with the loss's gradients. */
    Graph graph() {
        try (GradientTape tape = new GradientTape()) {
            h = x.matmul(w1).add(b1);
            o = h.matmul(w2).add(b2);
            loss = o.sub(y).square().mean();
            return Graph.builder(tape).name(x, "x").name(y, "y").name(h, "h").name(o, "o").name(loss, "loss").build()
                    .backward(loss);
        }
    }
}
