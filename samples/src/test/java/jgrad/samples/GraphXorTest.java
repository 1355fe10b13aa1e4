package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.inspect.Graph;
import jgrad.inspect.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** graph-xor draws one training step of the XOR MLP, with every parameter's gradient. */
class GraphXorTest {
    @Test
    void theGraphCoversTheNetworkAndItsLoss() {
        Graph g = GraphXor.graph(1);
        assertThat(g.nodes().stream().filter(n -> n.kind() == Node.Kind.VARIABLE).map(Node::name).toList())
                .containsExactly("W1", "b1", "W2", "b2");
        assertThat(g.named("a1").op()).isEqualTo("sigmoid");
        assertThat(g.named("1-y").kind()).isEqualTo(Node.Kind.CONSTANT);
        assertThat(g.target()).map(Node::name).hasValue("loss");
        for (String p : new String[] {"W1", "b1", "W2", "b2"}) {
            assertThat(g.named(p).gradient()).as(p).isNotNull();
            assertThat(g.named(p).gradient().shape()).isEqualTo(g.named(p).value().shape());
        }
        assertThat(g.steps()).hasSize(15);
    }

    @Test
    void mainWritesHtmlAndDot(@TempDir Path dir) throws Exception {
        String out = ExplainBackpropTest.capture(() -> GraphXor.main(new String[] {"--out", dir.toString(), "--seed", "3"}));
        assertThat(out).contains("(seed 3)").contains("W1    variable").contains("wrote " + dir.resolve("graph.dot"));
        String html = Files.readString(dir.resolve("graph.html"));
        assertThat(html).contains("<title>XOR MLP: one training step</title>").contains("id=\"node-n1\"");
        assertThat(Files.readString(dir.resolve("graph.dot"))).contains("label=\"W1\\n[2, 2] float32");
    }
}
