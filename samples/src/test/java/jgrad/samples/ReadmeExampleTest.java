package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;
import jgrad.ops.Losses;
import org.junit.jupiter.api.Test;

/** The README's GradientTape example compiles, runs and prints the lecture notes' trajectory. */
class ReadmeExampleTest {

    /** The README's example, verbatim (checked by {@link #theReadmeShowsThisCode}). */
    static void readmeExample() {
        Tensor X = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {0}, {0}, {1}});
        Variable w = Variable.of(new float[][] {{0.01f}, {0.01f}});
        Variable b = Variable.of(0.01f);
        for (int r = 0; r < 10; r++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor a = X.matmul(w).add(b).sigmoid();
                Tensor L = Losses.binaryCrossEntropy(y, a);
                List<Tensor> g = tape.gradient(L, w, b);
                w.assignSub(g.get(0).mul(0.01f));
                b.assignSub(g.get(1).mul(0.01f));
            }
            System.out.printf("w = [%+.4f %+.4f], b = %+.4f%n", w.getDouble(0, 0), w.getDouble(1, 0), b.item());
        }
    }

    /**
     * The README's demo excerpt, verbatim (checked by {@link #theReadmeShowsTheDemoCode}); compiled
     * here so the excerpt stays valid code, not run (the demo itself is tested in SampleSmokeTest).
     */
    static Map<String, Double> readmeDemoExcerpt(long seed) {
        Dataset.Split s = SampleData.mnistTest().trainTestSplit(0.2, seed);
        Sequential model = new Sequential(Input.of(784), new Dense(128, "relu"), new Dense(64, "relu"),
                new Dense(10, "softmax"));
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(s.train().x(), s.train().y(), FitOptions.builder().epochs(10).batchSize(64)
                .validationSplit(0.1).build());
        Map<String, Double> test = model.evaluate(s.test().x(), s.test().y());
        LinePlot.history(h, "loss").save(Path.of("out/mnist-demo/loss.png"));
        return test;
    }

    /** The README's text block after "The core of it" holds readmeDemoExcerpt's statements. */
    @Test
    void theReadmeShowsTheDemoCode() throws IOException {
        String readme = Files.readString(locate("README.md"));
        Matcher m = Pattern.compile("The core of it.*?```text\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has the demo excerpt").isTrue();
        String source = normalize(Files.readString(locate("samples/src/test/java/jgrad/samples/ReadmeExampleTest.java")));
        assertThat(source).contains(normalize(m.group(1)));
        String demo = Files.readString(locate("samples/src/main/java/jgrad/samples/MnistDemo.java"));
        assertThat(demo).contains("new Sequential(Input.of(784), new Dense(128, \"relu\"), new Dense(64, \"relu\"), new"
                + " Dense(10, \"softmax\"))").contains("new Adam(1e-3), \"sparse_categorical_crossentropy\", \"accuracy\"");
    }

    @Test
    void printsTheNotesTrajectory() {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            readmeExample();
        } finally {
            System.setOut(old);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "w = [+0.0100 +0.0100], b = +0.0075",
                "w = [+0.0099 +0.0099], b = +0.0049",
                "w = [+0.0099 +0.0099], b = +0.0024",
                "w = [+0.0099 +0.0099], b = -0.0002",
                "w = [+0.0099 +0.0099], b = -0.0027",
                "w = [+0.0099 +0.0099], b = -0.0052",
                "w = [+0.0098 +0.0098], b = -0.0077",
                "w = [+0.0098 +0.0098], b = -0.0102",
                "w = [+0.0098 +0.0098], b = -0.0127",
                "w = [+0.0098 +0.0098], b = -0.0152");
    }

    /** The README's java block: its imports are this file's, its statements are readmeExample's. */
    @Test
    void theReadmeShowsThisCode() throws IOException {
        Path readme = locate("README.md");
        Path self = locate("samples/src/test/java/jgrad/samples/ReadmeExampleTest.java");
        String source = Files.readString(self);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        assertThat(m.find()).as("README.md has a java code block").isTrue();
        StringBuilder statements = new StringBuilder();
        for (String line : m.group(1).split("\n")) {
            String t = line.strip();
            if (t.startsWith("import ")) {
                assertThat(source).as("README import").contains("\n" + t + "\n");
            } else if (!t.isEmpty()) {
                statements.append(t).append('\n');
            }
        }
        assertThat(normalize(source)).contains(statements);
    }

    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }

    /** A file of the repository, found by walking up from the working folder (a module's). */
    static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
