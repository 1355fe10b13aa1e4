package jgrad.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jgrad.core.GradientTape;
import jgrad.core.RecordedOp;
import jgrad.core.Tensor;
import jgrad.inspect.Graph;

/**
 * A graph of a graph: the second derivative of tanh at x = 0.5 with nested tapes. The inner tape
 * records y = tanh(x); its gradient computation dy/dx = 1 - y^2 runs ops that the outer tape
 * records, so the outer tape's graph holds the forward pass and the inner backward pass side by
 * side (drawn as two clusters), and the outer backward pass through both gives d2y/dx2.
 * Arguments: {@code [folder, default out/second-derivative-graph] [x, default 0.5]}.
 */
public final class SecondDerivativeGraph {
    private SecondDerivativeGraph() {}

    /** The outer tape's graph, differentiated: its gradient at x is d2y/dx2. */
    static Graph graph(double at) {
        Tensor x = Tensor.of(at);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor y;
            Tensor dy;
            List<RecordedOp> forward;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                y = x.tanh();
                forward = List.copyOf(inner.operations()); // gradient() below makes the inner tape forget them
                dy = inner.gradient(y, x);
            }
            Set<RecordedOp> forwardSet = Collections.newSetFromMap(new IdentityHashMap<>());
            forwardSet.addAll(forward);
            List<Tensor> backward = new ArrayList<>();
            for (RecordedOp op : outer.operations()) {
                if (!forwardSet.contains(op)) {
                    backward.add(op.output());
                    for (Tensor in : op.inputs()) {
                        if (in != x && in != y && !backward.contains(in) && !isOutput(outer, in)) {
                            backward.add(in); // the constants the gradient computation brought in
                        }
                    }
                }
            }
            // The inner gradient seeds its backward pass with ones shaped like y: the first input of the last op.
            Tensor seed = outer.operations().getLast().inputs().getFirst();
            return Graph.builder(outer).name(x, "x").name(y, "y").name(dy, "dy_dx").name(seed, "seed")
                    .cluster("inner tape: y = tanh(x)", List.of(x, y))
                    .cluster("inner gradient dy/dx = 1 - y^2, recorded by the outer tape", backward)
                    .output(dy).build().backward(dy);
        }
    }

    private static boolean isOutput(GradientTape tape, Tensor t) {
        for (RecordedOp op : tape.operations()) {
            if (op.output() == t) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        Args a = Args.parse("second-derivative-graph", args, "out=", "at=");
        Path dir = a.outDir();
        double at = a.doubleValue("at", 0.5);
        Graph g = graph(at);
        double t = Math.tanh(at);
        System.out.printf(Locale.ROOT, "y = tanh(x) at x = %s: the outer tape's graph contains the inner tape's"
                + " gradient computation%n%n", at);
        System.out.print(g);
        System.out.println();
        System.out.print(g.explain());
        System.out.println();
        System.out.printf(Locale.ROOT, "dy/dx   = %.12f (closed form 1 - tanh^2 x              = %.12f)%n",
                g.named("dy_dx").value().item(), 1 - t * t);
        System.out.printf(Locale.ROOT, "d2y/dx2 = %.12f (closed form -2 tanh x (1 - tanh^2 x) = %.12f)%n",
                g.named("x").gradient().item(), -2 * t * (1 - t * t));
        System.out.println();
        System.out.println("wrote " + g.writeHtml(dir.resolve("graph.html"), "Second derivative: a graph of a graph"));
        System.out.println("wrote " + g.writeDot(dir.resolve("graph.dot")));
    }
}
