package jgrad.nn.io;

import static jgrad.nn.io.ResumeTest.compile;
import static jgrad.nn.io.ResumeTest.model;
import static jgrad.nn.io.ResumeTest.runJava;
import static jgrad.nn.io.ResumeTest.sameBits;
import static jgrad.nn.io.ResumeTest.values;
import static jgrad.nn.io.ResumeTest.x;
import static jgrad.nn.io.ResumeTest.y;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.nn.FitOptions;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.Callback;
import jgrad.nn.callbacks.EarlyStopping;
import jgrad.nn.callbacks.ModelCheckpoint;
import jgrad.nn.callbacks.ReduceLROnPlateau;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume with stateful callbacks: 4 epochs straight equal 2 epochs, a save, a load in a
 * new JVM and 2 more, bit for bit, while ReduceLROnPlateau lowers the learning rate and counts
 * its cooldown, EarlyStopping counts its patience and ModelCheckpoint keeps its best. The
 * thresholds make the callbacks' memory decide the run: the loss only "improves" in epoch 1
 * ({@code minDelta} 10), so the rate is halved after epoch 2 and, after a cooldown of 2, after
 * epoch 4, and EarlyStopping stops at epoch 4; a resumed run that forgot the callbacks' states
 * would train epoch 3 at the original rate and not stop.
 */
class CallbackResumeTest {
    @TempDir
    Path dir;

    static List<Callback> callbacks(Path checkpoints) {
        return List.of(new ModelCheckpoint(checkpoints.resolve("best.jgrad").toString()).monitor("loss")
                .saveBestOnly(true), new EarlyStopping("loss").minDelta(10).patience(3),
                new ReduceLROnPlateau("loss").minDelta(10).patience(1).cooldown(2).factor(0.5));
    }

    static FitOptions epochs(int from, int to, List<Callback> callbacks) {
        return FitOptions.builder().initialEpoch(from).epochs(to).batchSize(16).verbose(0).callbacks(callbacks).build();
    }

    /** What the callbacks and the optimizer end with, to compare the two runs by. */
    static String summary(Model m, List<Callback> cbs) {
        return String.format(Locale.ROOT, "lr=%s stopped=%d best=%s", m.optimizer().learningRate(),
                ((EarlyStopping) cbs.get(1)).stoppedEpoch(), ((ModelCheckpoint) cbs.get(0)).best());
    }

    /** The second half in a new JVM: load, compile as before, train epochs 3 and 4 with fresh callbacks. */
    public static final class SecondHalf {
        public static void main(String[] args) {
            Model m = Model.load(Path.of(args[0]));
            compile(m);
            List<Callback> cbs = callbacks(Path.of(args[2]));
            m.fit(x(), y(), epochs(2, 4, cbs));
            m.saveWeights(Path.of(args[1]));
            System.out.println(summary(m, cbs));
        }
    }

    @Test
    void fourEpochsEqualTwoSavedLoadedInANewJvmAndTwoMoreWithStatefulCallbacks() throws Exception {
        Sequential straight = model();
        compile(straight);
        List<Callback> cbs = callbacks(dir);
        straight.fit(x(), y(), epochs(0, 4, cbs));
        String want = summary(straight, cbs);
        assertThat(want).contains("stopped=3");

        Sequential first = model();
        compile(first);
        first.fit(x(), y(), epochs(0, 2, callbacks(dir)));
        // Halved after epoch 2 from the schedule's rate at step 12, 0.02 * 0.9^(12 / 3).
        assertThat(first.optimizer().learningRate()).as("lowered after epoch 2")
                .isCloseTo(0.5 * 0.02 * Math.pow(0.9, 4), org.assertj.core.data.Offset.offset(1e-15));
        Path file = dir.resolve("after-epoch-2.jgrad");
        first.save(file);
        Path resumed = dir.resolve("resumed.safetensors");
        String out = runJava(SecondHalf.class, file.toString(), resumed.toString(), dir.resolve("b").toString());
        assertThat(out.strip()).endsWith(want);
        assertThat(sameBits(straight.weights(), SafeTensors.read(resumed))).isTrue();

        // Sharp: the same resume with the callbacks' states dropped lowers the rate a step early.
        Model forgetful = Model.load(file);
        forgetful.trainingProgress().restoreCallbackStates(Map.of());
        compile(forgetful);
        List<Callback> fresh = callbacks(dir.resolve("c"));
        forgetful.fit(x(), y(), epochs(2, 4, fresh));
        assertThat(summary(forgetful, fresh)).isNotEqualTo(want);
        assertThat(sameBits(straight.weights(), values(forgetful))).isFalse();
    }

    @Test
    void aCheckpointWrittenDuringFitCarriesTheStatesAfterThatEpoch() {
        Sequential m = model();
        compile(m);
        // The checkpoint listed first still writes after the others have seen the epoch.
        List<Callback> cbs = List.of(new ModelCheckpoint(dir.resolve("ckpt-{epoch}.jgrad").toString()),
                new ReduceLROnPlateau("loss").minDelta(10).patience(1).cooldown(2).factor(0.5));
        m.fit(x(), y(), epochs(0, 2, cbs));
        Model loaded = Model.load(dir.resolve("ckpt-2.jgrad"));
        Map<String, jgrad.core.Tensor> lr = loaded.trainingProgress().callbackStates().get("ReduceLROnPlateau");
        assertThat(lr.get("learning_rate").toDoubleArray()[0]).isEqualTo(m.optimizer().learningRate());
        assertThat(lr.get("cooldown_counter").toDoubleArray()[0]).isEqualTo(2);
        assertThat(loaded.trainingProgress().callbackStates()).containsKeys("ModelCheckpoint", "ReduceLROnPlateau");
    }

    @Test
    void restoredBestWeightsAreTheBestEpochsNotTheFirstAfterTheResume() {
        // The loss improves (by minDelta 10) only in epoch 1: the best weights are epoch 1's.
        Sequential straight = model();
        compile(straight);
        straight.fit(x(), y(), epochs(0, 4, List.of(new EarlyStopping("loss").minDelta(10).patience(10)
                .restoreBestWeights(true))));
        Sequential first = model();
        compile(first);
        first.fit(x(), y(), epochs(0, 2, List.of(new EarlyStopping("loss").minDelta(10).patience(10)
                .restoreBestWeights(true))));
        Path file = dir.resolve("es.jgrad");
        first.save(file);
        Model m = Model.load(file);
        compile(m);
        m.fit(x(), y(), epochs(2, 4, List.of(new EarlyStopping("loss").minDelta(10).patience(10)
                .restoreBestWeights(true))));
        assertThat(sameBits(straight.weights(), values(m))).isTrue();

        Model forgetful = Model.load(file);
        forgetful.trainingProgress().restoreCallbackStates(Map.of());
        compile(forgetful);
        forgetful.fit(x(), y(), epochs(2, 4, List.of(new EarlyStopping("loss").minDelta(10).patience(10)
                .restoreBestWeights(true))));
        assertThat(sameBits(straight.weights(), values(forgetful))).isFalse();
    }
}
