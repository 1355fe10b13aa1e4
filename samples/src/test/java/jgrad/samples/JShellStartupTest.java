package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jgrad jshell}'s startup (scripts/jshell-startup.jsh) in a real JShell, as the launcher
 * starts it: no snippet of the script is rejected, the packages a user types against (core, nn,
 * its layers, optimizers, losses, callbacks, plots, inspect) are imported, the tour runs and
 * prints its numbers, and a large tensor echoes on one line.
 */
@Tag("slow")
class JShellStartupTest {
    @Test
    void theStartupScriptImportsJgradAndItsTourRuns() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(List.of(jshell.toString(), "--class-path", cp, "-R--add-modules",
                "-Rjdk.incubator.vector", "--add-modules", "jdk.incubator.vector", "--startup", "DEFAULT", "--startup",
                Path.of("..", "scripts", "jshell-startup.jsh").toString(), "--feedback", "normal"))
                .redirectErrorStream(true).start();
        String input = String.join("\n",
                "Sequential m = new Sequential(Input.of(2), new Dense(4, \"relu\"), new Dropout(0.1),"
                        + " new Dense(1, \"sigmoid\"));",
                "m.compile(new Adam(1e-2), Loss.get(\"binary_crossentropy\"));",
                "Object[] more = {new Conv2D(2, 3), new MaxPooling2D(2), new LSTM(3), new Flatten(),"
                        + " new MultiHeadAttention(2, 4), new EarlyStopping(), LinePlot.titled(\"t\"), new Rng(1)};",
                "tour();",
                "Tensor.randomNormal(new Rng(1), 0, 1, 1000, 784)",
                "/exit", "");
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).doesNotContain("Error:").doesNotContain("Exception")
                .contains("d loss/dw = ").contains("closed form").contains("g ==> ");
        String echo = out.lines().filter(l -> l.contains("shape=[1000, 784]")).findFirst().orElse("");
        assertThat(echo).as(out).contains("Tensor(shape=[1000, 784]").contains("...");
    }
}
