package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DOT output parses back to exactly the graph's nodes, edges and clusters. */
class DotExporterTest {
    @Test
    void everyNodeAndEdgeOfTheNotesNetworkComesBack() {
        Graph g = new Notes003().graph();
        DotParser.Parsed p = DotParser.parse(g.toDot());
        assertThat(p.directed()).isTrue();
        assertThat(p.attributes()).containsEntry("label", "gradients of loss").containsEntry("rankdir", "TB");
        assertThat(p.nodes().keySet()).containsExactlyElementsOf(g.nodes().stream().map(Node::id).toList());
        for (Node n : g.nodes()) {
            Map<String, String> a = p.nodes().get(n.id());
            List<String> label = DotParser.lines(a.get("label"));
            assertThat(label.getFirst()).isEqualTo(n.isLeaf() ? n.name() : n.name() + " = " + n.op());
            assertThat(label.get(1)).isEqualTo(Values.shapeAndType(n.value()));
            assertThat(a.get("tooltip")).contains(n.kind().label() + " " + n.id() + ": value " + n.valueText());
            if (n.hasGradient()) {
                assertThat(label).contains("grad " + n.gradientText());
            }
            switch (n.kind()) {
                case VARIABLE -> assertThat(a).containsEntry("shape", "box").containsEntry("fillcolor", "#ffd8a8");
                case CONSTANT -> assertThat(a.get("style")).contains("dashed");
                case OP -> assertThat(a).containsEntry("shape", "ellipse");
                case WATCHED -> assertThat(a).containsEntry("fillcolor", "#d0ebff");
            }
        }
        assertThat(p.nodes().get("n14")).containsEntry("peripheries", "2");
        assertThat(p.nodes().get("n1").get("label")).isEqualTo("W1\\n[2, 4] float64\\nvalue [[0.5, 1, 7, 3], [1, 2, 1,"
                + " 0.5]]\\ngrad [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]");

        List<String> expected = new ArrayList<>();
        for (Edge e : g.edges()) {
            boolean several = g.node(e.to()).inputs().size() > 1;
            expected.add(e.from() + "->" + e.to() + (several ? ":" + (e.input() == 0 ? "x" : "y") : ""));
        }
        List<String> parsed = p.edges().stream()
                .map(e -> e.from() + "->" + e.to() + (e.attributes().containsKey("label") ? ":" + e.attributes().get("label")
                        : ""))
                .toList();
        assertThat(parsed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(p.clusters()).isEmpty();
    }

    @Test
    void clustersBecomeSubgraphsHoldingTheirMembers() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            Tensor z = y.mul(y).add(x);
            Graph g = Graph.builder(tape).name(x, "x").cluster("forward", List.of(x, y))
                    .cluster("then \"square\"", List.of(z)).build().backward(z);
            DotParser.Parsed p = DotParser.parse(g.toDot());
            assertThat(p.clusters()).containsOnlyKeys("cluster_c0", "cluster_c1");
            assertThat(p.clusters().get("cluster_c0")).containsExactly("n0", "n1");
            assertThat(p.clusters().get("cluster_c1")).containsExactly(g.nodeOf(z).id());
            assertThat(p.clusterAttributes().get("cluster_c1")).containsEntry("label", "then \"square\"");
            assertThat(p.nodes()).hasSize(g.nodes().size());
            assertThat(p.edges()).hasSize(g.edges().size());
            assertThat(p.nodes().get("n0")).containsEntry("fillcolor", "#d0ebff"); // watched, blue
        }
    }

    @Test
    void namesWithQuotesAndBackslashesAreEscaped() {
        Variable w = Variable.of(Tensor.of(new double[] {1, 2}), "w \"odd\" \\ name");
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = w.square().sum();
            Graph g = Graph.builder(tape).name(loss, "line1\nline2").build();
            DotParser.Parsed p = DotParser.parse(g.toDot());
            assertThat(DotParser.lines(p.nodes().get("n0").get("label")).getFirst()).isEqualTo("w \"odd\" \\ name");
            assertThat(DotParser.lines(p.nodes().get("n2").get("label"))).startsWith("line1", "line2 = sum");
            assertThat(p.attributes()).containsEntry("label", "recorded graph");
        }
    }

    @Test
    void theParserRejectsBrokenDot() {
        assertThatThrownBy(() -> DotParser.parse("digraph { a -> ; }")).hasMessageContaining("expected an ID");
        assertThatThrownBy(() -> DotParser.parse("digraph { a [label=\"x] }")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> DotParser.parse("digraph { a -- b }")).hasMessageContaining("edge operator --");
        assertThatThrownBy(() -> DotParser.parse("digraph { a } b")).hasMessageContaining("text after the graph");
    }

    @Test
    void graphvizAcceptsTheOutputWhereInstalled(@TempDir Path dir) throws Exception {
        String dot = findOnPath("dot");
        Assumptions.assumeTrue(dot != null, "Graphviz 'dot' is not on PATH: the syntax check against Graphviz itself is"
                + " skipped (the DOT parser tests above still ran)");
        Tensor x = Tensor.of(0.5);
        Graph g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            g = Graph.builder(tape).cluster("c \"1\"", List.of(x, y)).build().backward(y);
        }
        for (Graph graph : List.of(new Notes003().graph(), g)) {
            Path file = graph.writeDot(dir.resolve("g.dot"));
            Process p = new ProcessBuilder(dot, "-Tsvg", file.toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String svg = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(svg).isZero();
            assertThat(svg).contains("<svg").doesNotContain("Warning").doesNotContain("Error");
            assertThat(Files.readString(file)).isEqualTo(graph.toDot());
        }
    }

    static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
