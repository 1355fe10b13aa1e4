package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered sample reads its command line with the one {@link Args} parser, before any
 * work: {@code --help} lists its options, an unknown option is a usage error listing them, and
 * the launcher prints a user's mistake as one line with exit code 2. Cheap: no sample trains here
 * (the parser throws before training starts; a sample that parsed late would train and fail the
 * time budget of this test, or print before the exception).
 */
class SampleOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void everySampleAnswersHelpWithItsOptionsBeforeDoingAnyWork() {
        for (Samples.Sample s : Samples.all()) {
            PrintStream old = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Args.HelpRequest help;
            try {
                help = catchThrowableOfType(Args.HelpRequest.class, () -> s.main().accept(new String[] {"--help"}));
            } finally {
                System.setOut(old);
            }
            assertThat(help).as(s.name() + " --help").isNotNull();
            assertThat(printed.toString(StandardCharsets.UTF_8)).as(s.name() + " printed before parsing").isEmpty();
            String usage = help.getMessage();
            assertThat(usage).as(s.name()).startsWith("usage: ./jgrad run " + s.name());
            // docs/samples.md: samples that train take --quick (a short run). Not the benchmarks (their
            // options set the timed work) nor sigmoid-gd (the note's five epochs on four points).
            boolean trains = usage.contains("[--epochs N]");
            if (trains && !s.name().endsWith("-benchmark") && !s.name().equals("sigmoid-gd")) {
                assertThat(usage).as(s.name() + " trains").contains("[--quick]");
            }
        }
    }

    @Test
    void everySampleRejectsAnUnknownOptionListingTheKnownOnes() {
        for (Samples.Sample s : Samples.all()) {
            assertThatThrownBy(() -> s.main().accept(new String[] {"--no-such-option"})).as(s.name())
                    .isInstanceOf(Args.UsageException.class)
                    .hasMessageStartingWith(s.name() + ": unknown option --no-such-option; options: ");
            assertThatThrownBy(() -> s.main().accept(new String[] {"stray"})).as(s.name())
                    .isInstanceOf(Args.UsageException.class).hasMessageContaining("unexpected argument 'stray'");
        }
    }

    @Test
    void theIssuesCommandLinesDoWhatTheySay() throws IOException {
        // explain-backprop --out DIR wrote to a folder named "--out"; graph-xor --seed 3 to "--seed".
        Path explain = tmp.resolve("explain");
        run("explain-backprop", "--out", explain.toString());
        assertThat(explain.resolve("graph.html")).isRegularFile();
        Path graph = tmp.resolve("graph");
        assertThat(run("graph-xor", "--seed", "3", "--out", graph.toString())).contains("(seed 3)");
        assertThat(graph.resolve("graph.dot")).isRegularFile();
        assertThat(tmp.resolve("--out")).doesNotExist();
        // xor-tape --quick threw NumberFormatException.
        assertThat(run("xor-tape", "--quick")).contains("accuracy");
        assertThat(run("xor-tape", "--steps=50", "--seed", "2")).contains("accuracy");
    }

    @Test
    @Tag("slow")
    void quickRunsOfSmallSamplesFinish() {
        assertThat(run("codegen-tour", "--quick", "--out", tmp.toString())).contains("fused");
        assertThat(run("hebb-oja", "--quick", "--out", tmp.toString())).contains("Oja");
        assertThat(run("instar", "--out", tmp.toString())).isNotEmpty();
    }

    @Test
    void mistakesAreOneLineUsageErrors() throws IOException {
        assertThatThrownBy(() -> run("xor-tape", "--steps", "many")).isInstanceOf(Args.UsageException.class)
                .hasMessage("xor-tape: --steps needs a whole number, got 'many'");
        assertThatThrownBy(() -> run("xor-tape", "--steps", "0")).isInstanceOf(Args.UsageException.class)
                .hasMessage("xor-tape: --steps must be at least 1, got 0");
        assertThatThrownBy(() -> run("xor-tape", "--seed")).isInstanceOf(Args.UsageException.class)
                .hasMessageStartingWith("xor-tape: --seed needs a value");
        assertThatThrownBy(() -> run("xor-tape", "--quick=yes")).isInstanceOf(Args.UsageException.class)
                .hasMessageStartingWith("xor-tape: --quick takes no value");
        assertThatThrownBy(() -> run("highway", "--transform-bias", "4f")).isInstanceOf(Args.UsageException.class)
                .hasMessage("highway: --transform-bias needs a number, got '4f'");
        Path missing = tmp.resolve("no-mnist-here");
        assertThatThrownBy(() -> run("mnist-demo", "--data", missing.toString()))
                .isInstanceOf(Args.UsageException.class).hasMessage("mnist-demo: --data " + missing + ": no such folder");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> run("lenet", "--data", empty.toString())).isInstanceOf(Args.UsageException.class)
                .hasMessageStartingWith("lenet: ").hasMessageContaining(empty.toString());
        for (String sample : List.of("mnist-demo", "lenet", "mnist-mlp")) {
            assertThatThrownBy(() -> run(sample, "--data", empty.toString())).as(sample)
                    .isInstanceOf(Args.UsageException.class);
        }
    }

    @Test
    void theLauncherPrintsAMistakeAsOneLineWithExitCodeTwo() throws Exception {
        Result bad = launch("run", "xor-tape", "--steps", "x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr().strip()).isEqualTo("xor-tape: --steps needs a whole number, got 'x'");
        Result help = launch("run", "graph-xor", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).startsWith("usage: ./jgrad run graph-xor [--out DIR] [--seed N]");
        assertThat(help.stderr()).isEmpty();
    }

    private record Result(int exit, String stdout, String stderr) {}

    /** Runs {@link Samples#main} in a fresh JVM, as ./jgrad does, to see its exit code and streams. */
    private Result launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Samples.class.getName()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        String stderr = Files.readString(err).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        return new Result(code, Files.readString(out), stderr);
    }

    private static String run(String name, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Samples.find(name).main().accept(args);
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
