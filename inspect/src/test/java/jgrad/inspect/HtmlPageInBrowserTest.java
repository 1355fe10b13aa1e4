package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens the exported page in headless Chromium (Debian's chromium package; .ci/run installs it)
 * and uses it as a reader would: the SVG shows every node and edge, a mouse click on a node shows
 * its gradient, the buttons and arrow keys step through the backward pass. Skips, saying why,
 * where no Chromium can be found or started. Slow: starting the browser and the first layout take
 * several seconds.
 */
@Tag("slow")
class HtmlPageInBrowserTest {
    private static Chromium browser;
    private static String unavailable;
    private static Path page;
    private static Graph graph;

    @BeforeAll
    static void openBrowser() throws Exception {
        Optional<Path> exe = Chromium.executable();
        if (exe.isEmpty()) {
            unavailable = "no Chromium found (looked at -Djgrad.chromium, $CHROMIUM, and for chromium, chromium-browser"
                    + " and google-chrome on PATH): install Debian's chromium package (apt-get install chromium) to run"
                    + " the browser test of the HTML graph page";
            return;
        }
        try {
            browser = Chromium.start(exe.get());
        } catch (Exception e) {
            unavailable = "Chromium at " + exe.get() + " could not be started, so the browser test of the HTML graph"
                    + " page is skipped: " + e.getMessage();
            return;
        }
        graph = new Notes003().graph();
        page = Files.createTempFile("jgrad-graph", ".html");
        graph.writeHtml(page, "003");
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (page != null) {
            Files.deleteIfExists(page);
        }
    }

    /** Each test is skipped, with the reason, where there is no browser: never silently passed. */
    @BeforeEach
    void load() throws Exception {
        Assumptions.assumeTrue(browser != null, () -> unavailable);
        browser.open(page);
    }

    @Test
    void everyNodeAndEdgeIsDrawnWithArea() {
        assertThat(browser.eval("document.querySelectorAll('#graph .node').length").getAsInt())
                .isEqualTo(graph.nodes().size());
        assertThat(browser.eval("document.querySelectorAll('#graph path.edge').length").getAsInt())
                .isEqualTo(graph.edges().size());
        assertThat(browser.eval("[...document.querySelectorAll('#graph .node')].filter(n => { const r ="
                + " n.getBoundingClientRect(); return r.width > 20 && r.height > 10; }).length").getAsInt())
                .isEqualTo(graph.nodes().size());
        assertThat(browser.eval("[...document.querySelectorAll('#graph path.edge')].filter(e => e.getTotalLength() > 5)"
                + ".length").getAsInt()).isEqualTo(graph.edges().size());
        assertThat(browser.eval("document.querySelector('#node-n5 .t1').textContent").getAsString()).isEqualTo("W2");
        assertThat(browser.exceptions()).isEmpty();
    }

    @Test
    void clickingANodeShowsItsValueAndGradient() {
        browser.clickOn("#node-n5");
        assertThat(browser.eval("document.getElementById('details-title').textContent").getAsString())
                .isEqualTo("W2 (variable)");
        assertThat(browser.eval("document.querySelector('#details-body pre.grad').textContent").getAsString())
                .isEqualTo("[[903.75, 468.75],\n [1687, 875],\n [3253.5, 1687.5],\n [1506.25, 781.25]]");
        assertThat(browser.eval("document.querySelector('#details-body pre.value').textContent").getAsString())
                .isEqualTo("[[1, 2],\n [0.5, 0.5],\n [3, 1],\n [2, 1]]");
        assertThat(browser.eval("document.getElementById('node-n5').classList.contains('selected')").getAsBoolean())
                .isTrue();
        browser.clickOn("#node-n0");
        assertThat(browser.eval("document.getElementById('details-title').textContent").getAsString())
                .isEqualTo("x (constant)");
        assertThat(browser.eval("document.querySelector('#details-body .grad').textContent").getAsString())
                .isEqualTo("none: a constant takes no gradient");
        assertThat(browser.eval("document.getElementById('node-n5').classList.contains('selected')").getAsBoolean())
                .isFalse();
        assertThat(browser.exceptions()).isEmpty();
    }

    @Test
    void theButtonsAndArrowKeysStepThroughTheBackwardPass() {
        assertThat(text("step-title")).isEqualTo("Start: dL/dloss = 1");
        assertThat(browser.eval("document.getElementById('node-n14').classList.contains('current')").getAsBoolean())
                .isTrue();
        for (int i = 0; i < 6; i++) {
            browser.clickOn("#next");
        }
        assertThat(text("step-title")).isEqualTo("Step 6 of 8: n6 = matmul(h, W2)");
        assertThat(text("step-text")).contains("dL/dW2 = h^T @ g = [[7.5], [14], [27], [12.5]] @ [[120.5, 62.5]]")
                .contains("= [[903.75, 468.75], [1687, 875], [3253.5, 1687.5], [1506.25, 781.25]]");
        JsonArray marked = browser.eval("['current', 'receiving', 'done'].map(c => [...document.querySelectorAll("
                + "'#graph .node.' + c)].map(n => n.dataset.id).sort().join(' '))").getAsJsonArray();
        assertThat(marked.get(0).getAsString()).isEqualTo("n6");
        assertThat(marked.get(1).getAsString()).isEqualTo("n4 n5");
        assertThat(marked.get(2).getAsString()).isEqualTo("n10 n11 n12 n14 n8");
        assertThat(browser.eval("document.querySelectorAll('#graph path.edge.flow').length").getAsInt()).isEqualTo(2);
        browser.press("ArrowLeft", 37);
        assertThat(text("step-title")).isEqualTo("Step 5 of 8: o = add(n6, b2)");
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        assertThat(text("step-title")).isEqualTo("Done");
        assertThat(text("step-text")).contains("dL/dW1 = [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]");
        assertThat(browser.eval("document.getElementById('next').disabled").getAsBoolean()).isTrue();
        browser.clickOn("#reset");
        assertThat(text("step-title")).isEqualTo("Start: dL/dloss = 1");
        assertThat(browser.exceptions()).isEmpty();
    }

    @Test
    void aLinkCanOpenAtAStepWithANodeSelected() throws Exception {
        browser.eval("location.hash = 'step=8&node=n1'; new Promise(r => setTimeout(r, 50))");
        assertThat(text("step-title")).isEqualTo("Step 8 of 8: n2 = matmul(x, W1)");
        assertThat(text("details-title")).isEqualTo("W1 (variable)");
        assertThat(browser.exceptions()).isEmpty();
    }

    private static String text(String id) {
        return browser.eval("document.getElementById('" + id + "').textContent").getAsString();
    }
}
