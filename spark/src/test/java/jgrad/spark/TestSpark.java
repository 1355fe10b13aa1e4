package jgrad.spark;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.DTypePolicy;
import jgrad.nn.Input;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Optimizer;
import org.apache.spark.sql.SparkSession;

/** One local[2] session for all test classes (starting Spark takes seconds); helpers to build small problems. */
final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {}

    /** local[2, 2]: two worker threads, and a failed task is retried once (spark.task.maxFailures = 2). */
    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2,2]").appName("jgrad-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
        }
        return spark;
    }

    /** Three Gaussian blobs in 6 dimensions, as float-valued features (exact in float64 too). */
    static Tensor[] blobs(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n * 6];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) (r.nextGaussian() + (j % 3 == c ? 2.0 : 0.0));
            }
        }
        return new Tensor[] {Tensor.fromFlat(x, n, 6), Tensor.fromFlat(y, n)};
    }

    /** A 6-16-3 MLP of {@code dtype} with seeded weights, compiled with the given optimizer. */
    static Model mlp(DType dtype, long seed, Optimizer optimizer) {
        Rng.setGlobalSeed(seed);
        // Named layers: a checkpoint matches weights by name, and a fresh process's automatic names differ.
        Sequential m;
        try (DTypePolicy.Scope _ = DTypePolicy.scoped(dtype)) {
            m = new Sequential("mlp").add(Input.of(dtype, 6))
                    .add(Dense.builder(16).activation("tanh").name("hidden").build())
                    .add(Dense.builder(3).name("logits").build());
        }
        m.compile(optimizer, new jgrad.nn.losses.SparseCategoricalCrossentropy(true),
                new jgrad.nn.metrics.SparseCategoricalAccuracy());
        return m;
    }

    static double maxDiff(Model a, Model b) {
        double max = 0;
        for (int i = 0; i < a.weights().size(); i++) {
            Variable va = a.weights().get(i);
            Variable vb = b.weights().get(i);
            double[] da = va.toDoubleArray();
            double[] db = vb.toDoubleArray();
            for (int k = 0; k < da.length; k++) {
                max = Math.max(max, Math.abs(da[k] - db[k]));
            }
        }
        return max;
    }
}
