package jgrad.spark;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.Model;
import jgrad.nn.losses.Loss;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Optimizer;

/**
 * An executor's copy of the model, rebuilt from its JSON once and then only reloaded with new
 * weights. Tasks running at the same time in one executor JVM (local[2] runs both workers in
 * one) each borrow their own replica: jgrad models are not shared between threads.
 */
final class Replica {
    /** Idle replicas per training run; only the latest few runs are kept. */
    private static final Map<String, ArrayDeque<Replica>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Replica>> eldest) {
            return size() > 4;
        }
    };

    final Model model;
    final Loss loss;
    final List<Metric> metrics;
    Optimizer optimizer;
    private long version = -1;

    private Replica(ModelSpec spec) {
        model = Model.fromJson(spec.architecture());
        loss = spec.loss();
        metrics = spec.metrics();
    }

    static Replica borrow(String run, ModelSpec spec) {
        synchronized (POOLS) {
            ArrayDeque<Replica> pool = POOLS.get(run);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
        }
        return new Replica(spec);
    }

    static void giveBack(String run, Replica r) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(run, k -> new ArrayDeque<>()).push(r);
        }
    }

    /** Loads the broadcast weights unless this replica holds that version already. */
    void load(byte[] weights, long weightsVersion) {
        if (version == weightsVersion) {
            return;
        }
        version = -1;
        Map<String, Tensor> tensors = WeightBytes.decode(weights, "broadcast weights v" + weightsVersion);
        WeightBytes.assign(model, tensors, SparkTrainer.WEIGHT_PREFIX, "SparkTrainer replica");
        version = weightsVersion;
    }

    /** Local SGD changes the weights in place: the next load must not be skipped. */
    void invalidate() {
        version = -1;
    }
}
