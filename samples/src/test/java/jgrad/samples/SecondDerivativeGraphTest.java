package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.inspect.Cluster;
import jgrad.inspect.Graph;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** second-derivative-graph: the outer tape's graph holds the inner gradient, and differentiates it. */
class SecondDerivativeGraphTest {
    @Test
    void theOuterGraphContainsTheInnerGradientComputation() {
        Graph g = SecondDerivativeGraph.graph(0.5);
        double t = Math.tanh(0.5);
        assertThat(g.named("dy_dx").value().item()).isCloseTo(1 - t * t, Offset.offset(1e-15));
        assertThat(g.named("x").gradient().item()).isCloseTo(-2 * t * (1 - t * t), Offset.offset(1e-15));
        assertThat(g.clusters()).extracting(Cluster::label).containsExactly("inner tape: y = tanh(x)",
                "inner gradient dy/dx = 1 - y^2, recorded by the outer tape");
        assertThat(g.clusters().get(0).nodeIds()).containsExactly("n0", "n1");
        // Every node is in one of the two clusters: the forward pass or the gradient computation.
        assertThat(g.clusters().get(0).nodeIds().size() + g.clusters().get(1).nodeIds().size())
                .isEqualTo(g.nodes().size());
        assertThat(g.named("seed").value().item()).isEqualTo(1.0);
    }

    @Test
    void mainComparesWithTheClosedFormsAndWritesTheGraph(@TempDir Path dir) throws Exception {
        String out = ExplainBackpropTest.capture(() -> SecondDerivativeGraph.main(new String[] {"--out", dir.toString(), "--at", "1.5"}));
        double t = Math.tanh(1.5);
        assertThat(out).contains(String.format(java.util.Locale.ROOT, "d2y/dx2 = %.12f", -2 * t * (1 - t * t)));
        assertThat(out).contains("Step 5 of 5: y = tanh(x)");
        assertThat(Files.readString(dir.resolve("graph.dot"))).contains("subgraph cluster_c0", "subgraph cluster_c1");
        assertThat(Files.readString(dir.resolve("graph.html"))).contains("class=\"cluster\"");
    }
}
