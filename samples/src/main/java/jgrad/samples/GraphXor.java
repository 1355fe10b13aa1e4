package jgrad.samples;

import java.nio.file.Path;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.inspect.Graph;

/**
 * The graph of one training step of the XOR MLP (notes 002, 2.5.1: 2-2-1 sigmoid network, binary
 * cross-entropy), with the gradient at every node, written as an interactive HTML page and as
 * Graphviz DOT. Open graph.html in a browser, click nodes, step through the backward pass.
 * Arguments: {@code [folder, default out/graph-xor] [seed, default 1]}.
 */
public final class GraphXor {
    private GraphXor() {}

    /** The first training step's graph at the initial weights drawn from {@code seed}. */
    static Graph graph(long seed) {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        Rng rng = new Rng(seed);
        Variable w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 2), "W1");
        Variable b1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 1, 2), "b1");
        Variable w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 1), "W2");
        Variable b2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 1, 1), "b2");
        try (GradientTape tape = new GradientTape()) {
            Tensor a1 = x.matmul(w1).add(b1).sigmoid();
            Tensor a2 = a1.matmul(w2).add(b2).sigmoid();
            // The notes' loss spelled out: sum(-(y log a + (1 - y) log(1 - a))) / n.
            Tensor one = Tensor.of(1f);
            Tensor notY = one.sub(y); // data only: not recorded, a constant of the graph
            Tensor loss = y.mul(a2.log()).add(notY.mul(one.sub(a2).log())).neg().sum().div(x.dim(0));
            return Graph.builder(tape).name(x, "x").name(y, "y").name(notY, "1-y").name(a1, "a1").name(a2, "a2")
                    .name(loss, "loss").build().backward(loss);
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("graph-xor", args, "out=", "seed=");
        Path dir = a.outDir();
        long seed = a.seed(1);
        Graph g = graph(seed);
        System.out.println("XOR, 2-2-1 sigmoid MLP: the graph of one training step (seed " + seed + ")");
        System.out.println();
        System.out.print(g);
        System.out.println();
        System.out.println("wrote " + g.writeHtml(dir.resolve("graph.html"), "XOR MLP: one training step"));
        System.out.println("wrote " + g.writeDot(dir.resolve("graph.dot")));
        System.out.println("Open graph.html in a browser: click a node for its value and gradient, step through"
                + " the backward pass with the buttons or the arrow keys. dot -Tsvg graph.dot renders the DOT.");
    }
}
