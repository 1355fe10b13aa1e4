package jgrad.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Model;
import jgrad.nn.metrics.Metric;
import org.apache.spark.sql.Row;

/**
 * The executor side: what one task computes on its shard. Static methods only, so the closures
 * Spark serialises capture their arguments and never a trainer or a model.
 */
final class Worker {
    private Worker() {}

    /** The broadcast a task reads: the weights' bytes and their version. */
    record Weights(byte[] bytes, long version) implements java.io.Serializable {}

    /**
     * Gradient averaging: the gradient of this shard's part of the global batch {@code [start, end)}
     * scaled by its share {@code n / batch}, so that the partials add up to the gradient of the
     * batch's mean loss; then the non-trainable weights (BatchNorm statistics) after the forward
     * pass, scaled the same way, so the driver takes their row-weighted mean.
     */
    static Partial gradients(Shard shard, ModelSpec spec, String run, Weights w, int[] position, long start,
            long end, long step, FaultPlan fault) {
        if (fault != null) {
            fault.maybeFail(step, shard.partition);
        }
        int[] rows = shard.select(position, start, end);
        if (rows.length == 0) {
            return Partial.zero();
        }
        long t0 = System.nanoTime();
        long[] phase = new long[Partial.Phase.values().length];
        Replica r = Replica.borrow(run, spec);
        try {
            r.load(w.bytes(), w.version());
            long t1 = System.nanoTime();
            phase[Partial.Phase.WEIGHTS.ordinal()] = t1 - t0;
            Model model = r.model;
            Tensor x = features(shard, rows, spec);
            Tensor y = targets(shard, rows, spec);
            List<Variable> vars = model.trainableWeights();
            int n = rows.length;
            int batch = (int) (end - start);
            List<Tensor> grads;
            Tensor out;
            Tensor total;
            long t2 = System.nanoTime();
            phase[Partial.Phase.ROWS.ordinal()] = t2 - t1;
            long t3;
            try (GradientTape tape = new GradientTape()) {
                out = model.callAll(List.of(x), true).get(0);
                total = totalLoss(model, r.loss.call(y, out, null));
                // n == batch (one worker) skips the scaling, so its step is the plain fit's bit for bit.
                Tensor scaled = n == batch ? total : total.mul((double) n / batch);
                t3 = System.nanoTime();
                grads = tape.gradient(scaled, vars);
            }
            long t4 = System.nanoTime();
            phase[Partial.Phase.FORWARD.ordinal()] = t3 - t2;
            phase[Partial.Phase.BACKWARD.ordinal()] = t4 - t3;
            List<Variable> fixed = model.nonTrainableWeights();
            int size = 0;
            for (Variable v : vars) {
                size += v.size();
            }
            for (Variable v : fixed) {
                size += v.size();
            }
            Partial p = new Partial();
            p.vector = new double[size];
            p.present = new boolean[vars.size()];
            int at = 0;
            for (int i = 0; i < vars.size(); i++) {
                Tensor g = grads.get(i);
                if (g != null) {
                    p.present[i] = true;
                    double[] d = g.toDoubleArray();
                    System.arraycopy(d, 0, p.vector, at, d.length);
                }
                at += vars.get(i).size();
            }
            double share = (double) n / batch;
            for (Variable v : fixed) {
                double[] d = v.toDoubleArray();
                for (int k = 0; k < d.length; k++) {
                    p.vector[at + k] = d[k] * share;
                }
                at += d.length;
            }
            // The replica's non-trainable weights moved; the next step reloads them.
            if (!fixed.isEmpty()) {
                r.invalidate();
            }
            finish(p, r, y, out, total, n, t0);
            phase[Partial.Phase.PACK.ordinal()] = System.nanoTime() - t4;
            p.phaseNanos = phase;
            return p;
        } finally {
            Replica.giveBack(run, r);
        }
    }

