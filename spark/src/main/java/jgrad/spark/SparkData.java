package jgrad.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import jgrad.core.Tensor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Training, evaluation or prediction data as a Spark {@code Dataset<Row>} and the columns that
 * hold the features and the target. Features are one array column (MNIST's 784 pixels) or
 * several numeric columns (a CSV file's); the target is one numeric column (a class index or a
 * regression value) or an array column. Read Parquet or CSV with Spark itself:
 *
 * <pre>{@code
 * Dataset<Row> rows = spark.read().parquet("mnist-train.parquet");
 * SparkData train = SparkData.of(rows, "label", "pixels");
 * Dataset<Row> csv = spark.read().option("header", true).option("inferSchema", true).csv("iris.csv");
 * SparkData iris = SparkData.of(csv, "species", "sepal_length", "sepal_width", "petal_length", "petal_width");
 * }</pre>
 *
 * Rows become float arrays inside the executors (once per fit, cached there); nothing is
 * collected on the driver.
 */
public final class SparkData {
    private final Dataset<Row> rows;
    private final String target;
    private final List<String> features;

    private SparkData(Dataset<Row> rows, String target, List<String> features) {
        this.rows = Objects.requireNonNull(rows, "rows");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("SparkData: name at least one feature column (the rows have "
                    + Arrays.toString(rows.columns()) + ")");
        }
        List<String> known = Arrays.asList(rows.columns());
        List<String> named = new ArrayList<>(features);
        if (target != null) {
            named.add(target);
        }
        for (String c : named) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException("SparkData: no column '" + c + "'; the rows have " + known);
            }
        }
        this.target = target;
        this.features = List.copyOf(features);
    }

    /** Rows with a target column and the feature columns (one array column, or numbers). */
    public static SparkData of(Dataset<Row> rows, String targetColumn, String... featureColumns) {
        Objects.requireNonNull(targetColumn, "targetColumn");
        return new SparkData(rows, targetColumn, List.of(featureColumns));
    }

    /** Rows without targets, for {@link SparkTrainer#predict}. */
    public static SparkData features(Dataset<Row> rows, String... featureColumns) {
        return new SparkData(rows, null, List.of(featureColumns));
    }

    /**
     * In-memory tensors as a Dataset of {@code partitions} partitions with an array column
     * {@code features} (each sample flattened) and a column {@code label} (a number, or an array
     * when a sample's target has more than one value): for tests and samples whose data starts in
     * jgrad, and to write such data to Parquet once.
     */
    public static SparkData fromTensors(SparkSession spark, Tensor x, Tensor y, int partitions) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("SparkData.fromTensors: x " + x.shape() + " and y " + y.shape()
                    + " must hold the same number of samples along axis 0");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkData.fromTensors: partitions must be >= 1, got " + partitions);
        }
        int n = x.dim(0);
        int w = n == 0 ? 0 : x.size() / n;
        int t = n == 0 ? 0 : y.size() / n;
        float[] xs = x.toFloatArray();
        float[] ys = y.toFloatArray();
        boolean scalar = y.rank() == 1;
        List<Row> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] f = Arrays.copyOfRange(xs, i * w, (i + 1) * w);
            Object label = scalar ? (Object) ys[i] : Arrays.copyOfRange(ys, i * t, (i + 1) * t);
            list.add(RowFactory.create(f, label));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", scalar ? DataTypes.FloatType : DataTypes.createArrayType(DataTypes.FloatType, false), false);
        JavaRDD<Row> rdd = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext()).parallelize(list,
                partitions);
        return of(spark.createDataFrame(rdd, schema), "label", "features");
    }

    public Dataset<Row> rows() {
        return rows;
    }

    public String targetColumn() {
        return target;
    }

    public List<String> featureColumns() {
        return features;
    }

    /** The rows converted to cached shards, with their counts. */
    record Prepared(JavaRDD<Shard> shards, long total, long[] rowsPerPartition) {
        List<Integer> emptyPartitions() {
            List<Integer> out = new ArrayList<>();
            for (int p = 0; p < rowsPerPartition.length; p++) {
                if (rowsPerPartition[p] == 0) {
                    out.add(p);
                }
            }
            return out;
        }

        void release() {
            shards.unpersist(false);
        }
    }

    /**
     * Reads every partition into a {@link Shard} in its executor (one pass over the source), then
     * numbers the rows globally in partition order and caches the numbered shards.
     */
    Prepared prepare(ModelSpec spec, boolean withTargets, String who) {
        if (withTargets && target == null) {
            throw new IllegalArgumentException(who + ": the data has no target column (made with"
                    + " SparkData.features); use SparkData.of(rows, targetColumn, featureColumns...)");
        }
        List<String> cols = features;
        String tcol = withTargets ? target : null;
        int width = spec.inputWidth();
        int targetWidth = spec.targetWidth();
        JavaRDD<Shard> raw = rows.javaRDD().mapPartitionsWithIndex((p, it) -> {
            Iterator<Shard> one = Collections.singletonList(Shard.read(p, 0, it, cols, tcol, width, targetWidth))
                    .iterator();
            return one;
        }, true);
        raw.persist(StorageLevel.MEMORY_ONLY());
        List<Integer> counts = Jobs.run(who + ": reading the data", () -> raw.map(s -> s.rows).collect());
        long[] perPartition = new long[counts.size()];
        long[] offsets = new long[counts.size()];
        long total = 0;
        for (int p = 0; p < counts.size(); p++) {
            perPartition[p] = counts.get(p);
            offsets[p] = total;
            total += counts.get(p);
        }
        if (total == 0) {
            raw.unpersist(false);
            throw new IllegalArgumentException(who + ": the data is empty (0 rows in " + counts.size()
                    + " partitions)");
        }
        JavaRDD<Shard> numbered = raw.map(s -> new Shard(s.partition, offsets[s.partition], s.rows, s.width,
                s.targetWidth, s.x, s.y));
        numbered.persist(StorageLevel.MEMORY_ONLY());
        Jobs.run(who + ": reading the data", numbered::count);
        raw.unpersist(false);
        return new Prepared(numbered, total, perPartition);
    }
}
