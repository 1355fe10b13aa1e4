// JShell startup for `./jgrad jshell`: jgrad's packages imported, and a short tour printed.
import java.util.*;
import jgrad.core.*;
import jgrad.core.check.*;
import jgrad.ops.*;
import jgrad.inspect.*;

/** Prints the tour again: a tensor, a tape, a gradient, the recorded graph, a second derivative. */
void tour() {
    System.out.println("""
        jgrad in JShell: jgrad.core.*, jgrad.core.check.*, jgrad.ops.* and jgrad.inspect.* are imported.

        jshell> Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});""");
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    System.out.println(x);
    System.out.println("""

        jshell> Variable w = Variable.of(Tensor.of(new float[] {0.5f, -1f}), "w");
        jshell> try (GradientTape tape = new GradientTape()) {
           ...>     Tensor loss = x.matmul(w).square().mean();     // mean((x w)^2)
           ...>     System.out.println(loss + "  d loss/dw = " + tape.gradient(loss, w));
           ...> }""");
    Variable w = Variable.of(Tensor.of(new float[] {0.5f, -1f}), "w");
    try (GradientTape tape = new GradientTape()) {
        Tensor loss = x.matmul(w).square().mean();
        System.out.println(loss + "  d loss/dw = " + tape.gradient(loss, w));
    }
    System.out.println("""

        The tape is the graph: jgrad.inspect.Graph shows what it recorded, with the gradient at every node.
        jshell> Graph g;
        jshell> try (GradientTape tape = new GradientTape()) {
           ...>     Tensor loss = x.matmul(w).square().mean();
           ...>     g = Graph.builder(tape).name(x, "x").name(loss, "loss").build().backward(loss);
           ...> }
        jshell> g""");
    Graph g;
    try (GradientTape tape = new GradientTape()) {
        Tensor loss = x.matmul(w).square().mean();
        g = Graph.builder(tape).name(x, "x").name(loss, "loss").build().backward(loss);
    }
    System.out.print("g ==> " + g);
    System.out.println("""
        g.explain() prints the backward pass step by step with the numbers; g.writeHtml(Path.of("graph.html"))
        draws it (click a node, step through backprop); Graph.trace(in -> f(in), input) draws any function;
        GradientTable.compare(() -> loss(), List.of(w)) sets central differences beside the tape's gradients.

        Nested tapes differentiate twice: d2/dx2 tanh(x) at x = 0.5 (closed form -2 tanh(x)(1 - tanh^2 x))
        jshell> Tensor t = Tensor.of(0.5);   // a float64 scalar""");
    Tensor t = Tensor.of(0.5);
    try (GradientTape outer = new GradientTape()) {
        outer.watch(t);
        Tensor dy;
        try (GradientTape inner = new GradientTape()) {
            inner.watch(t);
            dy = inner.gradient(t.tanh(), t);
        }
        double th = Math.tanh(0.5);
        System.out.println("first " + dy.item() + ", second " + outer.gradient(dy, t).item() + " (closed form "
                + (-2 * th * (1 - th * th)) + ")");
    }
    System.out.println("""

        More: docs/user-guide.md, docs/teaching.md; ./jgrad list shows the samples. tour() prints this again, /exit leaves.
        """);
}
tour();
