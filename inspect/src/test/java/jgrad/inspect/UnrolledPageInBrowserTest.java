package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Example 6.1's unrolled page in headless Chromium: the time-step columns are drawn left to right
 * in time order, and stepping through the backward pass outlines the current step's column, which
 * moves right to left (t = 3, where the loss is, then 2, then 1). Skips, saying why, where no Chromium can be found or started.
 */
@Tag("slow")
class UnrolledPageInBrowserTest {
    @Test
    void theColumnsRunLeftToRightAndTheStepThroughWalksBackThroughTime() throws Exception {
        Optional<Path> exe = Chromium.executable();
        Assumptions.assumeTrue(exe.isPresent(), "no Chromium found: install Debian's chromium package to run the"
                + " browser test of the unrolled graph page");
        Chromium browser;
        try {
            browser = Chromium.start(exe.get());
        } catch (Exception e) {
            Assumptions.abort("Chromium at " + exe.get() + " could not be started: " + e.getMessage());
            return;
        }
        Graph graph = UnrolledGraphTest.example61(3);
        Path page = Files.createTempFile("jgrad-unrolled", ".html");
        try (browser) {
            graph.writeHtml(page, "Example 6.1 unrolled");
            browser.open(page);
            Map<String, Integer> stepOf = new HashMap<>();
            List<String> columns = new ArrayList<>();
            for (Cluster c : graph.clusters()) {
                if (c.isTimeStep()) {
                    stepOf.put(c.id(), c.timeStep());
                    columns.add(c.id());
                }
            }
            assertThat(columns).hasSize(3);
            double previous = Double.NEGATIVE_INFINITY;
            for (String id : columns) {
                double left = browser.eval("document.querySelector(\".cluster.time-step[data-id='" + id + "']\")"
                        + ".getBoundingClientRect().left").getAsDouble();
                assertThat(left).as("column " + id).isGreaterThan(previous);
                previous = left;
            }
            int total = browser.eval("window.jgradGraph.data.steps.length").getAsInt();
            assertThat(total).isEqualTo(graph.steps().size() + 2);
            List<Integer> visited = new ArrayList<>();
            for (int k = 0; k < total; k++) {
                String current = browser.eval("(() => { window.jgradGraph.step(" + k + "); const c ="
                        + " document.querySelectorAll('.cluster.current'); return c.length === 1 ? c[0].dataset.id"
                        + " : (c.length === 0 ? '' : 'many'); })()").getAsString();
                assertThat(current).as("step " + k).isNotEqualTo("many");
                if (k == total - 1) {
                    assertThat(current).as("done outlines no column").isEmpty();
                } else if (!current.isEmpty()) {
                    int t = stepOf.get(current);
                    if (visited.isEmpty() || visited.getLast() != t) {
                        visited.add(t);
                    }
                }
            }
            assertThat(visited).containsExactly(3, 2, 1);
            assertThat(browser.exceptions()).isEmpty();
        } finally {
            Files.deleteIfExists(page);
        }
    }
}
