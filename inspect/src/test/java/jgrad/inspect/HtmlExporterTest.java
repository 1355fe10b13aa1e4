package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page is self-contained, draws one SVG element per node and edge, and embeds the data the panel shows. */
class HtmlExporterTest {
    @Test
    void thePageNeedsNoNetwork() {
        String html = new Notes003().graph().toHtml("003");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>003</title>");
        // The SVG namespace is a name, not a download; nothing else may point outside the file.
        String scrubbed = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(scrubbed).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
                .doesNotContain("<script src").doesNotContain("@import").doesNotContain("url(http");
    }

    @Test
    void everyNodeAndEdgeIsDrawn() {
        Graph g = new Notes003().graph();
        String html = g.toHtml();
        for (Node n : g.nodes()) {
            assertThat(html).contains("<g class=\"node kind-" + n.kind().label());
            assertThat(html).contains("id=\"node-" + n.id() + "\" data-id=\"" + n.id() + "\"");
        }
        assertThat(count(html, "<g class=\"node ")).isEqualTo(g.nodes().size());
        assertThat(count(html, "<path class=\"edge\"")).isEqualTo(g.edges().size());
        for (Edge e : g.edges()) {
            assertThat(html).contains("data-from=\"" + e.from() + "\" data-to=\"" + e.to() + "\" data-input=\""
                    + e.input() + "\" d=\"M");
        }
        assertThat(html).contains("<g class=\"node kind-op result\" id=\"node-n14\"");
    }

    @Test
    void theEmbeddedDataHoldsValuesGradientsAndSteps() {
        Graph g = new Notes003().graph();
        JsonObject data = data(g.toHtml());
        assertThat(data.get("target").getAsString()).isEqualTo("n14");
        JsonArray nodes = data.getAsJsonArray("nodes");
        assertThat(nodes).hasSize(15);
        JsonObject w2 = nodes.get(5).getAsJsonObject();
        assertThat(w2.get("name").getAsString()).isEqualTo("W2");
        assertThat(w2.get("grad").getAsString())
                .isEqualTo("[[903.75, 468.75],\n [1687, 875],\n [3253.5, 1687.5],\n [1506.25, 781.25]]");
        assertThat(nodes.get(0).getAsJsonObject().get("grad").isJsonNull()).isTrue();
        assertThat(nodes.get(0).getAsJsonObject().get("differentiable").getAsBoolean()).isFalse();
        JsonArray steps = data.getAsJsonArray("steps");
        assertThat(steps).hasSize(10); // the seed, eight ops, the result
        assertThat(steps.get(0).getAsJsonObject().get("title").getAsString()).isEqualTo("Start: dL/dloss = 1");
        JsonObject six = steps.get(6).getAsJsonObject();
        assertThat(six.get("title").getAsString()).isEqualTo("Step 6 of 8: n6 = matmul(h, W2)");
        assertThat(six.get("inputs").toString()).isEqualTo("[\"n4\",\"n5\"]");
        assertThat(six.get("text").getAsString()).startsWith("rule: matmul: dL/dx = g @ y^T").contains(
                "dL/dW2 = h^T @ g = [[7.5], [14], [27], [12.5]] @ [[120.5, 62.5]]");
        assertThat(steps.get(9).getAsJsonObject().get("text").getAsString()).contains("dL/dW1 = [[736.5,");
    }

    @Test
    void namesCannotBreakOutOfTheMarkupOrTheScript() {
        Variable w = Variable.of(Tensor.of(new double[] {1}), "</script><b>&'\"");
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = w.square().sum();
            String html = Graph.of(tape).backward(loss).toHtml("<i>title</i>");
            assertThat(html).contains("<title>&lt;i&gt;title&lt;/i&gt;</title>");
            assertThat(html).contains("&lt;/script&gt;&lt;b&gt;&amp;&#39;&quot;");
            assertThat(count(html, "</script>")).isEqualTo(2); // the data block and the program
            assertThat(data(html).getAsJsonArray("nodes").get(0).getAsJsonObject().get("name").getAsString())
                    .isEqualTo("</script><b>&'\"");
        }
    }

    @Test
    void graphsWithoutGradientsHaveNoSteps() {
        Graph g = Graph.trace(x -> x.exp().sum(), Tensor.of(new double[] {1, 2}));
        JsonObject data = data(g.toHtml());
        assertThat(data.getAsJsonArray("steps")).isEmpty();
        assertThat(data.get("target").isJsonNull()).isTrue();
    }

    @Test
    void clustersAreDrawnAsBoxes() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            String html = Graph.builder(tape).cluster("forward pass", List.of(x, y)).build().toHtml();
            assertThat(html).contains("<g class=\"cluster\" data-id=\"c0\"><rect").contains(">forward pass</text>");
            assertThat(data(html).getAsJsonArray("nodes").get(1).getAsJsonObject().get("cluster").getAsString())
                    .isEqualTo("forward pass");
        }
    }

    @Test
    void longClusterLabelsAreShortenedOnlyWhereTheyWouldNotFit() {
        assertThat(HtmlExporter.fit("forward", 200)).isEqualTo("forward");
        assertThat(HtmlExporter.fit("a very long cluster label indeed", 72)).isEqualTo("a very lo\u2026");
        assertThat(HtmlExporter.fit("abc", 1)).isEqualTo("\u2026");
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            String label = "inner gradient dy/dx = 1 - y^2, recorded by the outer tape";
            String html = Graph.builder(tape).cluster(label, List.of(x, y)).build().toHtml();
            assertThat(html).contains("<title>" + label + "</title>").contains(">" + label + "</text>");
        }
    }

    @Test
    void writeHtmlReplacesTheFileAtomically(@TempDir Path dir) throws Exception {
        Graph g = new Notes003().graph();
        Path file = dir.resolve("sub/graph.html");
        assertThat(g.writeHtml(file, "first")).isEqualTo(file.toAbsolutePath());
        assertThat(Files.readString(file)).contains("<title>first</title>");
        g.writeHtml(file);
        assertThat(Files.readString(file)).contains("<title>jgrad graph</title>");
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("graph.html");
        }
    }

    static JsonObject data(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        return JsonParser.parseString(m.group(1)).getAsJsonObject();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
