package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

class GraphTest {
    @Test
    void nodesAndEdgesFollowTheTapeRecord() {
        Notes003 n = new Notes003();
        Graph g = n.graph();
        assertThat(g.nodes()).extracting(Node::id).containsExactly("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8",
                "n9", "n10", "n11", "n12", "n13", "n14");
        assertThat(g.nodes()).extracting(Node::name).containsExactly("x", "W1", "n2", "b1", "h", "W2", "n6", "b2", "o",
                "y", "n10", "n11", "n12", "2", "loss");
        assertThat(g.nodes().stream().filter(x -> !x.isLeaf()).map(Node::op).toList())
                .containsExactly("matmul", "add", "matmul", "add", "sub", "square", "sum", "div");
        assertThat(g.node("n2").inputs()).containsExactly("n0", "n1");
        assertThat(g.edges()).hasSize(14).contains(new Edge("n0", "n2", 0), new Edge("n1", "n2", 1),
                new Edge("n13", "n14", 1));
        assertThat(g.nodeOf(n.w1).kind()).isEqualTo(Node.Kind.VARIABLE);
        assertThat(g.nodeOf(n.x).kind()).isEqualTo(Node.Kind.CONSTANT);
        assertThat(g.nodeOf(n.h).kind()).isEqualTo(Node.Kind.OP);
        assertThat(g.node("n13").kind()).isEqualTo(Node.Kind.CONSTANT);
        assertThat(g.output().name()).isEqualTo("loss");
        assertThat(g.target()).map(Node::name).hasValue("loss");
        assertThat(g.nodeOf(n.h).value().toDoubleArray()).containsExactly(7.5, 14, 27, 12.5);
        assertThat(g.nodeOf(n.o).value().toDoubleArray()).containsExactly(121.5, 62.5);
        assertThat(g.node("n12").opDetail()).isEqualTo("sum(axes=[], keepDims=false)");
        assertThat(g.node("n2").opDetail()).isNull(); // matmul without transposes: nothing to say
        assertThat(g.node("n2").sequence()).isLessThan(g.node("n4").sequence());
        assertThat(g.node("n0").sequence()).isEqualTo(-1);
    }

    @Test
    void gradientsAtEveryNodeMatchTheNotesAndTheTape() {
        Notes003 n = new Notes003();
        Graph g = n.graph();
        assertThat(g.gradient(n.w1).toDoubleArray2D()).isEqualTo(Notes003.DW1);
        assertThat(g.gradient(n.b1).toDoubleArray2D()).isEqualTo(Notes003.DB1);
        assertThat(g.gradient(n.w2).toDoubleArray2D()).isEqualTo(Notes003.DW2);
        assertThat(g.gradient(n.b2).toDoubleArray2D()).isEqualTo(Notes003.DB2);
        assertThat(g.gradient(n.h).toDoubleArray2D()).isEqualTo(Notes003.DB1);
        assertThat(g.gradient(n.o).toDoubleArray2D()).isEqualTo(Notes003.DB2);
        assertThat(g.gradient(n.loss).item()).isEqualTo(1.0);
        assertThat(g.gradient(n.x)).as("constants take no gradient").isNull();
        assertThat(g.gradient(n.y)).isNull();
        assertThat(g.isDifferentiable(g.nodeOf(n.x))).isFalse();
        assertThat(g.isDifferentiable(g.nodeOf(n.w1))).isTrue();
    }

