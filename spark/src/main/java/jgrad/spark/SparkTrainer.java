package jgrad.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.History;
import jgrad.nn.Model;
import jgrad.nn.callbacks.Callback;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data-parallel training of a jgrad {@link Model} on Spark, with a Keras-like surface:
 *
 * <pre>{@code
 * SparkTrainer trainer = new SparkTrainer(spark);
 * History h = trainer.fit(model, SparkData.of(rows, "label", "pixels"),
 *         SparkFitOptions.builder().epochs(3).batchSize(128).build());
 * Map<String, Double> test = trainer.evaluate(model, SparkData.of(testRows, "label", "pixels"), 1024);
 * Dataset<Row> withPredictions = trainer.predict(model, SparkData.features(testRows, "pixels"), "prediction", 1024);
 * }</pre>
 *
 * <p>The model and its optimizer stay on the driver. Every step the driver broadcasts the weights
 * as safetensors bytes; each partition's task computes the gradient of its rows of the global
 * batch on a replica rebuilt from the model's JSON; {@code treeAggregate} adds the partials up and
 * the driver's optimizer applies their sum, the gradient of the whole batch's mean loss. So N
 * workers give the weights a single-process fit gives on the same batches, to float rounding.
 * Local SGD ({@link SparkFitOptions.Builder#averageEvery(int, OptimizerFactory)}) runs k steps per
 * Spark job instead and averages weights and optimizer state.
 *
 * <p>Callbacks run on the driver (History, EarlyStopping, ModelCheckpoint, CSVLogger: anything
 * that reads epoch logs and the driver's model); per-batch callbacks see one call per step (per
 * round in local SGD). A task that fails is retried by Spark and gives the same partial; a
 * driver checkpoint lets a killed job resume. Dropout and other random layers draw from each
 * replica's own generator, so such models train correctly but not bit-for-bit like one process.
 */
public final class SparkTrainer {
    static final String WEIGHT_PREFIX = "weight/";
    static final String STATE_PREFIX = "state/";

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final AtomicLong versions = new AtomicLong();
    private volatile Stats stats = Stats.NONE;

    public SparkTrainer(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * Communication and computation of the last {@link #fit}: Spark jobs run, their wall time,
     * the slowest task's compute time per job (summed), and the bytes broadcast and sent back.
     *
     * @param jobs Spark jobs (steps, or rounds in local SGD)
     * @param jobSeconds wall time of the jobs on the driver, broadcast and apply included
     * @param computeSeconds the slowest task's forward and backward time, summed over jobs
     * @param broadcastBytes weights (and optimizer state) bytes broadcast, summed over jobs
     * @param partialBytes vector bytes the tasks sent back, summed over jobs
     * @param tasks tasks that sent a vector back
     * @param rows rows the gradient tasks computed on, summed over the jobs
     * @param phaseNanos the gradient tasks' time per phase (weights, rows, forward, backward,
     *     pack; see {@link #millisPerRow}), summed over tasks and jobs
     */
    public record Stats(long jobs, double jobSeconds, double computeSeconds, long broadcastBytes, long partialBytes,
            long tasks, long rows, long[] phaseNanos) {
        static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, 0, new long[Partial.Phase.values().length]);

        /** Time per job outside the slowest task's compute: scheduling, broadcast, aggregation, apply. */
        public double overheadSecondsPerJob() {
            return jobs == 0 ? 0 : (jobSeconds - computeSeconds) / jobs;
        }

        /**
         * A gradient task's time per row, by phase: {@code weights} (borrow the replica, load the
         * broadcast weights), {@code rows} (rows to tensors), {@code forward} (forward pass and
         * loss), {@code backward} (the tape's backward pass), {@code pack} (gradients to the vector
         * sent back, metrics). Task time summed over the tasks, divided by the rows; empty in local SGD.
         */
        public Map<String, Double> millisPerRow() {
            Map<String, Double> m = new LinkedHashMap<>();
            if (rows == 0) {
                return m;
            }
            for (Partial.Phase p : Partial.Phase.values()) {
                m.put(p.name().toLowerCase(java.util.Locale.ROOT), phaseNanos[p.ordinal()] / 1e6 / rows);
            }
            return m;
        }
    }

    /** The figures of the last {@link #fit}, or of the running one so far (updated after every job, e.g. for a callback). */
    public Stats lastStats() {
        return stats;
    }

    // ---------------------------------------------------------------- fit

    public History fit(Model model, SparkData data, SparkFitOptions o) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(o, "options");
        ModelSpec spec = ModelSpec.of(model);
        String run = UUID.randomUUID().toString();
        PrintStream out = o.out();
        int startEpoch = 0;
        long seed = o.seed();
        if (o.checkpoint() != null && o.resume() && Files.exists(o.checkpoint())) {
            SparkCheckpoint.Info info = SparkCheckpoint.load(o.checkpoint(), model);
            startEpoch = info.epochsDone();
            seed = info.seed();
            if (o.verbose() > 0) {
                out.println("SparkTrainer: resuming from " + o.checkpoint() + " after epoch " + startEpoch);
            }
        }
        SparkData.Prepared train = data.prepare(spec, true, "fit");
        SparkData.Prepared validation = null;
        try {
            List<Integer> empty = train.emptyPartitions();
            if (!empty.isEmpty()) {
                out.println("SparkTrainer: warning: partition" + (empty.size() > 1 ? "s " : " ") + empty + " of "
                        + train.rowsPerPartition().length + " hold no rows; their tasks only idle"
                        + " (repartition the data to spread it over the workers)");
            }
            if (o.validation() != null) {
                validation = o.validation().prepare(spec, true, "fit (validation data)");
            }
            return loop(model, spec, run, train, validation, o, startEpoch, seed);
        } finally {
            train.release();
            if (validation != null) {
                validation.release();
            }
        }
    }

    private History loop(Model model, ModelSpec spec, String run, SparkData.Prepared train,
            SparkData.Prepared validation, SparkFitOptions o, int startEpoch, long seed) {
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(o.callbacks());
        model.setStopTraining(false);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setOutput(o.out(), o.verbose());
        }
        Map<String, Double> empty = Collections.emptyMap();
        for (Callback c : callbacks) {
            c.onTrainBegin(empty);
        }
        SparkProgress progress = new SparkProgress(o.out(), o.verbose());
        long n = train.total();
        int batch = o.batchSize();
        int steps = (int) ((n + batch - 1) / batch);
        int k = o.averageEvery();
        int jobsPerEpoch = (steps + k - 1) / k;
        StatsCounter counter = new StatsCounter();
        stats = Stats.NONE;
        Map<String, Double> lastLogs = empty;
        for (int epoch = startEpoch; epoch < o.epochs(); epoch++) {
            if (model.stopTraining()) {
                break;
            }
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, empty);
            }
            progress.epochBegin(epoch, o.epochs(), jobsPerEpoch);
            int[] position = o.shuffle() ? positions(seed, epoch, n) : null;
            Broadcast<int[]> bpos = position == null ? null : jsc.broadcast(position);
            Running running = new Running(spec.metricNames());
            Map<String, Double> logs = empty;
            int done = 0;
            try {
                for (int j = 0; j < jobsPerEpoch; j++) {
                    for (Callback c : callbacks) {
                        c.onBatchBegin(j, empty);
                    }
                    long global = (long) epoch * jobsPerEpoch + j;
                    Partial p = k == 1
                            ? gradientStep(model, spec, run, train, bpos, (long) j * batch, Math.min(n, (long) (j + 1)
                                    * batch), global, o, counter)
                            : localRound(model, spec, run, train, bpos, (long) j * k, k, batch, n, global, o, counter);
                    running.add(p);
                    stats = counter.stats();
                    logs = running.logs();
                    done++;
                    for (Callback c : callbacks) {
                        c.onBatchEnd(j, logs);
                    }
                    progress.stepEnd(done, logs);
                    if (model.stopTraining()) {
                        break;
                    }
                }
            } finally {
                if (bpos != null) {
                    bpos.destroy();
                }
            }
            Map<String, Double> epochLogs = new LinkedHashMap<>(logs);
            if (validation != null) {
                evaluatePrepared(model, spec, run, validation, batch, "fit (validation)")
                        .forEach((key, v) -> epochLogs.put("val_" + key, v));
            }
            progress.epochEnd(done, epochLogs);
            if (o.checkpoint() != null) {
                SparkCheckpoint.save(o.checkpoint(), model, epoch + 1, seed);
            }
            Map<String, Double> view = Collections.unmodifiableMap(epochLogs);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, view);
            }
            lastLogs = view;
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(lastLogs);
        }
        stats = counter.stats();
        return history;
    }

    /** The epoch's order: position[i] is where global row i comes in it; drawn from seed and epoch. */
    static int[] positions(long seed, int epoch, long n) {
        int size = Math.toIntExact(n);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] position = new int[size];
        for (int p = 0; p < size; p++) {
            position[order[p]] = p;
        }
        return position;
    }

    private Partial gradientStep(Model model, ModelSpec spec, String run, SparkData.Prepared train,
            Broadcast<int[]> bpos, long start, long end, long global, SparkFitOptions o, StatsCounter counter) {
        long t0 = System.nanoTime();
        byte[] bytes = WeightBytes.encode(SparkCheckpoint.tensors(model, false), Map.of());
        Broadcast<Worker.Weights> bw = jsc.broadcast(new Worker.Weights(bytes, versions.incrementAndGet()));
        FaultPlan fault = o.fault();
        Partial p;
        try {
            JavaRDD<Shard> shards = train.shards();
            p = Jobs.run("fit: step " + global, () -> shards.treeAggregate(Partial.zero(),
                    (acc, shard) -> acc.add(Worker.gradients(shard, spec, run, bw.value(),
                            bpos == null ? null : bpos.value(), start, end, global, fault)),
                    Partial::add, o.treeDepth()));
        } finally {
            bw.destroy();
        }
        if (p.rows != end - start) {
            throw new IllegalStateException("SparkTrainer: step " + global + " covered " + p.rows + " rows, expected "
                    + (end - start) + " (the partitions changed while training?)");
        }
        List<Variable> vars = model.trainableWeights();
        List<Tensor> grads = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            grads.add(p.present[i] ? tensor(p.vector, at, v) : null);
            at += v.size();
        }
        model.optimizer().apply(grads, vars);
        for (Variable v : model.nonTrainableWeights()) {
            v.assign(tensor(p.vector, at, v));
            at += v.size();
        }
        counter.add(System.nanoTime() - t0, p, bytes.length);
        return p;
    }

    private Partial localRound(Model model, ModelSpec spec, String run, SparkData.Prepared train,
            Broadcast<int[]> bpos, long firstStep, int k, int batch, long n, long global, SparkFitOptions o,
            StatsCounter counter) {
        long t0 = System.nanoTime();
        byte[] bytes = WeightBytes.encode(SparkCheckpoint.tensors(model, true), Map.of());
        Broadcast<Worker.Weights> bw = jsc.broadcast(new Worker.Weights(bytes, versions.incrementAndGet()));
        FaultPlan fault = o.fault();
        OptimizerFactory factory = o.localOptimizer();
        Partial p;
        try {
            JavaRDD<Shard> shards = train.shards();
            p = Jobs.run("fit: round " + global, () -> shards.treeAggregate(Partial.zero(),
                    (acc, shard) -> acc.add(Worker.localRound(shard, spec, run, bw.value(), factory,
                            bpos == null ? null : bpos.value(), firstStep, k, batch, n, global, fault)),
                    Partial::add, o.treeDepth()));
        } finally {
            bw.destroy();
        }
        if (p.vector == null) {
            throw new IllegalStateException("SparkTrainer: round " + global + " trained on no rows");
        }
        double rows = p.rows;
        int at = 0;
        for (Variable v : model.weights()) {
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = p.vector[at + i] / rows;
            }
            v.assign(cast(Tensor.fromFlat(d, v.shape().dims()), v.dtype()));
            at += d.length;
        }
        // The optimizer state laid out as the replicas' optimizer.state() named it.
        Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Variable> byName = new LinkedHashMap<>();
        for (Variable v : model.trainableWeights()) {
            byName.put(v.name(), v);
        }
        for (String key : p.stateKeys) {
            if (key.equals("iterations")) {
                state.put(key, Tensor.wrap(new long[] {Math.round(p.vector[at] / rows)}, jgrad.core.Shape.of()));
                at++;
                continue;
            }
            int size = 1;
            int[] shape = new int[0];
            if (!key.startsWith("extra/")) {
                Variable v = byName.get(key.substring(0, key.lastIndexOf('/')));
                if (v == null) {
                    throw new IllegalStateException("SparkTrainer: the replicas' optimizer state '" + key
                            + "' matches no weight of model '" + model.name() + "'");
                }
                size = v.size();
                shape = v.shape().dims();
            }
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                d[i] = p.vector[at + i] / rows;
            }
            state.put(key, Tensor.wrap(d, jgrad.core.Shape.of(shape)));
            at += size;
        }
        model.optimizer().loadState(state, model.trainableWeights());
        counter.add(System.nanoTime() - t0, p, bytes.length);
        return p;
    }

    private static Tensor tensor(double[] flat, int at, Variable v) {
        double[] d = java.util.Arrays.copyOfRange(flat, at, at + v.size());
        return cast(Tensor.fromFlat(d, v.shape().dims()), v.dtype());
    }

    private static Tensor cast(Tensor t, DType dtype) {
        return t.dtype() == dtype ? t : t.cast(dtype);
    }

    /** Loss and metrics over an epoch so far, weighted by rows, as Model.fit's trackers. */
    private static final class Running {
        private final List<String> names;
        private final double[] sums;
        private double loss;
        private long rows;

        Running(List<String> names) {
            this.names = names;
            this.sums = new double[names.size()];
        }

        void add(Partial p) {
            rows += p.rows;
            loss += p.lossSum;
            for (int i = 0; i < sums.length && p.metricSums != null; i++) {
                sums[i] += p.metricSums[i];
            }
        }

        Map<String, Double> logs() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss / rows);
            for (int i = 0; i < sums.length; i++) {
                m.put(names.get(i), sums[i] / rows);
            }
            return m;
        }
    }

    private static final class StatsCounter {
        long jobs;
        long nanos;
        long compute;
        long broadcast;
        long partial;
        long tasks;
        long rows;
        final long[] phases = new long[Partial.Phase.values().length];

        void add(long jobNanos, Partial p, long broadcastBytes) {
            if (p.phaseNanos != null) {
                rows += p.rows;
                for (int i = 0; i < phases.length; i++) {
                    phases[i] += p.phaseNanos[i];
                }
            }
            jobs++;
            nanos += jobNanos;
            compute += p.maxComputeNanos;
            broadcast += broadcastBytes;
            partial += (long) p.tasks * (p.vector == null ? 0 : p.vector.length) * Double.BYTES;
            tasks += p.tasks;
        }

        Stats stats() {
            return new Stats(jobs, nanos / 1e9, compute / 1e9, broadcast, partial, tasks, rows, phases.clone());
        }
    }

    // ---------------------------------------------------------------- evaluate and predict

    /**
     * Loss and metrics of {@code model} on {@code data}, computed where the rows are; each metric
     * is the row-weighted mean of the partitions' values (exact for accuracy, MAE, MSE; an
     * approximation for AUC, precision and recall).
     */
    public Map<String, Double> evaluate(Model model, SparkData data, int batchSize) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("SparkTrainer.evaluate: batchSize must be >= 1, got " + batchSize);
        }
        ModelSpec spec = ModelSpec.of(model);
        SparkData.Prepared prepared = data.prepare(spec, true, "evaluate");
        try {
            return evaluatePrepared(model, spec, UUID.randomUUID().toString(), prepared, batchSize, "evaluate");
        } finally {
            prepared.release();
        }
    }

    private Map<String, Double> evaluatePrepared(Model model, ModelSpec spec, String run, SparkData.Prepared data,
            int batchSize, String who) {
        byte[] bytes = WeightBytes.encode(SparkCheckpoint.tensors(model, false), Map.of());
        Broadcast<Worker.Weights> bw = jsc.broadcast(new Worker.Weights(bytes, versions.incrementAndGet()));
        try {
            JavaRDD<Shard> shards = data.shards();
            Partial p = Jobs.run(who, () -> shards.treeAggregate(Partial.zero(),
                    (acc, shard) -> acc.add(Worker.evaluate(shard, spec, run, bw.value(), batchSize)), Partial::add, 2));
            Running r = new Running(spec.metricNames());
            r.add(p);
            return r.logs();
        } finally {
            bw.destroy();
        }
    }

    /**
     * The model's output for every row, as a new array column {@code outputColumn} (doubles, the
     * output flattened per row) appended to the rows: computed lazily, partition by partition, when
     * the returned Dataset is used.
     */
    public Dataset<Row> predict(Model model, SparkData data, String outputColumn, int batchSize) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(outputColumn, "outputColumn");
        if (batchSize < 1) {
            throw new IllegalArgumentException("SparkTrainer.predict: batchSize must be >= 1, got " + batchSize);
        }
        Dataset<Row> rows = data.rows();
        if (List.of(rows.columns()).contains(outputColumn)) {
            throw new IllegalArgumentException("SparkTrainer.predict: the rows already have a column '" + outputColumn
                    + "'; choose another output column name");
        }
        ModelSpec spec = ModelSpec.of(model);
        byte[] bytes = WeightBytes.encode(SparkCheckpoint.tensors(model, false), Map.of());
        // Kept (not destroyed) for as long as the lazily computed Dataset may be evaluated.
        Broadcast<Worker.Weights> bw = jsc.broadcast(new Worker.Weights(bytes, versions.incrementAndGet()));
        String run = UUID.randomUUID().toString();
        List<String> cols = data.featureColumns();
        StructType schema = rows.schema().add(outputColumn, DataTypes.createArrayType(DataTypes.DoubleType, false),
                false);
        return rows.mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) it ->
                Worker.predict(it, spec, run, bw.value(), cols, batchSize), Encoders.row(schema));
    }

    SparkSession session() {
        return spark;
    }

    static Row appended(Row row, double[] value) {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        values[row.length()] = value;
        return RowFactory.create(values);
    }
}
