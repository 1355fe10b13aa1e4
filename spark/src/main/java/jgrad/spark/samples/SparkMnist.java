package jgrad.spark.samples;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import jgrad.core.Rng;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Mnist;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.AveragePooling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.spark.SparkData;
import jgrad.spark.SparkFitOptions;
import jgrad.spark.SparkSessions;
import jgrad.spark.SparkTrainer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./jgrad run spark-mnist}: the MNIST MLP (784-128-10, Adam) trained data-parallel on a real
 * standalone Spark cluster started on this machine (a Master and two Workers, separate JVMs),
 * with the data read from Parquet; then distributed evaluation and predictions as a column, and
 * the cluster is shut down. {@code --master spark://host:7077} uses an existing cluster instead
 * (with {@code --parquet} on storage its executors can read), {@code --master local[2]} runs
 * inside this JVM. {@code --plain} also times a plain single-JVM fit on the same batches after the Spark
 * fit, {@code --plain-first} before Spark starts (a fresh JVM's warm-up).
 */
public final class SparkMnist {
    private SparkMnist() {}

    private static final String USAGE = "usage: ./jgrad run spark-mnist [--master URL] [--epochs N] [--batch N]"
            + " [--data DIR] [--parquet DIR] [--workers N] [--port N] [--average-every K] [--model mlp|lenet] [--plain] [--plain-first] [--seed N]";

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = parse(argv);
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "2"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "128"));
        int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
        int port = Integer.parseInt(a.getOrDefault("port", "7077"));
        int k = Integer.parseInt(a.getOrDefault("average-every", "1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        Path work = Files.createTempDirectory("jgrad-spark-mnist");
        Dataset.Split data = mnist(a.get("data"), seed);
        System.out.printf(Locale.ROOT, "MNIST: %,d training and %,d test images%n", data.train().size(),
                data.test().size());

        if (a.containsKey("plain-first")) {
            plainFit(data, a.getOrDefault("model", "mlp"), epochs, batch, seed, workers);
        }
        LocalCluster cluster = null;
        // spark-submit passes its --master to the driver as the system property spark.master.
        String master = a.getOrDefault("master", System.getProperty("spark.master"));
        SparkConf conf = new SparkConf().set("spark.executor.memory", "1g").set("spark.driver.host", "127.0.0.1")
                .set("spark.log.level", "WARN");
        if (master == null) {
            System.out.println("Starting a standalone Spark cluster: a Master and " + workers + " Workers (logs in "
                    + work + ")");
            cluster = LocalCluster.start(sparkJars(), port, workers, "1500m", work);
            master = cluster.masterUrl;
        }
        if (!master.startsWith("local") && System.getProperty("jgrad.spark.appClasspath") != null) {
            // Started by ./jgrad: ship jgrad to the executors (spark-submit ships its application jar itself).
            conf.set("spark.jars", String.join(",", appJars(work)));
            conf.set("spark.cores.max", Integer.toString(workers));
        }
        long t0 = System.nanoTime();
        try (AutoCloseable stopCluster = cluster == null ? () -> {} : cluster) {
            SparkSession spark = SparkSessions.connect(master, "jgrad-spark-mnist", Duration.ofSeconds(300), conf);
            try {
                spark.sparkContext().setLogLevel("WARN");
                System.out.printf(Locale.ROOT, "Spark %s on %s: %d executor(s) after %.1f s%n", spark.version(), master,
                        Math.max(1, spark.sparkContext().statusTracker().getExecutorInfos().length - 1),
                        (System.nanoTime() - t0) / 1e9);
                run(spark, data, a.getOrDefault("parquet", work.resolve("parquet").toString()),
                        a.getOrDefault("model", "mlp"), epochs, batch, k, seed, workers, a.containsKey("plain"));
            } finally {
                spark.stop();
            }
        }
        if (cluster != null) {
            System.out.println("Stopped the Master and the Workers.");
        }
    }

    private static void run(SparkSession spark, Dataset.Split data, String parquet, String modelName, int epochs,
            int batch, int k, long seed, int partitions, boolean plain) {
        // The MNIST data as a Spark Dataset: written once to Parquet, read back through Spark.
        String trainPath = parquet + "/train";
        String testPath = parquet + "/test";
        SparkData.fromTensors(spark, data.train().x(), data.train().y(), partitions).rows().write().mode("overwrite")
                .parquet(trainPath);
        SparkData.fromTensors(spark, data.test().x(), data.test().y(), partitions).rows().write().mode("overwrite")
                .parquet(testPath);
        SparkData train = SparkData.of(spark.read().parquet(trainPath).repartition(partitions), "label", "features");
        SparkData test = SparkData.of(spark.read().parquet(testPath), "label", "features");
        System.out.println("Parquet: " + trainPath + " (" + partitions + " partitions), " + testPath);

        Model model = model(modelName, seed);
        SparkTrainer trainer = new SparkTrainer(spark);
        SparkFitOptions.Builder o = SparkFitOptions.builder().epochs(epochs).batchSize(batch).seed(seed)
                .validation(test);
        if (k > 1) {
            o.averageEvery(k, () -> new Adam(1e-3));
        }
        TaskTimes times = new TaskTimes(trainer);
        if (plain) {
            // The same forward and backward on the driver after each epoch: interleaved with the
            // tasks, so both see the same machine (in local mode, the same JIT-compiled code).
            jgrad.core.Tensor x = data.train().x();
            times.probe(model(modelName, seed), modelName.equals("lenet") ? x.reshape(x.dim(0), 28, 28, 1) : x,
                    data.train().y(), Math.max(1, batch / partitions));
        }
        o.callbacks(times);
        long t0 = System.nanoTime();
        History h = trainer.fit(model, train, o.build());
        double seconds = (System.nanoTime() - t0) / 1e9 - times.probeSeconds;
        SparkTrainer.Stats s = trainer.lastStats();
        System.out.println(h);
        System.out.printf(Locale.ROOT, "Spark fit: %.1f s, %,.0f images/s; %d jobs, %.1f ms each, of which the slowest"
                + " task computed %.1f ms; %.1f ms/job scheduling, broadcast, treeAggregate and the driver's step%n",
                seconds, (double) data.train().size() * epochs / seconds, s.jobs(), 1e3 * s.jobSeconds() / s.jobs(),
                1e3 * s.computeSeconds() / s.jobs(), 1e3 * s.overheadSecondsPerJob());
        System.out.printf(Locale.ROOT, "Per job: %,d bytes of weights broadcast, %,d bytes of partials sent back by"
                + " %.1f tasks%n", s.broadcastBytes() / s.jobs(), s.partialBytes() / s.jobs(),
                (double) s.tasks() / s.jobs());
        if (!s.millisPerRow().isEmpty()) {
            StringBuilder b = new StringBuilder("A task's time per row, ms:");
            double sum = 0;
            for (Map.Entry<String, Double> e : s.millisPerRow().entrySet()) {
                b.append(String.format(Locale.ROOT, " %s %.4f,", e.getKey(), e.getValue()));
                sum += e.getValue();
            }
            System.out.println(b.append(String.format(Locale.ROOT, " total %.4f", sum)));
        }
        Map<String, Double> eval = trainer.evaluate(model, test, 1024);
        System.out.printf(Locale.ROOT, "Distributed evaluate on the test set: loss %.4f, accuracy %.4f%n",
                eval.get("loss"), eval.get("accuracy"));
        org.apache.spark.sql.Dataset<Row> predicted = trainer.predict(model, SparkData.features(test.rows(),
                "features"), "probabilities", 1024);
        System.out.println("Predictions as a Spark column (first 5 test rows):");
        for (Row r : predicted.select("label", "probabilities").limit(5).collectAsList()) {
            List<Double> p = r.getList(1);
            int best = 0;
            for (int i = 1; i < p.size(); i++) {
                best = p.get(i) > p.get(best) ? i : best;
            }
            System.out.printf(Locale.ROOT, "  label %d -> predicted %d (p = %.3f)%n", (long) r.getFloat(0), best,
                    p.get(best));
        }
        if (plain) {
            plainFit(data, modelName, epochs, batch, seed, partitions);
        }
    }

    /**
     * The same model fitted in this JVM on the same batch size, one line per epoch, then a
     * task-sized forward and backward timing. Run before Spark starts ({@code --plain-first}) it
     * shows a fresh JVM's warm-up; after the Spark fit the kernels are already compiled.
     */
    private static void plainFit(Dataset.Split data, String modelName, int epochs, int batch, long seed,
            int partitions) {
        {
            Model single = model(modelName, seed);
            jgrad.core.Tensor x = data.train().x();
            jgrad.core.Tensor xt = data.test().x();
            if (modelName.equals("lenet")) {
                x = x.reshape(x.dim(0), 28, 28, 1);
                xt = xt.reshape(xt.dim(0), 28, 28, 1);
            }
            System.out.println("Plain single-JVM fit of the same model (one line per epoch):");
            long p0 = System.nanoTime();
            single.fit(x, data.train().y(), FitOptions.builder().epochs(epochs).batchSize(batch)
                    .seed(seed).verbose(2).build());
            double ps = (System.nanoTime() - p0) / 1e9;
            System.out.printf(Locale.ROOT, "Plain single-JVM fit of the same model: %.1f s, %,.0f images/s; test"
                    + " accuracy %.4f%n", ps, (double) data.train().size() * epochs / ps,
                    single.evaluate(xt, data.test().y(), 1024).get("accuracy"));
            int rows = Math.max(1, batch / partitions);
            double[] fb = forwardBackward(single, x, data.train().y(), rows, 63);
            System.out.printf(Locale.ROOT, "Plain forward + backward on %d-row batches (a task's share), this thread:"
                    + " forward %.4f, backward %.4f ms/row%n", rows, fb[0], fb[1]);
        }
    }

    /**
     * Forward (with the loss) and backward time per row of {@code model} on {@code steps} batches
     * of {@code rows} rows, as a gradient task computes them: the plain side of the task breakdown.
     */
    static double[] forwardBackward(Model model, jgrad.core.Tensor x, jgrad.core.Tensor y, int rows, int steps) {
        long forward = 0;
        long backward = 0;
        int n = (int) x.dim(0);
        for (int s = 0; s < steps; s++) {
            int start = (s * rows) % (n - rows + 1);
            jgrad.core.Tensor xb = x.slice(0, start, start + rows);
            jgrad.core.Tensor yb = y.slice(0, start, start + rows);
            long t0 = System.nanoTime();
            try (jgrad.core.GradientTape tape = new jgrad.core.GradientTape()) {
                jgrad.core.Tensor out = model.callAll(List.of(xb), true).get(0);
                jgrad.core.Tensor loss = model.loss().call(yb, out, null);
                long t1 = System.nanoTime();
                tape.gradient(loss, model.trainableWeights());
                forward += t1 - t0;
                backward += System.nanoTime() - t1;
            }
        }
        return new double[] {forward / 1e6 / rows / steps, backward / 1e6 / rows / steps};
    }

    /**
     * Prints each epoch's task time per row by phase (the trainer's figures so far, minus the last
     * epoch's); with a probe, also the plain forward and backward per row on the driver's thread on
     * batches of a task's size, timed right after the epoch (its time is left out of the fit's).
     */
    private static final class TaskTimes extends jgrad.nn.callbacks.Callback {
        private final SparkTrainer trainer;
        private long rows;
        private long[] phases;
        private Model plain;
        private jgrad.core.Tensor px;
        private jgrad.core.Tensor py;
        private int prows;
        double probeSeconds;

        TaskTimes(SparkTrainer trainer) {
            this.trainer = trainer;
        }

        void probe(Model model, jgrad.core.Tensor x, jgrad.core.Tensor y, int rowsPerTask) {
            plain = model;
            px = x;
            py = y;
            prows = rowsPerTask;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            SparkTrainer.Stats s = trainer.lastStats();
            long[] now = s.phaseNanos();
            if (phases == null || s.rows() < rows) {
                phases = new long[now.length];
                rows = 0;
            }
            long r = s.rows() - rows;
            if (r > 0) {
                StringBuilder b = new StringBuilder("  epoch " + (epoch + 1) + ", a task's time per row, ms:");
                String[] names = s.millisPerRow().keySet().toArray(new String[0]);
                double sum = 0;
                for (int i = 0; i < now.length; i++) {
                    double ms = (now[i] - phases[i]) / 1e6 / r;
                    sum += ms;
                    b.append(String.format(Locale.ROOT, " %s %.4f,", names[i], ms));
                }
                b.append(String.format(Locale.ROOT, " total %.4f", sum));
                if (plain != null) {
                    long t0 = System.nanoTime();
                    double[] fb = forwardBackward(plain, px, py, prows, 63);
                    probeSeconds += (System.nanoTime() - t0) / 1e9;
                    int f = List.of(names).indexOf("forward");
                    int bw = List.of(names).indexOf("backward");
                    double task = (now[f] - phases[f] + now[bw] - phases[bw]) / 1e6 / r;
                    b.append(String.format(Locale.ROOT, "; plain forward %.4f, backward %.4f; task/plain forward +"
                            + " backward %.2fx", fb[0], fb[1], task / (fb[0] + fb[1])));
                }
                System.out.println(b);
            }
            rows = s.rows();
            phases = now.clone();
        }
    }

    /** The sample's models: the MNIST MLP (101,770 weights) or the notes' LeNet (61,706). */
    static Model model(String name, long seed) {
        return switch (name) {
            case "mlp" -> mlp(seed);
            case "lenet" -> lenet(seed);
            default -> throw new IllegalArgumentException("spark-mnist: --model is mlp or lenet, got '" + name + "'");
        };
    }

    /** LeNet as samples/cnn/LeNet.java builds it (the notes' Keras model), on 28x28x1 inputs. */
    static Model lenet(long seed) {
        Rng.setGlobalSeed(seed);
        Sequential m = new Sequential("lenet").add(Input.of(28, 28, 1))
                .add(Conv2D.builder(6, 5, 5).padding("same").activation("sigmoid").name("conv1").build())
                .add(AveragePooling2D.builder(2, 2).padding("same").strides(2, 2).name("pool1").build())
                .add(Conv2D.builder(16, 5, 5).padding("valid").activation("sigmoid").name("conv2").build())
                .add(AveragePooling2D.builder(2, 2).padding("same").strides(2, 2).name("pool2").build())
                .add(new Flatten("flatten"))
                .add(Dense.builder(120).activation("sigmoid").name("fc1").build())
                .add(Dense.builder(84).activation("sigmoid").name("fc2").build())
                .add(Dense.builder(10).activation("softmax").name("probabilities").build());
        m.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    static Model mlp(long seed) {
        Rng.setGlobalSeed(seed);
        Sequential m = new Sequential("mnist_mlp").add(Input.of(784))
                .add(Dense.builder(128).activation("relu").name("hidden").build())
                .add(Dense.builder(10).activation("softmax").name("probabilities").build());
        m.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    /** The full MNIST from {@code --data}, else the 10,000 images shipped with the samples (80/20 split). */
    private static Dataset.Split mnist(String dir, long seed) {
        Path folder;
        if (dir != null) {
            folder = Path.of(dir);
        } else {
            String root = System.getProperty("jgrad.root");
            if (root == null) {
                throw new IllegalArgumentException("spark-mnist: pass --data DIR (the MNIST idx files); run through"
                        + " ./jgrad run spark-mnist to use the images shipped with the samples");
            }
            folder = Path.of(root, "samples", "src", "main", "resources", "data", "mnist");
        }
        Mnist m = Mnist.load(folder, true);
        return m.hasTrain() ? new Dataset.Split(m.train(), m.test()) : m.test().trainTestSplit(0.2, seed);
    }

    /** The class path jars that are not the application's: Spark and its dependencies. */
    private static List<String> sparkJars() {
        List<String> app = List.of(System.getProperty("jgrad.spark.appClasspath", "").split(File.pathSeparator));
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && !app.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * What the executors need besides Spark, for spark.jars: jgrad's compiled classes folders
     * packed into one jar, and the jars of its own dependencies (Gson, XChart). The launcher
     * passes that class path as -Djgrad.spark.appClasspath.
     */
    private static List<String> appJars(Path work) {
        String cp = System.getProperty("jgrad.spark.appClasspath");
        List<String> jars = new ArrayList<>();
        Path appJar = work.resolve("jgrad-app.jar");
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(appJar))) {
            for (String e : cp.split(File.pathSeparator)) {
                Path p = Path.of(e);
                if (Files.isDirectory(p)) {
                    addTree(jar, p, seen);
                } else if (e.endsWith(".jar")) {
                    jars.add(p.toAbsolutePath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spark-mnist: cannot write " + appJar + ": " + e.getMessage(), e);
        }
        jars.add(0, appJar.toString());
        return jars;
    }

    private static void addTree(JarOutputStream jar, Path root, java.util.Set<String> seen) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                // Each module's descriptor and build notes mean nothing in the merged jar (it is on the class path).
                if (name.equals("module-info.class") || name.endsWith(".classpath") || !seen.add(name)
                        || name.startsWith("META-INF/") && !name.startsWith("META-INF/services/")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new LinkedHashMap<>();
        List<String> flags = List.of("plain", "plain-first");
        List<String> known = List.of("model", "master", "epochs", "batch", "data", "parquet", "workers", "port",
                "average-every", "seed");
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("spark-mnist: unexpected argument '" + arg + "'; " + USAGE);
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (flags.contains(key)) {
                a.put(key, "true");
            } else if (known.contains(key)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new IllegalArgumentException("spark-mnist: --" + key + " needs a value; " + USAGE);
                    }
                    value = argv[++i];
                }
                a.put(key, value);
            } else {
                throw new IllegalArgumentException("spark-mnist: unknown option --" + key + "; " + USAGE);
            }
        }
        return a;
    }
}
