package jgrad.samples;

import java.nio.file.Path;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.inspect.Graph;
import jgrad.inspect.GradientTable;

/**
 * The backward pass of the lecture notes' two-layer network (003, "Dense layer forward/backward"),
 * explained step by step: x = [[3, 5]], y = [[1, 0]], W1 = [[0.5, 1, 7, 3], [1, 2, 1, 0.5]],
 * W2 = [[1, 2], [0.5, 0.5], [3, 1], [2, 1]], biases ones, linear layers, MSE as np.mean. It prints
 * the chain rule with the numbers (MSE 9213.25, dW2 = [[903.75, 468.75], ...], dW1 =
 * [[736.5, 274.5, 1272, 910.5], ...]) and the numerical-versus-autodiff table. Argument: an
 * optional folder to write the graph to as graph.html and graph.dot.
 */
public final class ExplainBackprop {
    private ExplainBackprop() {}

    /** The notes' network and data, in float64 as NumPy computes it. */
    record Network(Tensor x, Tensor y, Variable w1, Variable b1, Variable w2, Variable b2) {
        static Network ofNotes() {
            return new Network(
                    Tensor.of(new double[][] {{3, 5}}),
                    Tensor.of(new double[][] {{1, 0}}),
                    Variable.of(Tensor.of(new double[][] {{0.5, 1, 7, 3}, {1, 2, 1, 0.5}}), "W1"),
                    Variable.of(Tensor.ones(DType.FLOAT64, 1, 4), "b1"),
                    Variable.of(Tensor.of(new double[][] {{1, 2}, {0.5, 0.5}, {3, 1}, {2, 1}}), "W2"),
                    Variable.of(Tensor.ones(DType.FLOAT64, 1, 2), "b2"));
        }

        List<Variable> parameters() {
            return List.of(w1, b1, w2, b2);
        }

        /** {@code np.mean((o - y) ** 2)} with {@code o = (x W1 + b1) W2 + b2}. */
        Tensor loss() {
            return x.matmul(w1).add(b1).matmul(w2).add(b2).sub(y).square().mean();
        }
    }

    /** The recorded forward pass with the gradient of the loss at every node. */
    static Graph graph(Network net) {
        try (GradientTape tape = new GradientTape()) {
            Tensor h = net.x().matmul(net.w1()).add(net.b1());
            Tensor o = h.matmul(net.w2()).add(net.b2());
            Tensor loss = o.sub(net.y()).square().mean();
            return Graph.builder(tape).name(net.x(), "x").name(net.y(), "y").name(h, "h").name(o, "o")
                    .name(loss, "loss").build().backward(loss);
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("explain-backprop", args, "out=");
        Network net = Network.ofNotes();
        Graph g = graph(net);
        System.out.println("The notes' network (003): h = x W1 + b1, o = h W2 + b2, loss = mean((o - y)^2)");
        System.out.println();
        System.out.print(g.explain());
        System.out.println();
        System.out.print(GradientTable.compare(net::loss, net.parameters()));
        if (a.flag("out")) {
            Path dir = a.outDir();
            System.out.println();
            String title = "Backprop through the notes' network (003)";
            System.out.println("wrote " + g.writeHtml(dir.resolve("graph.html"), title));
            System.out.println("wrote " + g.writeDot(dir.resolve("graph.dot")));
        }
    }
}
