package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Model;
import jgrad.nn.io.SafeTensors;
import jgrad.nn.optimizers.Adam;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill: the Spark training job runs in a child JVM (this JVM's class path and options),
 * writes its checkpoint after epoch 2, is killed with SIGKILL in the middle of epoch 3, and a
 * second child resumes from the checkpoint. Its final weights and optimizer state must equal an
 * uninterrupted run's bit for bit: the exact mode's two partials are added in double in an order
 * that cannot change the sum (a + b == b + a), and the checkpoint keeps float64 values as they are.
 */
@Tag("slow")
class KilledJobResumeTest {
    static final int N = 96;

    static SparkFitOptions.Builder options(int epochs) {
        return SparkFitOptions.builder().epochs(epochs).batchSize(20).seed(11).verbose(0);
    }

    @Test
    void aJobKilledMinus9MidEpochResumesToTheUninterruptedWeights(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("run.ckpt");
        Process killed = child(ckpt, 4, 3, 3, dir.resolve("killed.log"));
        String line = waitFor(killed, "HANGING", dir.resolve("killed.log"));
        assertThat(line).isEqualTo("HANGING in epoch 3");
        // Epoch 2's checkpoint is on disk before epoch 3 begins.
        assertThat(SafeTensors.readHeader(ckpt).metadata()).containsEntry("epochs_done", "2");
        killed.destroyForcibly();
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(137); // 128 + SIGKILL: no shutdown hook ran
        byte[] afterKill = Files.readAllBytes(ckpt);
        assertThat(SafeTensors.readHeader(ckpt).metadata()).containsEntry("epochs_done", "2");

        // A fresh JVM with a differently seeded model: everything it ends with comes from the checkpoint.
        Process resumed = child(ckpt, 4, 99, 0, dir.resolve("resumed.log"));
        String done = waitFor(resumed, "DONE", dir.resolve("resumed.log"));
        assertThat(done).isEqualTo("DONE");
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).isZero();
        String log = Files.readString(dir.resolve("resumed.log"));
        assertThat(log).contains("resuming from " + ckpt + " after epoch 2").contains("Epoch 3/4")
                .contains("Epoch 4/4").doesNotContain("Epoch 1/4").doesNotContain("Epoch 2/4");
        assertThat(Files.readAllBytes(ckpt)).isNotEqualTo(afterKill);

        // The uninterrupted run, here.
        SparkSession spark = TestSpark.session();
        Tensor[] data = TestSpark.blobs(N, 7);
        Model straight = TestSpark.mlp(DType.FLOAT64, 3, new Adam(0.01));
        new SparkTrainer(spark).fit(straight, SparkData.fromTensors(spark, data[0], data[1], 2), options(4).build());

        Map<String, Tensor> saved = SafeTensors.read(ckpt);
        assertThat(SafeTensors.readHeader(ckpt).metadata()).containsEntry("epochs_done", "4");
        Map<String, Tensor> expected = SparkCheckpoint.tensors(straight, true);
        assertThat(saved.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            assertThat(saved.get(e.getKey()).toDoubleArray()).as(e.getKey())
                    .containsExactly(e.getValue().toDoubleArray());
        }
        // And the weights really moved from epoch 2's.
        Model epoch2 = TestSpark.mlp(DType.FLOAT64, 99, new Adam(0.01));
        Path copy = dir.resolve("epoch2.ckpt");
        Files.write(copy, afterKill);
        SparkCheckpoint.load(copy, epoch2);
        assertThat(TestSpark.maxDiff(epoch2, straight)).isGreaterThan(1e-3);
        for (Variable v : straight.weights()) {
            assertThat(v.toDoubleArray()).doesNotContain(Double.NaN);
        }
    }

    /** Starts {@link ResumeChild} with this JVM's class path and options, output to {@code log}. */
    private static Process child(Path ckpt, int epochs, long seed, int hangIn, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Options only: a debugger or coverage agent of this JVM must not be started twice.
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xmx")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(),
                ckpt.toString(), Integer.toString(epochs), Long.toString(seed), Integer.toString(hangIn)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Polls the child's log until a line starts with {@code marker}; fails (with the log) if it dies or 3 minutes pass. */
    private static String waitFor(Process p, String marker, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(marker)) {
                    return line;
                }
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("the child JVM did not print " + marker + " (alive: " + p.isAlive() + "); its log:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }
}