    @Test
    void gradientsEqualTheTapesOnARandomMlpInFloat32() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 5, 3);
        Variable w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 3, 4), "w1");
        Variable b1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 4), "b1");
        Variable w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 4, 2), "w2");
        try (GradientTape tape = GradientTape.persistent()) {
            Tensor hidden = x.matmul(w1).add(b1).tanh();
            Tensor loss = hidden.matmul(w2).softmax().log().neg().mean().add(hidden.square().sum().mul(0.01));
            Graph g = Graph.of(tape).backward(loss);
            List<Tensor> expected = tape.gradient(loss, w1, b1, w2);
            assertThat(g.gradient(w1).allClose(expected.get(0), 1e-6, 1e-6)).isTrue();
            assertThat(g.gradient(b1).allClose(expected.get(1), 1e-6, 1e-6)).isTrue();
            assertThat(g.gradient(w2).allClose(expected.get(2), 1e-6, 1e-6)).isTrue();
            assertThat(tape.gradient(loss, hidden).allClose(g.gradient(hidden), 1e-6, 1e-6)).isTrue();
        }
    }

    @Test
    void watchedLeavesAreFoundOrDeclared() {
        Tensor a = Tensor.of(new double[] {1, 2});
        Tensor b = Tensor.of(new double[] {3, 4});
        Tensor c = Tensor.of(new double[] {5, 6});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(a, c);
            Tensor t = a.tanh();            // a is the only input: it must have been watched
            Tensor u = t.mul(b).mul(c);     // b and c are ambiguous next to an op output
            Graph plain = Graph.of(tape);
            assertThat(plain.nodeOf(a).kind()).isEqualTo(Node.Kind.WATCHED);
            assertThat(plain.nodeOf(b).kind()).isEqualTo(Node.Kind.CONSTANT);
            assertThat(plain.nodeOf(c).kind()).isEqualTo(Node.Kind.CONSTANT);
            Graph declared = Graph.builder(tape).watched(c).build().backward(u);
            assertThat(declared.nodeOf(c).kind()).isEqualTo(Node.Kind.WATCHED);
            assertThat(declared.gradient(c).toDoubleArray()).containsExactly(
                    tape.gradient(u, c).toDoubleArray());
            assertThat(declared.gradient(b)).isNull();
            assertThat(declared.gradient(a).toDoubleArray()).containsExactly(tape.gradient(u, a).toDoubleArray());
        }
    }

    @Test
    void frozenVariablesTakeNoGradientUnlessWatched() {
        Variable frozen = Variable.of(Tensor.of(new double[] {2, 3}), "frozen", false);
        Variable w = Variable.of(Tensor.of(new double[] {1, 1}), "w");
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = w.mul(frozen).sum();
            Graph g = Graph.of(tape).backward(loss);
            assertThat(g.nodeOf(frozen).kind()).isEqualTo(Node.Kind.VARIABLE);
            assertThat(g.gradient(frozen)).isNull();
            assertThat(g.gradient(w).toDoubleArray()).containsExactly(2, 3);
            assertThat(Graph.builder(tape).watched(frozen).build().backward(loss).gradient(frozen).toDoubleArray())
                    .containsExactly(1, 1);
        }
    }

    @Test
    void namesMustBeUniqueInTextAndLiteralsShowTheirValue() {
        Variable a = Variable.of(Tensor.of(new double[] {1}), "kernel");
        Variable b = Variable.of(Tensor.of(new double[] {2}), "kernel");
        try (GradientTape tape = new GradientTape()) {
            Tensor s = a.mul(3.0).add(b.mul(3.0));
            Graph g = Graph.builder(tape).name(s, "s").build();
            assertThat(g.nodes()).extracting(Node::name).containsExactly("kernel@n0", "3", "n2", "kernel@n3", "3", "n5",
                    "s");
            assertThat(g.named("s").op()).isEqualTo("add");
            assertThatThrownBy(() -> g.named("kernel")).hasMessageContaining("no node named 'kernel'");
        }
    }

    @Test
    void clustersGroupNodesAndRefuseOverlaps() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            Tensor z = y.square();
            Graph g = Graph.builder(tape).cluster("first", List.of(x, y)).cluster("second", List.of(z)).build();
            assertThat(g.clusters()).containsExactly(new Cluster("c0", "first", List.of("n0", "n1")),
                    new Cluster("c1", "second", List.of("n2")));
            assertThat(g.clusterOf("n1")).map(Cluster::label).hasValue("first");
            assertThat(g.clusterOf("n9")).isEmpty();
            assertThatThrownBy(() -> Graph.builder(tape).cluster("a", List.of(y)).cluster("b", List.of(y)).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("node n1 [] is in cluster 'a' and in cluster 'b'");
            assertThatThrownBy(() -> Graph.builder(tape).cluster("a", List.of(y)).cluster("a", List.of(z)))
                    .hasMessageContaining("a cluster named 'a' was already added");
        }
    }

    @Test
    void traceDrawsAnyFunctionWithoutTapeCode() {
        Variable w = Variable.of(Tensor.of(new float[][] {{1, 2}, {3, 4}}), "kernel");
        Variable bias = Variable.of(Tensor.of(new float[] {0.5f, -0.5f}), "bias");
        Tensor batch = Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        Graph g = Graph.trace(in -> in.matmul(w).add(bias).relu(), batch);
        assertThat(g.nodes()).extracting(Node::name).containsExactly("input", "kernel", "n2", "bias", "n4", "output");
        assertThat(g.named("input").kind()).isEqualTo(Node.Kind.WATCHED);
        assertThat(g.output().op()).isEqualTo("relu");
        assertThat(g.hasGradients()).isFalse();
        Graph back = g.backward();
        assertThat(back.named("kernel").gradient().toDoubleArray()).containsExactly(2, 2, 2, 2);
        assertThat(back.named("input").gradient().toDoubleArray()).containsExactly(3, 7, 3, 7, 3, 7);

        Graph two = Graph.trace(in -> in.get(0).mul(in.get(1)).sum(), List.of(Tensor.of(2.0), Tensor.of(5.0)));
        assertThat(two.nodes()).extracting(Node::name).containsExactly("input0", "input1", "n2", "output");
        assertThat(two.backward().named("input1").gradient().item()).isEqualTo(2.0);
    }

    @Test
    void traceRefusesFunctionsThatRecordNothing() {
        assertThatThrownBy(() -> Graph.trace(in -> Tensor.ones(2), Tensor.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trace: nothing was recorded");
        assertThatThrownBy(() -> Graph.trace(in -> {
            in.exp();
            return Tensor.ones(2);
        }, Tensor.of(1.0))).hasMessageContaining("is not an output of a recorded op");
        assertThatThrownBy(() -> Graph.trace(in -> null, Tensor.of(1.0))).hasMessageContaining("returned null");
    }

    @Test
    void spentTapesAndStrangersAreRefusedClearly() {
        Tensor x = Tensor.of(1.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.exp();
            tape.gradient(y, x);
            assertThatThrownBy(() -> Graph.of(tape)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("recorded no operations")
                    .hasMessageContaining("build the graph before calling gradient");
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.exp();
            Tensor stranger = Tensor.of(1.0);
            assertThatThrownBy(() -> Graph.builder(tape).name(stranger, "s").build())
                    .hasMessageContaining("name 's': the tensor [] float64 is not an input or output of any recorded op");
            assertThatThrownBy(() -> Graph.builder(tape).name(y, " ")).hasMessageContaining("blank");
            Graph g = Graph.of(tape);
            assertThatThrownBy(() -> g.nodeOf(stranger)).hasMessageContaining("is not in this graph");
            assertThatThrownBy(() -> g.node("n7")).hasMessageContaining("no node 'n7'; nodes are n0 .. n1");
            assertThatThrownBy(() -> g.gradient(y)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call backward(target) first");
            assertThatThrownBy(g::explain).hasMessageContaining("call backward(target) first");
            assertThatThrownBy(() -> g.backward(stranger)).hasMessageContaining("is not in this graph");
        }
    }

    @Test
    void backwardNeedsAFloatingTarget() {
        Tensor x = Tensor.of(new double[] {1, 2});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor mask = x.greater(1.5);
            Graph g = Graph.of(tape);
            assertThatThrownBy(() -> g.backward(mask)).hasMessageContaining("is [2] bool; only float32 or float64");
        }
    }

    @Test
    void variablesAreReadWhenTheGraphIsBuilt() {
        Variable w = Variable.of(Tensor.of(new double[] {2}), "w");
        try (GradientTape tape = GradientTape.persistent()) {
            Tensor loss = w.square().sum();
            Graph g = Graph.of(tape);
            w.assign(Tensor.of(new double[] {10}));
            Graph back = g.backward(loss);
            assertThat(back.named("w").value().toDoubleArray()).containsExactly(2);
            assertThat(back.gradient(w).toDoubleArray()).containsExactly(4);
        }
    }

    @Test
    void buildingAndExplainingInsideAnOpenTapeRecordsNothingOnIt() {
        Notes003 n = new Notes003();
        try (GradientTape outer = GradientTape.persistent()) {
            Tensor loss = n.lossNow();
            int before = outer.operations().size();
            Graph g = Graph.of(outer).backward(loss);
            g.explain();
            g.toHtml();
            assertThat(outer.operations()).hasSize(before);
        }
    }

    @Test
    void toStringListsEveryNodeWithValuesAndGradients() {
        String s = new Notes003().graph().toString();
        assertThat(s).startsWith("Graph: 15 nodes (8 ops, 4 variables, 0 watched, 3 constants), 14 edges; gradients of"
                + " loss\n");
        assertThat(s).contains("W1    variable         [2, 4] float64  value [[0.5, 1, 7, 3], [1, 2, 1, 0.5]]  grad"
                + " [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]");
        assertThat(s).contains("h     = add(n2, b1)    [1, 4] float64  value [[7.5, 14, 27, 12.5]]");
        assertThat(s.lines().count()).isEqualTo(16);
        Tensor x = Tensor.of(1.0);
        assertThat(Graph.trace(Tensor::exp, x).toString()).contains("no gradients yet (call backward)");
    }

    @Test
    void builderAcceptsRecordedOpsFromSeveralTapesOnce() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape outer = new GradientTape(); GradientTape inner = new GradientTape()) {
            outer.watch(x);
            inner.watch(x);
            Tensor y = x.tanh();
            List<jgrad.core.RecordedOp> both = new java.util.ArrayList<>(inner.operations());
            both.addAll(outer.operations());
            Graph g = Graph.builder(both).build();
            assertThat(g.nodes()).hasSize(2);
            assertThat(g.nodeOf(y).op()).isEqualTo("tanh");
        }
    }
}