    /**
     * Local SGD: {@code steps} local optimizer steps on this shard's part of consecutive global
     * batches, starting from the broadcast weights and optimizer state; sends back the final
     * weights and optimizer state times the rows it trained on, for the driver's row-weighted mean.
     */
    static Partial localRound(Shard shard, ModelSpec spec, String run, Weights w, OptimizerFactory factory,
            int[] position, long firstStep, int steps, int batch, long total, long roundIndex, FaultPlan fault) {
        if (fault != null) {
            fault.maybeFail(roundIndex, shard.partition);
        }
        long t0 = System.nanoTime();
        Replica r = Replica.borrow(run, spec);
        try {
            r.invalidate();
            r.load(w.bytes(), w.version());
            r.invalidate();
            Model model = r.model;
            List<Variable> vars = model.trainableWeights();
            if (r.optimizer == null) {
                r.optimizer = factory.get();
            }
            Map<String, Tensor> state = new TreeMap<>();
            WeightBytes.decode(w.bytes(), "broadcast state").forEach((k, v) -> {
                if (k.startsWith(SparkTrainer.STATE_PREFIX)) {
                    state.put(k.substring(SparkTrainer.STATE_PREFIX.length()), v);
                }
            });
            if (state.isEmpty()) {
                r.optimizer.reset();
            } else {
                r.optimizer.loadState(state, vars);
            }
            for (Metric m : r.metrics) {
                m.reset();
            }
            long rowsDone = 0;
            double lossSum = 0;
            for (int s = 0; s < steps; s++) {
                long start = (firstStep + s) * batch;
                if (start >= total) {
                    break;
                }
                int[] rows = shard.select(position, start, Math.min(total, start + batch));
                if (rows.length == 0) {
                    continue;
                }
                Tensor x = features(shard, rows, spec);
                Tensor y = targets(shard, rows, spec);
                List<Tensor> grads;
                Tensor out;
                Tensor loss;
                try (GradientTape tape = new GradientTape()) {
                    out = model.callAll(List.of(x), true).get(0);
                    loss = totalLoss(model, r.loss.call(y, out, null));
                    grads = tape.gradient(loss, vars);
                }
                r.optimizer.apply(grads, vars);
                rowsDone += rows.length;
                lossSum += loss.item() * rows.length;
                try (Scope _ = GradientTape.noGrad()) {
                    for (Metric m : r.metrics) {
                        m.update(y, out, null);
                    }
                }
            }
            if (rowsDone == 0) {
                return Partial.zero();
            }
            Map<String, Tensor> optState = r.optimizer.state(vars);
            List<Tensor> parts = new ArrayList<>();
            for (Variable v : model.weights()) {
                parts.add(v.value());
            }
            parts.addAll(optState.values());
            int size = 0;
            for (Tensor t : parts) {
                size += t.size();
            }
            Partial p = new Partial();
            p.vector = new double[size];
            p.stateKeys = optState.keySet().toArray(new String[0]);
            int at = 0;
            for (Tensor t : parts) {
                double[] d = t.toDoubleArray();
                for (int k = 0; k < d.length; k++) {
                    p.vector[at + k] = d[k] * rowsDone;
                }
                at += d.length;
            }
            p.rows = rowsDone;
            p.lossSum = lossSum;
            p.metricSums = new double[r.metrics.size()];
            for (int i = 0; i < r.metrics.size(); i++) {
                p.metricSums[i] = r.metrics.get(i).result() * rowsDone;
            }
            p.maxComputeNanos = System.nanoTime() - t0;
            p.tasks = 1;
            return p;
        } finally {
            Replica.giveBack(run, r);
        }
    }

