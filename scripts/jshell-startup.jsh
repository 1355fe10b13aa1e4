// JShell startup for `./jgrad jshell`: jgrad's packages imported, and a short tour printed after
// JShell's welcome.
import java.util.*;
import java.nio.file.*;
import jgrad.core.*;
import jgrad.core.check.*;
import jgrad.ops.*;
import jgrad.inspect.*;
import jgrad.nn.*;
import jgrad.nn.layers.*;
import jgrad.nn.layers.conv.*;
import jgrad.nn.layers.pooling.*;
import jgrad.nn.layers.recurrent.*;
import jgrad.nn.layers.reshaping.*;
import jgrad.nn.layers.regularization.*;
import jgrad.nn.layers.attention.*;
import jgrad.nn.optimizers.*;
import jgrad.nn.losses.*;
import jgrad.nn.data.*;
import jgrad.nn.callbacks.*;
import jgrad.nn.plot.*;

/** Prints the tour again: a tensor, a tape, a gradient, the recorded graph, a second derivative. */
void tour() {
    System.out.println("""
        jgrad in JShell: jgrad.core.*, jgrad.ops.*, jgrad.inspect.*, jgrad.nn.* with its layers, optimizers,
        losses, data, callbacks and plot packages are imported. A large tensor echoes on one line
        (t.toFullString() prints every row).

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

        A model: Sequential m = new Sequential(Input.of(2), new Dense(4, "relu"), new Dense(1, "sigmoid"));
                 m.compile(new Adam(1e-2), "binary_crossentropy"); m.summary();

        More: docs/user-guide.md, docs/teaching.md; ./jgrad list shows the samples. tour() prints this again, /exit leaves.
        """);
}

// JShell prints its welcome after this script has run, and offers no hook after it. So the tour is
// printed by a thread once JShell itself (this JVM's parent process) has gone idle, waiting at its
// first prompt; at most 10 s later if its CPU time cannot be read.
{
    Thread tourAfterWelcome = new Thread(() -> {
        Optional<ProcessHandle> shell = ProcessHandle.current().parent();
        long deadline = System.nanoTime() + 10_000_000_000L;
        Optional<java.time.Duration> last = Optional.empty();
        int idle = 0;
        try {
            while (idle < 5 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                Optional<java.time.Duration> cpu = shell.flatMap(p -> p.info().totalCpuDuration());
                idle = cpu.isPresent() && cpu.equals(last) ? idle + 1 : 0;
                last = cpu;
            }
        } catch (InterruptedException e) {
            return;
        }
        System.out.println();
        tour();
        System.out.print("jshell> ");
        System.out.flush();
    }, "jgrad-tour");
    tourAfterWelcome.setDaemon(true);
    tourAfterWelcome.start();
}
