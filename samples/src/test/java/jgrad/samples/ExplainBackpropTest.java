package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.inspect.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain-backprop prints the notes' (003) backward pass with the notes' numbers. */
class ExplainBackpropTest {
    @Test
    void theGraphHoldsTheNotesGradients() {
        ExplainBackprop.Network net = ExplainBackprop.Network.ofNotes();
        Graph g = ExplainBackprop.graph(net);
        assertThat(g.named("loss").value().item()).isEqualTo(9213.25);
        assertThat(g.gradient(net.w2()).toDoubleArray2D()).isEqualTo(new double[][] {{903.75, 468.75}, {1687, 875},
                {3253.5, 1687.5}, {1506.25, 781.25}});
        assertThat(g.gradient(net.b2()).toDoubleArray2D()).isEqualTo(new double[][] {{120.5, 62.5}});
        assertThat(g.gradient(net.w1()).toDoubleArray2D()).isEqualTo(new double[][] {{736.5, 274.5, 1272, 910.5},
                {1227.5, 457.5, 2120, 1517.5}});
    }

    @Test
    void mainPrintsTheStepsAndTheTableAndWritesTheGraph(@TempDir Path dir) throws Exception {
        String out = capture(() -> ExplainBackprop.main(new String[] {"--out", dir.toString()}));
        assertThat(out).contains("  dL/dW2 = h^T @ g = [[7.5], [14], [27], [12.5]] @ [[120.5, 62.5]]\n"
                + "         = [[903.75, 468.75], [1687, 875], [3253.5, 1687.5], [1506.25, 781.25]]\n");
        assertThat(out).contains("  dL/dW1 = [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]\n");
        assertThat(out).contains("Numerical vs autodiff gradients: central differences with h = 0.0001 at loss 9213.25");
        assertThat(out).contains("wrote " + dir.resolve("graph.html"));
        assertThat(Files.readString(dir.resolve("graph.html"))).contains("Backprop through the notes' network (003)");
        assertThat(Files.readString(dir.resolve("graph.dot"))).startsWith("digraph jgrad {");
    }

    static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
