package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.optimizers.Nadam;
import jgrad.nn.optimizers.schedules.ExponentialDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume: training 2 epochs equals training 1, saving the model, loading it in a new JVM
 * and training 1 more, bit for bit. The run exercises every piece of state: Nadam's moments,
 * step count and momentum product, a decaying learning rate (the schedule's position), an
 * unseeded Dropout (its generator split from the global one) and fit's shuffle (its seed drawn
 * from the global generator), and BatchNormalization's moving statistics.
 */
class ResumeTest {
    @TempDir
    Path dir;

    static Tensor x() {
        return Tensor.randomNormal(new Rng(1), 0, 1, 96, 6);
    }

    static Tensor y() {
        return Tensor.randomNormal(new Rng(2), 0, 1, 96, 1);
    }

    static Sequential model() {
        Layer.resetNames();
        Rng.setGlobalSeed(7);
        return new Sequential(Input.of(6), new Dense(16, "relu"), new Dropout(0.3),
                BatchNormalization.builder().build(), new Dense(8, "tanh"), new Dense(1));
    }

    /** Compiles as both runs do: the loss and optimizer settings are the caller's to repeat. */
    static void compile(Model m) {
        m.compile(new Nadam(new ExponentialDecay(0.02, 3, 0.9)), "mse");
    }

    static FitOptions epochs(int from, int to) {
        return FitOptions.builder().initialEpoch(from).epochs(to).batchSize(16).verbose(0).build();
    }

    /** The second half, in a new JVM: load, compile the same way, train epoch 2, save the weights. */
    public static final class SecondHalf {
        public static void main(String[] args) {
            Model m = Model.load(Path.of(args[0]));
            compile(m);
            m.fit(x(), y(), epochs(1, 2));
            m.saveWeights(Path.of(args[1]));
            System.out.println("resumed at step " + m.optimizer().iterations());
        }
    }

    static String runJava(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static Map<String, Tensor> values(Model m) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (Variable v : m.weights()) {
            out.put(v.name(), v.value());
        }
        return out;
    }

    static boolean sameBits(List<Variable> want, Map<String, Tensor> got) {
        for (Variable v : want) {
            float[] a = v.value().toFloatArray();
            float[] b = got.get(v.name()).toFloatArray();
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    return false;
                }
            }
        }
        return got.size() == want.size();
    }

    @Test
    void twoEpochsEqualOneSavedLoadedInANewJvmAndOneMore() throws Exception {
        Sequential straight = model();
        compile(straight);
        straight.fit(x(), y(), epochs(0, 2));

        Sequential first = model();
        compile(first);
        first.fit(x(), y(), epochs(0, 1));
        Path file = dir.resolve("after-epoch-1.jgrad");
        first.save(file);
        Path resumed = dir.resolve("resumed.safetensors");
        String out = runJava(SecondHalf.class, file.toString(), resumed.toString());
        assertThat(out).contains("resumed at step 12");
        assertThat(sameBits(straight.weights(), SafeTensors.read(resumed))).isTrue();

        // The comparison is sharp: resuming without the optimizer state gives other weights.
        Model forgetful = Model.load(file);
        compile(forgetful);
        forgetful.optimizer().reset();
        forgetful.fit(x(), y(), epochs(1, 2));
        Path lost = dir.resolve("lost.safetensors");
        forgetful.saveWeights(lost);
        assertThat(sameBits(straight.weights(), SafeTensors.read(lost))).isFalse();
    }

    @Test
    void inOneJvmAFitThatStartsWhereTheLastStoppedContinuesIt() {
        Sequential straight = model();
        compile(straight);
        straight.fit(x(), y(), epochs(0, 2));
        Sequential halves = model();
        compile(halves);
        halves.fit(x(), y(), epochs(0, 1));
        halves.fit(x(), y(), epochs(1, 2));
        assertThat(sameBits(straight.weights(), values(halves))).isTrue();
        assertThat(halves.trainingProgress().epoch()).isEqualTo(2);
    }

    @Test
    void aModelCheckpointFileResumesTheRunItWasTakenFrom() {
        Sequential straight = model();
        compile(straight);
        straight.fit(x(), y(), epochs(0, 3));
        Sequential checkpointed = model();
        compile(checkpointed);
        String pattern = dir.resolve("ckpt-{epoch:02d}.jgrad").toString();
        checkpointed.fit(x(), y(), FitOptions.builder().epochs(3).batchSize(16).verbose(0)
                .callbacks(new jgrad.nn.callbacks.ModelCheckpoint(pattern)).build());
        Model m = Model.load(dir.resolve("ckpt-01.jgrad"));
        assertThat(m.trainingProgress().epoch()).isEqualTo(1);
        compile(m);
        m.fit(x(), y(), epochs(1, 3));
        assertThat(sameBits(straight.weights(), values(m))).isTrue();
    }

    @Test
    void aShuffledDatasetResumesFromTheSavedStateOfItsGenerator() {
        jgrad.nn.data.Dataset data = jgrad.nn.data.Dataset.of(x(), y());
        Sequential straight = model();
        compile(straight);
        straight.fit(data.batches(16, 5), epochs(0, 2));
        Sequential first = model();
        compile(first);
        first.fit(data.batches(16, 5), epochs(0, 1));
        Path file = dir.resolve("dataset-run.jgrad");
        first.save(file);
        Model m = Model.load(file);
        compile(m);
        m.fit(data.batches(16, 5), epochs(1, 2)); // a new source with the same seed: the saved state wins
        assertThat(sameBits(straight.weights(), values(m))).isTrue();
    }
}