    /**
     * Evaluation of a whole shard in batches of {@code batch}: loss and metrics times rows. The
     * metric values are each shard's and the driver takes their row-weighted mean, exact for
     * the mean-type metrics (accuracy, MAE, MSE) and an approximation for AUC, precision, recall.
     */
    static Partial evaluate(Shard shard, ModelSpec spec, String run, Weights w, int batch) {
        if (shard.rows == 0) {
            return Partial.zero();
        }
        long t0 = System.nanoTime();
        Replica r = Replica.borrow(run, spec);
        try {
            r.load(w.bytes(), w.version());
            for (Metric m : r.metrics) {
                m.reset();
            }
            double lossSum = 0;
            try (Scope _ = GradientTape.noGrad()) {
                for (int s = 0; s < shard.rows; s += batch) {
                    int[] rows = shard.select(null, shard.first + s, shard.first + Math.min(shard.rows, s + batch));
                    Tensor x = features(shard, rows, spec);
                    Tensor y = targets(shard, rows, spec);
                    Tensor out = r.model.callAll(List.of(x), false).get(0);
                    lossSum += totalLoss(r.model, r.loss.call(y, out, null)).item() * rows.length;
                    for (Metric m : r.metrics) {
                        m.update(y, out, null);
                    }
                }
            }
            Partial p = new Partial();
            p.vector = new double[0];
            p.rows = shard.rows;
            p.lossSum = lossSum;
            p.metricSums = new double[r.metrics.size()];
            for (int i = 0; i < r.metrics.size(); i++) {
                p.metricSums[i] = r.metrics.get(i).result() * shard.rows;
            }
            p.maxComputeNanos = System.nanoTime() - t0;
            p.tasks = 1;
            return p;
        } finally {
            Replica.giveBack(run, r);
        }
    }

    /**
     * Predictions for a partition's rows, {@code batch} rows at a time: each row comes back with
     * the model's output (flattened, as doubles) appended.
     */
    static Iterator<Row> predict(Iterator<Row> rows, ModelSpec spec, String run, Weights w, List<String> cols,
            int batch) {
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        int partition = tc == null ? 0 : tc.partitionId();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private long seen;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) {
                    fill();
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void fill() {
                List<Row> chunk = new ArrayList<>(batch);
                while (rows.hasNext() && chunk.size() < batch) {
                    chunk.add(rows.next());
                }
                Shard shard = Shard.read(partition, seen, chunk.iterator(), cols, null, spec.inputWidth(), 0);
                seen += chunk.size();
                int[] all = shard.select(null, shard.first, shard.first + shard.rows);
                Replica r = Replica.borrow(run, spec);
                double[] out;
                int per;
                try (Scope _ = GradientTape.noGrad()) {
                    r.load(w.bytes(), w.version());
                    Tensor y = r.model.callAll(List.of(features(shard, all, spec)), false).get(0);
                    out = y.toDoubleArray();
                    per = out.length / chunk.size();
                } finally {
                    Replica.giveBack(run, r);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    ready.add(SparkTrainer.appended(chunk.get(i), Arrays.copyOfRange(out, i * per, (i + 1) * per)));
                }
            }
        };
    }

    private static void finish(Partial p, Replica r, Tensor y, Tensor out, Tensor total, int n, long t0) {
        p.rows = n;
        p.lossSum = total.item() * n;
        p.metricSums = new double[r.metrics.size()];
        try (Scope _ = GradientTape.noGrad()) {
            for (int i = 0; i < r.metrics.size(); i++) {
                Metric m = r.metrics.get(i);
                m.reset();
                m.update(y, out, null);
                p.metricSums[i] = m.result() * n;
            }
        }
        p.maxComputeNanos = System.nanoTime() - t0;
        p.tasks = 1;
    }

    /** The loss plus the model's own losses (regularizers), as {@link Model#fit}'s step adds them. */
    static Tensor totalLoss(Model model, Tensor loss) {
        Tensor total = loss;
        for (Tensor t : model.losses()) {
            Tensor s = t.rank() == 0 ? t : t.sum();
            total = total.add(s.dtype() == total.dtype() ? s : s.cast(total.dtype()));
        }
        return total;
    }

    static Tensor features(Shard shard, int[] rows, ModelSpec spec) {
        return gather(shard.x, shard.width, rows, spec.inputShape(), spec.dtype());
    }

    static Tensor targets(Shard shard, int[] rows, ModelSpec spec) {
        return gather(shard.y, shard.targetWidth, rows, spec.targetShape(), spec.dtype());
    }

    private static Tensor gather(float[] src, int width, int[] rows, int[] perSample, DType dtype) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(src, rows[i] * width, out, i * width, width);
        }
        int[] shape = new int[perSample.length + 1];
        shape[0] = rows.length;
        System.arraycopy(perSample, 0, shape, 1, perSample.length);
        Tensor t = Tensor.fromFlat(out, shape);
        return dtype == DType.FLOAT32 ? t : t.cast(dtype);
    }
}
