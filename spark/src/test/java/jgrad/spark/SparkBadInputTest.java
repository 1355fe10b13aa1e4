package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Lambda;
import jgrad.nn.optimizers.Adam;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The bad inputs: each a clear message naming what is wrong. */
class SparkBadInputTest {
    private final SparkSession spark = TestSpark.session();
    private final Tensor[] data = TestSpark.blobs(48, 3);

    private static SparkFitOptions quiet(PrintStream out) {
        return SparkFitOptions.builder().epochs(1).batchSize(16).shuffle(false).verbose(0).out(out).build();
    }

    @Test
    void anEmptyPartitionIsReportedAndTrainingStaysExact() {
        SparkData two = SparkData.fromTensors(spark, data[0], data[1], 2);
        Dataset<Row> none = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.<Row>of(), 1), two.rows().schema());
        SparkData three = SparkData.of(none.union(two.rows()), "label", "features");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Model m = TestSpark.mlp(DType.FLOAT64, 3, new Adam(0.01));
        new SparkTrainer(spark).fit(m, three, quiet(new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("partition [0] of 3 hold no rows");
        Model single = TestSpark.mlp(DType.FLOAT64, 3, new Adam(0.01));
        single.fit(data[0], data[1], FitOptions.builder().batchSize(16).shuffle(false).verbose(0).build());
        assertThat(TestSpark.maxDiff(single, m)).isLessThan(1e-12);
    }

    @Test
    void rowsOfTheWrongWidthNameTheirPartitionRowAndColumn() {
        Tensor narrow = data[0].slice(1, 0, 5);
        SparkData rows = SparkData.fromTensors(spark, narrow, data[1], 2);
        Model m = TestSpark.mlp(DType.FLOAT32, 3, new Adam(0.01));
        assertThatThrownBy(() -> new SparkTrainer(spark).fit(m, rows, quiet(System.out)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fit: reading the data: SparkData: row 0 of partition")
                .hasMessageContaining("has 5 features in column 'features', the model's input takes 6");
    }

    @Test
    void aModelThatCannotBeSerialisedFailsOnTheDriver() {
        Sequential m = new Sequential("with_lambda").add(Input.of(6)).add(new Dense(4))
                .add(new Lambda(t -> t.mul(2.0), "times_two")).add(new Dense(3));
        m.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        assertThatThrownBy(() -> new SparkTrainer(spark).fit(m, SparkData.fromTensors(spark, data[0], data[1], 2),
                quiet(System.out))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'with_lambda' cannot be serialised for the executors")
                .hasMessageContaining("times_two");
    }

    @Test
    void anUncompiledModelOrMissingTargetsAreNamed() {
        Sequential m = new Sequential("raw").add(Input.of(6)).add(new Dense(3));
        SparkData rows = SparkData.fromTensors(spark, data[0], data[1], 2);
        assertThatThrownBy(() -> new SparkTrainer(spark).fit(m, rows, quiet(System.out)))
                .hasMessageContaining("model 'raw' is not compiled");
        Model c = TestSpark.mlp(DType.FLOAT32, 3, new Adam(0.01));
        assertThatThrownBy(() -> new SparkTrainer(spark).fit(c, SparkData.features(rows.rows(), "features"),
                quiet(System.out))).hasMessageContaining("no target column");
        assertThatThrownBy(() -> SparkData.of(rows.rows(), "label", "pixels"))
                .hasMessageContaining("no column 'pixels'; the rows have [features, label]");
    }

    @Test
    void anUnreachableMasterFailsWithinTheTimeout() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> SparkSessions.connect("spark://127.0.0.1:1", "nowhere", Duration.ofSeconds(3), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach the Spark master spark://127.0.0.1:1");
        assertThatThrownBy(() -> SparkSessions.connect("spark://no-such-host.invalid:7077", "nowhere",
                Duration.ofSeconds(3), null)).hasMessageContaining("cannot reach the Spark master");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
    }
}
