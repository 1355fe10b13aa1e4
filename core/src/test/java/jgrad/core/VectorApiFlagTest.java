package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program on the class path that forgets {@code --add-modules jdk.incubator.vector} is told which
 * flag to add on its first op, not handed a NoClassDefFoundError naming a Vector API class. Runs a
 * child JVM on this test's class path, with and without the flag.
 */
class VectorApiFlagTest {
    /** The child program: one op through Tensor's fluent methods. */
    public static final class FirstOp {
        public static void main(String[] args) {
            System.out.println(Tensor.of(1f).add(Tensor.of(2f)));
        }
    }

    private static String run(boolean addVectorModule) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (addVectorModule) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FirstOp.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void missingFlagIsNamed() throws Exception {
        String out = run(false);
        assertThat(out).contains("NoClassDefFoundError: jdk/incubator/vector: jgrad's kernels need the Vector API")
                .contains("add --add-modules jdk.incubator.vector to the java command");
    }

    @Test
    void withTheFlagTheCheckPasses() throws Exception {
        // core's tests have no op library: with the flag the lookup goes on and finds none.
        String out = run(true);
        assertThat(out).doesNotContain("need the Vector API").contains("no implementation of jgrad.core.spi.");
    }
}
