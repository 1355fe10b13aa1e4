package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Model;
import jgrad.nn.callbacks.EarlyStopping;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.SGD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design's proof (N workers give single-process weights on the same global batches), local
 * SGD, retried task failures, checkpoint resume, evaluate/predict and Parquet/CSV input, all on
 * local[2, 2] with a 6-16-3 MLP.
 */
class SparkTrainerTest {
    private static final int N = 96;
    /** 20 does not divide the partitions' 48 rows: some global batches straddle two workers. */
    private static final int BATCH = 20;

    private final SparkSession spark = TestSpark.session();
    private final Tensor[] data = TestSpark.blobs(N, 7);

    private static SparkFitOptions.Builder options(int epochs) {
        return SparkFitOptions.builder().epochs(epochs).batchSize(BATCH).seed(11).verbose(0);
    }

    private Model reference(DType dtype, int epochs, boolean shuffle, long seed) {
        Model m = TestSpark.mlp(dtype, 3, new Adam(0.01));
        if (!shuffle) {
            m.fit(data[0], data[1], FitOptions.builder().epochs(epochs).batchSize(BATCH).shuffle(false).verbose(0)
                    .build());
            return m;
        }
        // The trainer's epoch order, replayed batch by batch in one process.
        float[] x = data[0].toFloatArray();
        float[] y = data[1].toFloatArray();
        for (int e = 0; e < epochs; e++) {
            int[] position = SparkTrainer.positions(seed, e, N);
            int[] order = new int[N];
            for (int i = 0; i < N; i++) {
                order[position[i]] = i;
            }
            for (int s = 0; s < N; s += BATCH) {
                int b = Math.min(BATCH, N - s);
                float[] bx = new float[b * 6];
                float[] by = new float[b];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(x, order[s + i] * 6, bx, i * 6, 6);
                    by[i] = y[order[s + i]];
                }
                m.trainOnBatch(Tensor.fromFlat(bx, b, 6), Tensor.fromFlat(by, b));
            }
        }
        return m;
    }

    private Model sparkFit(DType dtype, int partitions, SparkFitOptions o) {
        Model m = TestSpark.mlp(dtype, 3, new Adam(0.01));
        new SparkTrainer(spark).fit(m, SparkData.fromTensors(spark, data[0], data[1], partitions), o);
        return m;
    }

    @Test
    void oneAndTwoWorkersGiveTheSingleProcessWeights() {
        Model single = reference(DType.FLOAT64, 2, false, 0);
        Model one = sparkFit(DType.FLOAT64, 1, options(2).shuffle(false).build());
        Model two = sparkFit(DType.FLOAT64, 2, options(2).shuffle(false).build());
        // One worker computes exactly the plain fit's step; two add two float64 partials.
        assertThat(TestSpark.maxDiff(single, one)).isEqualTo(0.0);
        assertThat(TestSpark.maxDiff(single, two)).isLessThan(1e-12);
        // The test can fail: one more step moves the weights by far more than the tolerance.
        Model longer = reference(DType.FLOAT64, 3, false, 0);
        assertThat(TestSpark.maxDiff(longer, two)).isGreaterThan(1e-4);
    }

    @Test
    void shuffledEpochsMatchTheSameBatchesInOneProcess() {
        Model single = reference(DType.FLOAT64, 2, true, 11);
        Model two = sparkFit(DType.FLOAT64, 2, options(2).build());
        assertThat(TestSpark.maxDiff(single, two)).isLessThan(1e-12);
        Model single32 = reference(DType.FLOAT32, 2, true, 11);
        Model two32 = sparkFit(DType.FLOAT32, 2, options(2).build());
        assertThat(TestSpark.maxDiff(single32, two32)).isLessThan(1e-5);
    }

    @Test
    void localSgdOnOneWorkerIsThePlainFitAndOnTwoItLearns() {
        // One worker: its k local steps are the k global batches, and averaging one replica is exact.
        Model single = reference(DType.FLOAT64, 2, false, 0);
        Model one = sparkFit(DType.FLOAT64, 1, options(2).shuffle(false).averageEvery(3, () -> new Adam(0.01)).build());
        assertThat(TestSpark.maxDiff(single, one)).isLessThan(1e-12);
        Model two = TestSpark.mlp(DType.FLOAT32, 3, new SGD(0.1));
        SparkTrainer trainer = new SparkTrainer(spark);
        History h = trainer.fit(two, SparkData.fromTensors(spark, data[0], data[1], 2), options(8)
                .averageEvery(3, () -> new SGD(0.1)).build());
        List<Double> loss = h.get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(0.7 * loss.get(0));
        assertThat(h.last("sparse_categorical_accuracy")).isGreaterThan(0.8);
        // 5 steps an epoch in rounds of 3: two Spark jobs an epoch.
        assertThat(trainer.lastStats().jobs()).isEqualTo(16);
    }

    @Test
    void aFailedTaskIsRetriedWithTheSameResult() {
        Model clean = sparkFit(DType.FLOAT32, 2, options(1).build());
        Model retried = sparkFit(DType.FLOAT32, 2, options(1).injectFailure(3, 1, 1).build());
        assertThat(TestSpark.maxDiff(clean, retried)).isEqualTo(0.0);
    }

    @Test
    void aKilledRunResumesFromItsCheckpointAndAFailedOneLeavesItIntact(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("run.ckpt");
        Model straight = sparkFit(DType.FLOAT64, 2, options(3).build());
        // "Killed" after epoch 2: only its checkpoint survives; a fresh process builds a new model.
        sparkFit(DType.FLOAT64, 2, options(2).checkpoint(ckpt).build());
        byte[] good = Files.readAllBytes(ckpt);
        Model resumed = TestSpark.mlp(DType.FLOAT64, 99, new Adam(0.01));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new SparkTrainer(spark).fit(resumed, SparkData.fromTensors(spark, data[0], data[1], 2), options(3)
                .checkpoint(ckpt).resume(true).seed(12345).verbose(2)
                .out(new PrintStream(log, true, StandardCharsets.UTF_8)).build());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming from").contains("Epoch 3/3")
                .doesNotContain("Epoch 1/3");
        // The seed comes from the checkpoint, so epoch 3 sees the batches the straight run saw.
        assertThat(TestSpark.maxDiff(straight, resumed)).isLessThan(1e-12);
        // A run whose tasks keep failing stops with the injected error; the checkpoint is untouched.
        Files.write(ckpt, good);
        Model failing = TestSpark.mlp(DType.FLOAT64, 3, new Adam(0.01));
        assertThatThrownBy(() -> new SparkTrainer(spark).fit(failing, SparkData.fromTensors(spark, data[0], data[1],
                2), options(3).checkpoint(ckpt).resume(true).injectFailure(2 * 5 + 2, 0, 99).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("injected failure");
        assertThat(Files.readAllBytes(ckpt)).isEqualTo(good);
    }

    @Test
    void evaluateAndPredictMatchTheModelOnTheSameRows() {
        Model m = TestSpark.mlp(DType.FLOAT32, 5, new Adam(0.01));
        m.fit(data[0], data[1], FitOptions.builder().epochs(2).batchSize(BATCH).verbose(0).build());
        SparkTrainer trainer = new SparkTrainer(spark);
        SparkData rows = SparkData.fromTensors(spark, data[0], data[1], 3);
        Map<String, Double> dist = trainer.evaluate(m, rows, 10);
        Map<String, Double> local = m.evaluate(data[0], data[1], 10);
        assertThat(dist.get("loss")).isCloseTo(local.get("loss"), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(dist.get("sparse_categorical_accuracy")).isEqualTo(local.get("sparse_categorical_accuracy"));
        Dataset<Row> out = trainer.predict(m, SparkData.features(rows.rows(), "features"), "logits", 7);
        assertThat(out.columns()).containsExactly("features", "label", "logits");
        List<Row> got = out.collectAsList();
        double[] want = m.predict(data[0]).toDoubleArray();
        assertThat(got).hasSize(N);
        for (int i = 0; i < N; i++) {
            List<Double> p = got.get(i).getList(2);
            for (int j = 0; j < 3; j++) {
                assertThat(p.get(j)).isCloseTo(want[i * 3 + j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    @Tag("slow")
    void trainsFromCsvAndParquetFilesWithDriverCallbacks(@TempDir Path dir) throws Exception {
        float[] x = data[0].toFloatArray();
        float[] y = data[1].toFloatArray();
        List<String> lines = new ArrayList<>();
        lines.add("a,b,c,d,e,f,cls");
        for (int i = 0; i < N; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 6; j++) {
                sb.append(x[i * 6 + j]).append(',');
            }
            lines.add(sb.append((int) y[i]).toString());
        }
        Path csv = dir.resolve("blobs.csv");
        Files.write(csv, lines);
        Dataset<Row> table = spark.read().option("header", true).option("inferSchema", true).csv(csv.toString());
        SparkData fromCsv = SparkData.of(table, "cls", "a", "b", "c", "d", "e", "f");
        Path parquet = dir.resolve("blobs.parquet");
        SparkData.fromTensors(spark, data[0], data[1], 2).rows().write().parquet(parquet.toString());
        SparkData fromParquet = SparkData.of(spark.read().parquet(parquet.toString()), "label", "features");

        Model m = TestSpark.mlp(DType.FLOAT32, 3, new Adam(0.05));
        // val_loss cannot fall by 0.1 every epoch for 30 epochs from about 1.1: the driver's callback must stop it.
        EarlyStopping stop = new EarlyStopping("val_loss").minDelta(0.1).patience(1);
        History h = new SparkTrainer(spark).fit(m, fromCsv, options(30).validation(fromParquet).callbacks(stop).build());
        assertThat(h.epochs().size()).isLessThan(30);
        assertThat(h.last("val_sparse_categorical_accuracy")).isGreaterThan(0.8);
        Map<String, Double> local = m.evaluate(data[0], data[1], 32);
        assertThat(h.last("val_loss")).isCloseTo(local.get("loss"), org.assertj.core.data.Offset.offset(1e-4));
    }
}
