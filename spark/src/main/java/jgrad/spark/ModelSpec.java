package jgrad.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import jgrad.core.DType;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.losses.Loss;
import jgrad.nn.metrics.Metric;

/**
 * What an executor needs to rebuild a replica of the driver's model: the architecture as jgrad's
 * JSON, the loss and metrics by name and settings, and the per-sample shapes. Only strings,
 * numbers and shapes are Java-serialised here (Spark ships task closures that way); the weights
 * travel separately as safetensors bytes ({@link WeightBytes}).
 */
record ModelSpec(String architecture, String lossName, HashMap<String, Object> lossConfig,
        ArrayList<String> metricNames, int[] inputShape, String inputDtype, int[] outputShape) implements Serializable {

    /**
     * Reads the spec off a compiled model and proves on the driver that a replica can be built
     * from it, so that a model that cannot be sent fails here with its reason rather than as a
     * task failure on every executor.
     */
    static ModelSpec of(Model model) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("SparkTrainer: model '" + model.name() + "' is not compiled; call"
                    + " model.compile(optimizer, loss, metrics...) first");
        }
        List<SymbolicTensor> ins = model.inputs();
        List<SymbolicTensor> outs = model.outputs();
        if (ins.size() != 1 || outs.size() != 1) {
            throw new IllegalArgumentException("SparkTrainer: model '" + model.name() + "' has " + ins.size()
                    + " inputs and " + outs.size() + " outputs; Spark training takes models with one built input and"
                    + " one output (build the model with an Input)");
        }
        String json;
        try {
            json = model.toJson();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SparkTrainer: model '" + model.name() + "' cannot be serialised for the"
                    + " executors (its architecture has no JSON form: " + e.getMessage() + "); replace Lambda or"
                    + " unregistered custom layers by registered layers", e);
        }
        Loss loss = model.loss();
        HashMap<String, Object> lossConfig = new HashMap<>(loss.config());
        ArrayList<String> metricNames = new ArrayList<>();
        for (List<Metric> ms : model.metrics()) {
            for (Metric m : ms) {
                metricNames.add(m.name());
            }
        }
        SymbolicTensor in = ins.get(0);
        ModelSpec spec = new ModelSpec(json, loss.name(), lossConfig, metricNames, in.shape().dims(),
                in.dtype().name(), outs.get(0).shape().dims());
        // The replica an executor would build, built once here: fails now, naming the reason.
        Model copy;
        try {
            copy = Model.fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SparkTrainer: model '" + model.name() + "' cannot be rebuilt from its"
                    + " JSON on the executors: " + e.getMessage(), e);
        }
        WeightBytes.assign(copy, WeightBytes.named(model), "", "SparkTrainer: the replica of model '" + model.name()
                + "' rebuilt from its JSON");
        try {
            spec.loss();
            spec.metrics();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SparkTrainer: the loss or metrics of model '" + model.name()
                    + "' cannot be rebuilt by name on the executors: " + e.getMessage(), e);
        }
        return spec;
    }

    Loss loss() {
        return Loss.get(lossName, lossConfig);
    }

    List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (String n : metricNames) {
            out.add(Metric.get(n));
        }
        return out;
    }

    DType dtype() {
        return DType.valueOf(inputDtype);
    }

    int inputWidth() {
        int w = 1;
        for (int d : inputShape) {
            w *= d;
        }
        return w;
    }

    /** The per-sample target shape: a class index for sparse_categorical_crossentropy, else the output's. */
    int[] targetShape() {
        return lossName.startsWith("sparse_categorical") ? new int[0] : outputShape;
    }

    int targetWidth() {
        int w = 1;
        for (int d : targetShape()) {
            w *= d;
        }
        return w;
    }
}
