package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Jit;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.core.Variable;
import jgrad.nn.callbacks.Callback;
import jgrad.nn.losses.BinaryCrossentropy;
import jgrad.nn.losses.Loss;
import jgrad.nn.losses.SparseCategoricalCrossentropy;
import jgrad.nn.metrics.Mean;
import jgrad.nn.metrics.Metric;

/** The loops behind {@link Model#fit}, {@link Model#evaluate} and {@link Model#predict}. */
final class Trainer {
    private final Model model;
    private final Mean lossTracker = new Mean("loss");
    private final List<Mean> outputLossTrackers = new ArrayList<>();
    private Map<Integer, Double> classWeight;

    Trainer(Model model) {
        this.model = model;
        for (int o = 0; o < model.outputCount(); o++) {
            outputLossTrackers.add(new Mean(outputName(o) + "_loss"));
        }
    }

    // ---------------------------------------------------------------- fit

    History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        // No targets: the model's own trainStep computes the loss (a VAE); the default step says so.
        int n = checkData("fit", x, y, !y.isEmpty());
        Tensor sw = o.sampleWeight();
        if (sw != null && (sw.rank() != 1 || sw.dim(0) != n)) {
            throw new IllegalArgumentException("fit: sampleWeight has shape " + sw.shape() + ", expected [" + n + "]");
        }
        List<Tensor> trainX = x;
        List<Tensor> trainY = y;
        Tensor trainW = sw;
        DataSource validation = null;
        if (o.validationSplit() > 0) {
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("fit: validationSplit " + o.validationSplit() + " of " + n
                        + " samples leaves " + (splitAt == 0 ? "no training" : "no validation") + " samples");
            }
            trainX = slice(x, 0, splitAt);
            trainY = slice(y, 0, splitAt);
            trainW = sw == null ? null : sw.slice(0, 0, splitAt);
            validation = new ArraySource(slice(x, splitAt, n), slice(y, splitAt, n), null, o.batchSize(), false, null);
        } else if (o.validationX() != null) {
            checkData("fit (validation data)", o.validationX(), o.validationY(), true);
            validation = new ArraySource(o.validationX(), o.validationY(), null, o.batchSize(), false, null);
        } else if (o.validationSource() != null) {
            validation = o.validationSource();
        }
        // A fit that starts where the last one (or a loaded model file) stopped continues its shuffle.
        Rng shuffle = model.trainingProgress().continuing(o.initialEpoch());
        if (shuffle == null) {
            shuffle = new Rng(o.seed() != null ? o.seed() : Rng.global().nextLong());
        }
        model.trainingProgress().started(shuffle);
        ArraySource train = new ArraySource(trainX, trainY, trainW, o.batchSize(), o.shuffle(), shuffle);
        return loop(train, validation, o);
    }

    History fit(DataSource data, FitOptions o) {
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validationSplit is not supported with a DataSource (as in Keras);"
                    + " split the dataset and pass validationData");
        }
        if (o.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: sampleWeight is not supported with a DataSource; put the weights"
                    + " in its batches");
        }
        Rng shuffle = data.shuffleGenerator();
        if (shuffle != null) {
            // The source's own generator: continued from the saved state when this fit resumes a run.
            Rng saved = model.trainingProgress().continuing(o.initialEpoch());
            if (saved != null) {
                shuffle.setState(saved.state());
            }
            model.trainingProgress().started(shuffle);
        }
        DataSource validation = o.validationSource();
        if (o.validationX() != null) {
            checkData("fit (validation data)", o.validationX(), o.validationY(), true);
            validation = new ArraySource(o.validationX(), o.validationY(), null, o.batchSize(), false, null);
        }
        return loop(data, validation, o);
    }

    private History loop(DataSource train, DataSource validation, FitOptions o) {
        classWeight = o.classWeight();
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(o.callbacks());
        // At an epoch's end the checkpoints run last, so that the file a ModelCheckpoint writes
        // holds every other callback's state after that epoch (EarlyStopping's counter, the
        // learning rate ReduceLROnPlateau lowered), whatever order the user listed them in.
        List<Callback> atEpochEnd = new ArrayList<>(callbacks);
        atEpochEnd.sort(java.util.Comparator.comparing(c -> c instanceof jgrad.nn.callbacks.ModelCheckpoint));
        Progress progress = new Progress(o.out(), o.verbose());
        model.setStopTraining(false);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setOutput(o.out(), o.verbose());
        }
        Map<String, Double> empty = Collections.emptyMap();
        for (Callback c : callbacks) {
            c.onTrainBegin(empty);
        }
        model.trainingProgress().callbacksStarted(o.callbacks(), o.initialEpoch());
        Map<String, Double> lastLogs = empty;
        for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
            if (model.stopTraining()) {
                break;
            }
            resetMetrics();
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, empty);
            }
            progress.epochBegin(epoch, o.epochs(), train.batchCount());
            int batchIndex = 0;
            Map<String, Double> logs = empty;
            Iterator<Batch> it = train.batches();
            while (it.hasNext()) {
                Batch batch = it.next();
                for (Callback c : callbacks) {
                    c.onBatchBegin(batchIndex, empty);
                }
                logs = runStep(batch);
                for (Callback c : callbacks) {
                    c.onBatchEnd(batchIndex, logs);
                }
                batchIndex++;
                progress.batchEnd(batchIndex, logs);
                if (model.stopTraining()) {
                    // A callback (TerminateOnNaN) asked to stop now: the rest of the epoch must not
                    // run, or a NaN loss would keep writing NaN into the weights.
                    break;
                }
            }
            if (batchIndex == 0) {
                throw new IllegalArgumentException("fit: the training data yielded no batches (is the dataset empty?)");
            }
            model.trainingProgress().epochDone(epoch);
            Map<String, Double> epochLogs = new LinkedHashMap<>(logs);
            if (validation != null && (epoch + 1 - o.initialEpoch()) % o.validationFreq() == 0) {
                for (Map.Entry<String, Double> e : evaluate(validation).entrySet()) {
                    epochLogs.put("val_" + e.getKey(), e.getValue());
                }
            }
            progress.epochEnd(batchIndex, epochLogs);
            Map<String, Double> view = Collections.unmodifiableMap(epochLogs);
            for (Callback c : atEpochEnd) {
                c.onEpochEnd(epoch, view);
            }
            lastLogs = view;
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(lastLogs);
        }
        model.trainingProgress().callbacksEnded();
        return history;
    }

    Map<String, Double> trainOnBatch(Batch batch) {
        model.trainingProgress().trainingStarted();
        resetMetrics();
        return runStep(batch);
    }

    /** The model's {@link Model#trainStep}, which may be overridden, with this loop behind its default. */
    private Map<String, Double> runStep(Batch batch) {
        Trainer previous = model.activeTrainer;
        model.activeTrainer = this;
        try {
            Map<String, Double> logs = model.trainStep(batch);
            if (logs == null) {
                throw new IllegalStateException("model '" + model.name() + "': trainStep returned null; return the"
                        + " logs (e.g. Map.of(\"loss\", value))");
            }
            return logs;
        } finally {
            model.activeTrainer = previous;
        }
    }

    /** One step: forward in training mode on a tape, loss plus regularization, gradients, optimizer. */
    Map<String, Double> standardTrainStep(Batch batch) {
        checkTargets(batch);
        Tensor sw = sampleWeights(batch);
        List<Variable> vars = model.trainableWeights();
        List<Tensor> outs;
        Tensor total;
        List<Tensor> perOutput = new ArrayList<>();
        List<Tensor> grads = null;
        try (GradientTape tape = new GradientTape()) {
            if (model.jitCompile()) {
                outs = new ArrayList<>();
                total = compiledForward(batch, sw, outs, perOutput);
            } else {
                outs = model.callAll(batch.inputs(), true);
                total = totalLoss(batch.targets(), outs, sw, perOutput);
            }
            if (!vars.isEmpty()) {
                grads = tape.gradient(total, vars);
            }
        }
        if (grads != null) {
            model.optimizer().apply(grads, vars);
        }
        return track(batch, outs, total, perOutput, sw);
    }

    /**
     * The forward pass and loss of a train step through {@link Jit#compile} (model.jitCompile):
     * arguments {@code [inputs..., targets..., sampleWeight?]}, results {@code [total, outputs...,
     * per-output losses...]}. The function is compiled once per model (and weighting) and
     * retraced by the compiler for new batch shapes; it runs on the caller's tape.
     */
    private Tensor compiledForward(Batch batch, Tensor sw, List<Tensor> outs, List<Tensor> perOutput) {
        int nIn = batch.inputs().size();
        int nOut = batch.targets().size();
        TensorFunction step = model.jitStep(sw != null, () -> Jit.compile(args -> {
            List<Tensor> ins = List.of(Arrays.copyOfRange(args, 0, nIn));
            List<Tensor> ys = List.of(Arrays.copyOfRange(args, nIn, nIn + nOut));
            Tensor w = args.length > nIn + nOut ? args[nIn + nOut] : null;
            List<Tensor> o = model.callAll(ins, true);
            List<Tensor> per = new ArrayList<>();
            Tensor t = totalLoss(ys, o, w, per);
            List<Tensor> result = new ArrayList<>();
            result.add(t);
            result.addAll(o);
            result.addAll(per);
            return result.toArray(new Tensor[0]);
        }));
        List<Tensor> args = new ArrayList<>(batch.inputs());
        args.addAll(batch.targets());
        if (sw != null) {
            args.add(sw);
        }
        Tensor[] r = step.apply(args.toArray(new Tensor[0]));
        outs.addAll(Arrays.asList(r).subList(1, 1 + nOut));
        perOutput.addAll(Arrays.asList(r).subList(1 + nOut, r.length));
        return r[0];
    }

    private Tensor totalLoss(List<Tensor> ys, List<Tensor> outs, Tensor sw, List<Tensor> perOutput) {
        List<Loss> losses = model.lossFunctions();
        List<Double> weights = model.lossWeights();
        if (outs.size() != losses.size()) {
            throw new IllegalStateException("model '" + model.name() + "' returned " + outs.size() + " outputs but was"
                    + " compiled with " + losses.size() + " losses");
        }
        Tensor total = null;
        for (int i = 0; i < outs.size(); i++) {
            Tensor l = losses.get(i).call(ys.get(i), outs.get(i), sw);
            perOutput.add(l);
            Tensor weighted = weights.get(i) == 1.0 ? l : l.mul(weights.get(i));
            total = total == null ? weighted : total.add(weighted);
        }
        List<Tensor> extra = new ArrayList<>(model.losses());
        for (java.util.function.Supplier<Tensor> f : model.addedLosses()) {
            extra.add(java.util.Objects.requireNonNull(f.get(), "a loss added with addLoss returned null"));
        }
        for (Tensor t : extra) {
            Tensor s = t.rank() == 0 ? t : t.sum();
            total = total.add(s.dtype() == total.dtype() ? s : s.cast(total.dtype()));
        }
        return total;
    }

    private Map<String, Double> track(Batch batch, List<Tensor> outs, Tensor total, List<Tensor> perOutput, Tensor sw) {
        int n = batch.size();
        lossTracker.updateValue(total.item(), n);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossTracker.result());
        boolean multi = outs.size() > 1;
        if (multi) {
            for (int i = 0; i < outs.size(); i++) {
                outputLossTrackers.get(i).updateValue(perOutput.get(i).item(), n);
                logs.put(outputLossTrackers.get(i).name(), outputLossTrackers.get(i).result());
            }
        }
        try (Scope _ = GradientTape.noGrad()) {
            List<List<Metric>> metrics = model.metrics();
            for (int i = 0; i < outs.size() && i < metrics.size(); i++) {
                for (Metric m : metrics.get(i)) {
                    m.update(batch.targets().get(i), outs.get(i), sw);
                    logs.put(multi ? outputName(i) + "_" + m.name() : m.name(), m.result());
                }
            }
        }
        return logs;
    }

    private void resetMetrics() {
        lossTracker.reset();
        for (Mean m : outputLossTrackers) {
            m.reset();
        }
        for (List<Metric> ms : model.metrics()) {
            for (Metric m : ms) {
                m.reset();
            }
        }
        for (Metric m : model.trainStepMetrics()) {
            m.reset();
        }
    }

    private String outputName(int i) {
        List<SymbolicTensor> outs = model.outputs();
        return i < outs.size() ? outs.get(i).layer().name() : "output_" + (i + 1);
    }

    // ---------------------------------------------------------------- evaluate and predict

    Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate: batchSize must be > 0, got " + batchSize);
        }
        checkData("evaluate", x, y, true);
        return evaluate(new ArraySource(x, y, null, batchSize, false, null));
    }

    Map<String, Double> evaluate(DataSource data) {
        resetMetrics();
        Map<String, Double> logs = new LinkedHashMap<>();
        int batches = 0;
        try (Scope _ = GradientTape.noGrad()) {
            Iterator<Batch> it = data.batches();
            while (it.hasNext()) {
                Batch batch = it.next();
                checkTargets(batch);
                Tensor sw = batch.sampleWeight();
                List<Tensor> outs = model.callAll(batch.inputs(), false);
                List<Tensor> perOutput = new ArrayList<>();
                Tensor total = totalLoss(batch.targets(), outs, sw, perOutput);
                logs = track(batch, outs, total, perOutput, sw);
                batches++;
            }
        }
        if (batches == 0) {
            throw new IllegalArgumentException("evaluate: the data yielded no batches (is the dataset empty?)");
        }
        return logs;
    }

    List<Tensor> predict(List<Tensor> x, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("predict: batchSize must be > 0, got " + batchSize);
        }
        checkData("predict", x, List.of(), false);
        return predict(new ArraySource(x, List.of(), null, batchSize, false, null));
    }

    List<Tensor> predict(DataSource data) {
        List<List<Tensor>> parts = new ArrayList<>();
        try (Scope _ = GradientTape.noGrad()) {
            Iterator<Batch> it = data.batches();
            while (it.hasNext()) {
                List<Tensor> outs = model.callAll(it.next().inputs(), false);
                for (int i = 0; i < outs.size(); i++) {
                    if (parts.size() <= i) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(i).add(outs.get(i));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("predict: the data yielded no batches (is the dataset empty?)");
        }
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> p : parts) {
            result.add(p.size() == 1 ? p.get(0) : Tensor.concat(p, 0));
        }
        return result;
    }

    // ---------------------------------------------------------------- checks

    /** Checks counts, sample counts, emptiness and NaN; returns the number of samples. */
    private int checkData(String who, List<Tensor> x, List<Tensor> y, boolean needTargets) {
        if (x == null || x.isEmpty()) {
            throw new IllegalArgumentException(who + ": no inputs given");
        }
        List<SymbolicTensor> ins = model.inputs();
        if (!ins.isEmpty() && x.size() != ins.size()) {
            throw new IllegalArgumentException(who + ": model '" + model.name() + "' has " + ins.size() + " inputs, got "
                    + x.size() + " input tensors");
        }
        if (needTargets && y.size() != model.outputCount()) {
            throw new IllegalArgumentException(who + ": model '" + model.name() + "' has " + model.outputCount()
                    + " outputs, got " + y.size() + " target tensors");
        }
        int n = -1;
        List<Tensor> all = new ArrayList<>(x);
        all.addAll(y);
        for (int i = 0; i < all.size(); i++) {
            Tensor t = all.get(i);
            String what = i < x.size() ? (x.size() == 1 ? "x" : "x[" + i + "]")
                    : (y.size() == 1 ? "y" : "y[" + (i - x.size()) + "]");
            if (t == null) {
                throw new NullPointerException(who + ": " + what + " is null");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException(who + ": " + what + " is a scalar; the first axis must index samples");
            }
            if (n < 0) {
                n = t.dim(0);
            } else if (t.dim(0) != n) {
                throw new IllegalArgumentException(who + ": " + what + " has " + t.dim(0) + " samples (shape "
                        + t.shape() + "), but x has " + n);
            }
            if (i < x.size() && !ins.isEmpty()) {
                checkInputShape(who, what, t, ins.get(i));
            }
            checkFinite(who, what, t);
        }
        if (n == 0) {
            throw new IllegalArgumentException(who + ": the data is empty (0 samples)");
        }
        if (needTargets) {
            checkTargetShapes(who, y);
        }
        return n;
    }

    /**
     * The data's per-sample shape against the model's input, before any epoch starts, so the error
     * names the whole array the user passed rather than the first batch cut from it.
     */
    private void checkInputShape(String who, String what, Tensor t, SymbolicTensor input) {
        Shape perSample = Shapes.perSample(t.shape(), who);
        if (!perSample.equals(input.shape())) {
            String width = perSample.rank() == 1 && input.shape().rank() == 1 ? " (" + perSample.get(0)
                    + " features per sample, the model takes " + input.shape().get(0) + ")" : "";
            throw new IllegalArgumentException(who + ": " + what + " has shape " + t.shape() + ", that is samples of"
                    + " shape " + Shapes.batchShape(perSample) + ", but model '" + model.name() + "' expects input '"
                    + input.layer().name() + "' of shape " + input.batchShapeString() + width);
        }
    }

    private static void checkFinite(String who, String what, Tensor t) {
        if (!t.dtype().isFloating() || t.size() == 0) {
            return;
        }
        // One reduction pass, no copy: NaN and infinities make the sum non-finite. Only then is the
        // data scanned element by element to name the sample.
        double sum;
        try (Scope _ = GradientTape.noGrad()) {
            sum = t.sum().item();
        }
        if (Double.isFinite(sum)) {
            return;
        }
        int per = t.size() / t.dim(0);
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(who + ": " + what + " contains " + v[i] + " (sample " + (i / per)
                        + ", element " + (i % per) + "); clean or impute the data first");
            }
        }
    }

    /** For graph models, target shapes are checked against the outputs before training starts. */
    private void checkTargetShapes(String who, List<Tensor> y) {
        List<SymbolicTensor> outs = model.outputs();
        List<Loss> losses = model.lossFunctions();
        if (outs.isEmpty() || losses.size() != outs.size()) {
            return;
        }
        for (int i = 0; i < outs.size(); i++) {
            Shape target = Shapes.perSample(y.get(i).shape(), who);
            Shape out = outs.get(i).shape();
            String what = y.size() == 1 ? "y" : "y[" + i + "]";
            if (losses.get(i) instanceof SparseCategoricalCrossentropy) {
                boolean ok = target.rank() == out.rank() - 1 && Arrays.equals(target.dims(),
                        Arrays.copyOf(out.dims(), out.rank() - 1)) || target.rank() == out.rank()
                        && target.get(-1) == 1 && Arrays.equals(Arrays.copyOf(target.dims(), target.rank() - 1),
                                Arrays.copyOf(out.dims(), out.rank() - 1));
                if (!ok) {
                    throw new IllegalArgumentException(who + ": " + what + " has shape " + Shapes.batchShape(target)
                            + " but sparse_categorical_crossentropy needs one class index per sample for output '"
                            + outs.get(i).layer().name() + "' " + Shapes.batchShape(out)
                            + (target.equals(out) ? "; for one-hot labels use categorical_crossentropy" : ""));
                }
                if (y.get(i).dtype() == DType.BOOL) {
                    throw new IllegalArgumentException(who + ": " + what + " holds bool values; class indices must be"
                            + " integers");
                }
                checkClassIndices(who, what, y.get(i), out.get(-1));
            } else if (!target.equals(out) && !(losses.get(i) instanceof BinaryCrossentropy
                    && Shapes.missesTrailingOne(target, out))) {
                String hint = target.rank() == 0 || target.rank() == out.rank() && target.get(-1) == 1 && out.get(-1) > 1
                        ? "; for integer class labels use sparse_categorical_crossentropy, or one-hot encode them" : "";
                throw new IllegalArgumentException(who + ": " + what + " has shape " + Shapes.batchShape(target)
                        + " but model output '" + outs.get(i).layer().name() + "' has shape " + Shapes.batchShape(out)
                        + " (loss " + losses.get(i).name() + " needs them equal)" + hint);
            }
        }
    }

    /** Sparse labels must be whole numbers in [0, classes): reported by sample, before any training. */
    private static void checkClassIndices(String who, String what, Tensor y, int classes) {
        double[] v = y.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw new IllegalArgumentException(who + ": " + what + " holds " + v[i] + " for sample " + i
                        + "; sparse_categorical_crossentropy needs class indices in [0, " + classes + ")"
                        + (v[i] != Math.rint(v[i]) ? " (one-hot or probability labels need categorical_crossentropy)"
                                : ""));
            }
        }
    }

    private void checkTargets(Batch batch) {
        if (batch.targets().size() != model.outputCount()) {
            throw new IllegalArgumentException("model '" + model.name() + "' has " + model.outputCount() + " outputs but"
                    + " the batch has " + batch.targets().size() + " targets"
                    + (batch.targets().isEmpty() ? " (fit without targets needs a model that overrides trainStep)" : ""));
        }
    }

    private Tensor sampleWeights(Batch batch) {
        Tensor sw = batch.sampleWeight();
        if (classWeight == null) {
            return sw;
        }
        if (batch.targets().size() != 1) {
            throw new IllegalArgumentException("fit: classWeight is only supported for models with one output");
        }
        Tensor y = batch.targets().get(0);
        int n = y.dim(0);
        double[] v = y.toDoubleArray();
        int per = v.length / Math.max(1, n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (per == 1) {
                double c = v[i];
                if (c != Math.rint(c)) {
                    throw new IllegalArgumentException("fit: classWeight needs integer or one-hot labels, but label " + i
                            + " is " + c);
                }
                cls = (int) c;
            } else {
                int best = 0;
                for (int j = 1; j < per; j++) {
                    if (v[i * per + j] > v[i * per + best]) {
                        best = j;
                    }
                }
                cls = best;
            }
            Double cw = classWeight.get(cls);
            if (cw == null) {
                throw new IllegalArgumentException("fit: classWeight has no entry for class " + cls + " (it has "
                        + classWeight.keySet() + ")");
            }
            w[i] = cw;
        }
        Tensor cwT = Tensor.fromFlat(w, n);
        if (sw != null) {
            return sw.cast(DType.FLOAT64).mul(cwT);
        }
        return cwT;
    }

    private static List<Tensor> slice(List<Tensor> ts, int start, int end) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(t.slice(0, start, end));
        }
        return out;
    }
}
