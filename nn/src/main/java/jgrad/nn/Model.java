package jgrad.nn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.nn.io.Checkpoints;
import jgrad.nn.io.ModelFiles;
import jgrad.nn.losses.BinaryCrossentropy;
import jgrad.nn.losses.Loss;
import jgrad.nn.metrics.AutoAccuracy;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Optimizer;

/**
 * A layer with a training API (Keras's {@code keras.Model}): {@link #compile}, {@link #fit},
 * {@link #evaluate}, {@link #predict}, {@link #summary()}, saving and loading. Three kinds:
 * {@link Sequential} (a stack), {@link Functional} (a graph of layers called on symbolic inputs,
 * made with {@link #of}), and subclasses that override {@link #forward(Tensor, boolean)} and
 * register their layers with {@link #addSublayer} (Keras's subclassed models).
 *
 * <pre>{@code
 * Sequential model = new Sequential(Input.of(13), new Dense(64, "relu"), new Dense(1));
 * model.compile(new Adam(1e-3), Loss.get("mse"), Metric.get("mae"));
 * History h = model.fit(x, y, FitOptions.builder().epochs(20).validationSplit(0.2).build());
 * Tensor yHat = model.predict(xTest);
 * }</pre>
 *
 * Models are also layers: a model can be called inside another model (nested models).
 */
public abstract class Model extends Layer {
    private Optimizer optimizer;
    private List<Loss> losses = List.of();
    private List<Double> lossWeights = List.of();
    private List<List<Metric>> metrics = List.of();
    private boolean stopTraining;
    private History history;
    private boolean jitCompile;
    /** The compiled train-step functions (without and with sample weights), made on first use. */
    private final TensorFunction[] jitSteps = new TensorFunction[2];
    /** Model-level loss terms (Keras's {@code model.add_loss(callable)}), evaluated in each step. */
    private final List<Supplier<Tensor>> addedLosses = new ArrayList<>();
    /** The loop running {@link #fit} or {@link #trainOnBatch} now, for the default {@link #trainStep}. */
    Trainer activeTrainer;
    /** Epochs done, the shuffle generator and a loaded optimizer state: what a model file needs to resume. */
    private final TrainingProgress trainingProgress = new TrainingProgress();

    protected Model() {
        super();
    }

    protected Model(String name) {
        super(name);
    }

    // ---------------------------------------------------------------- functional API

    /** A functional model from one input to one output. */
    public static Functional of(SymbolicTensor input, SymbolicTensor output) {
        return new Functional(List.of(input), List.of(output), null);
    }

    /** A named functional model from one input to one output. */
    public static Functional of(SymbolicTensor input, SymbolicTensor output, String name) {
        return new Functional(List.of(input), List.of(output), name);
    }

    /** A functional model with several inputs and outputs. */
    public static Functional of(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        return new Functional(inputs, outputs, null);
    }

    public static Functional of(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs, String name) {
        return new Functional(inputs, outputs, name);
    }

    // ---------------------------------------------------------------- structure

    /** The model's layers in order (for a functional model, its InputLayers first, as Keras). */
    public List<Layer> layers() {
        return childLayers();
    }

    /** The layer with this name; fails listing the names there are. */
    public Layer getLayer(String layerName) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
            names.add(l.name());
        }
        throw new IllegalArgumentException("model '" + name() + "' has no layer '" + layerName + "'; it has " + names);
    }

    public Layer getLayer(int index) {
        List<Layer> ls = layers();
        if (index < 0 || index >= ls.size()) {
            throw new IndexOutOfBoundsException("model '" + name() + "' has " + ls.size() + " layers, no index " + index);
        }
        return ls.get(index);
    }

    /** The symbolic inputs of a graph model (empty for a subclassed model). */
    public List<SymbolicTensor> inputs() {
        return List.of();
    }

    /** The symbolic outputs of a graph model (empty for a subclassed model). */
    public List<SymbolicTensor> outputs() {
        return List.of();
    }

    /** How many outputs (targets) the model has; 1 unless a graph model says otherwise. */
    public int outputCount() {
        return outputs().isEmpty() ? 1 : outputs().size();
    }

    /**
     * Builds the model for inputs of this per-sample shape (Keras's {@code model.build((None, 13))}),
     * by running it once on a batch of one zero sample.
     */
    public void build(int... perSampleInputShape) {
        if (isBuilt()) {
            return;
        }
        call(Tensor.zeros(dtype(), Shapes.withBatch(1, Shape.of(perSampleInputShape))), false);
    }

    /**
     * Sets the dtype of every layer of this model (PyTorch's {@code model.double()} for
     * {@code DType.FLOAT64}), before it is built; a model built at once (a Sequential starting
     * with an Input, a functional model) is made under {@link DTypePolicy#scoped} instead.
     */
    @Override
    public Model setDtype(DType dtype) {
        if (isBuilt()) {
            throw new IllegalStateException("model '" + name() + "' is built, its weights are " + dtype() + "; to get a "
                    + dtype + " model make its inputs and layers under DTypePolicy.scoped(DType." + dtype.name() + ")");
        }
        super.setDtype(dtype);
        return this;
    }

    // ---------------------------------------------------------------- compile

    /** Sets the optimizer, loss and metrics for {@link #fit} and {@link #evaluate}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        compile(optimizer, List.of(Objects.requireNonNull(loss, "loss")), List.of(1.0), List.of(List.of(metrics)));
    }

    /**
     * Compile with an optimizer only, for a model that overrides {@link #trainStep} and computes
     * its own loss (Keras 3's VAE example: {@code vae.compile(optimizer=Adam())}).
     */
    public void compile(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        trainingProgress.compiled(optimizer, weights());
        this.losses = List.of();
        this.lossWeights = List.of();
        this.metrics = List.of();
        setJitCompile(false);
    }

    /** Compile by names: {@code compile("adam", "mse", "mae")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizer.get(optimizer), loss, metrics);
    }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        Metric[] ms = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            ms[i] = Metric.get(metrics[i]);
        }
        compile(optimizer, Loss.get(loss), ms);
    }

    /**
     * {@code compile} with Keras's {@code jit_compile}: when true, each training step's forward
     * pass and loss go through {@link jgrad.core.Jit#compile}, which fuses them into generated
     * kernels when module jgrad.codegen is present (and runs them as usual when it is not).
     */
    public void compile(Optimizer optimizer, Loss loss, boolean jitCompile, Metric... metrics) {
        compile(optimizer, List.of(Objects.requireNonNull(loss, "loss")), List.of(1.0), List.of(List.of(metrics)),
                jitCompile);
    }

    /**
     * Compile for a model with several outputs: one loss per output, their weights in the
     * total loss, and for each output its own metric instances (metrics are stateful).
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
            List<List<Metric>> metricsPerOutput) {
        compile(optimizer, losses, lossWeights, metricsPerOutput, false);
    }

    /** The full form: several outputs, and {@code jitCompile} as in {@link #compile(Optimizer, Loss, boolean, Metric...)}. */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
            List<List<Metric>> metricsPerOutput, boolean jitCompile) {
        Objects.requireNonNull(optimizer, "optimizer");
        int outs = outputCount();
        if (losses.size() != outs) {
            throw new IllegalArgumentException("compile: model '" + name() + "' has " + outs + " outputs, got "
                    + losses.size() + " losses");
        }
        if (lossWeights.size() != outs) {
            throw new IllegalArgumentException("compile: " + lossWeights.size() + " loss weights for " + outs + " outputs");
        }
        if (metricsPerOutput.size() != outs && !(metricsPerOutput.size() == 1 && metricsPerOutput.get(0).isEmpty())) {
            throw new IllegalArgumentException("compile: metrics given for " + metricsPerOutput.size() + " outputs, the"
                    + " model has " + outs);
        }
        List<List<Metric>> ms = new ArrayList<>();
        for (int o = 0; o < outs; o++) {
            List<Metric> list = o < metricsPerOutput.size() ? List.copyOf(metricsPerOutput.get(o)) : List.of();
            for (Metric m : list) {
                if (m instanceof AutoAccuracy a && losses.get(o) instanceof BinaryCrossentropy) {
                    a.binaryLoss(true);
                }
            }
            ms.add(list);
        }
        for (Loss l : losses) {
            Objects.requireNonNull(l, "compile: a loss is null");
        }
        this.optimizer = optimizer;
        trainingProgress.compiled(optimizer, weights());
        this.losses = List.copyOf(losses);
        this.lossWeights = List.copyOf(lossWeights);
        this.metrics = List.copyOf(ms);
        setJitCompile(jitCompile);
    }

    /** Whether training steps are compiled (Keras's {@code model.jit_compile}). */
    public boolean jitCompile() {
        return jitCompile;
    }

    /** Turns compiled training steps on or off (after {@code compile}, which sets it too). */
    public void setJitCompile(boolean jitCompile) {
        this.jitCompile = jitCompile;
        jitSteps[0] = null;
        jitSteps[1] = null;
    }

    /** The compiled train step for batches without ({@code weighted} false) or with sample weights. */
    TensorFunction jitStep(boolean weighted, Supplier<TensorFunction> make) {
        int i = weighted ? 1 : 0;
        if (jitSteps[i] == null) {
            jitSteps[i] = make.get();
        }
        return jitSteps[i];
    }

    public boolean isCompiled() {
        return optimizer != null;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The compiled loss (the first one for a multi-output model). */
    public Loss loss() {
        return losses.isEmpty() ? null : losses.get(0);
    }

    public List<Loss> lossFunctions() {
        return losses;
    }

    /** The compiled loss weights, one per output (empty before compile). */
    public List<Double> lossWeights() {
        return lossWeights;
    }

    /** The compiled metrics per output. */
    public List<List<Metric>> metrics() {
        return metrics;
    }

    // ---------------------------------------------------------------- training

    /**
     * Trains on {@code x} and {@code y} (first axis = samples) as Keras's {@code fit}: for each
     * epoch, shuffles (seeded), runs the batches through a tape and the optimizer, prints a
     * progress line, evaluates the validation data, and calls the callbacks.
     */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(Objects.requireNonNull(x, "x")), List.of(Objects.requireNonNull(y, "y")), options);
    }

    /** {@code fit} with Keras's defaults: one epoch, batches of 32, shuffled, a progress bar. */
    public History fit(Tensor x, Tensor y) {
        return fit(x, y, FitOptions.defaults());
    }

    /** {@code fit} with {@code epochs} and {@code batchSize}, other settings at Keras's defaults. */
    public History fit(Tensor x, Tensor y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.builder().epochs(epochs).batchSize(batchSize).build());
    }

    /**
     * {@code fit} on inputs alone (Keras's {@code fit(x)} without {@code y}), for a model whose
     * {@link #trainStep} needs no targets, such as a VAE.
     */
    public History fit(Tensor x, FitOptions options) {
        return fit(List.of(Objects.requireNonNull(x, "x")), List.of(), options);
    }

    /** {@code fit} for a model with several inputs or outputs. */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions options) {
        requireCompiled("fit");
        history = new Trainer(this).fit(x, y, options);
        return history;
    }

    /** {@code fit} on a {@link DataSource} (a Dataset), which decides batching and shuffling. */
    public History fit(DataSource data, FitOptions options) {
        requireCompiled("fit");
        history = new Trainer(this).fit(data, options);
        return history;
    }

    /**
     * One training step on one batch (Keras 3's {@code train_step}): {@link #fit} and
     * {@link #trainOnBatch} call it for every batch and print and record what it returns. The
     * default runs the model on a tape, adds the compiled losses and {@link #losses()}, applies
     * the optimizer and updates the compiled metrics. Override it for a model whose loss is not
     * {@code loss(y, yPred)}: record a tape, call {@code optimizer().apply(grads,
     * trainableWeights())}, and return the logs; metrics kept in fields are reset at each epoch
     * when {@link #trainStepMetrics()} lists them.
     */
    protected Map<String, Double> trainStep(Batch batch) {
        if (activeTrainer == null) {
            throw new IllegalStateException("trainStep: model '" + name() + "' runs its default step only inside fit or"
                    + " trainOnBatch");
        }
        return activeTrainer.standardTrainStep(batch);
    }

    /** Metrics a custom {@link #trainStep} updates, reset at the start of every epoch (Keras's {@code model.metrics}). */
    protected List<Metric> trainStepMetrics() {
        return List.of();
    }

    /**
     * Adds a loss term computed afresh in every training and evaluation step and added to the
     * compiled loss (Keras's {@code model.add_loss(callable)}), e.g. a penalty on weights or on
     * state kept by a layer. Layers add losses that depend on their inputs with
     * {@code Layer.addLoss} inside {@code forward}; both join {@code fit}'s loss.
     */
    public void addLoss(Supplier<Tensor> loss) {
        addedLosses.add(Objects.requireNonNull(loss, "loss"));
    }

    /** The model-level loss terms added with {@link #addLoss(Supplier)}. */
    List<Supplier<Tensor>> addedLosses() {
        return addedLosses;
    }

    /** One optimization step on one batch; returns the batch's loss and metrics (Keras's {@code train_on_batch}). */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        requireCompiled("trainOnBatch");
        return new Trainer(this).trainOnBatch(Batch.of(x, y));
    }

    /** {@code trainOnBatch} for a model with several inputs or outputs. */
    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y) {
        requireCompiled("trainOnBatch");
        return new Trainer(this).trainOnBatch(new Batch(x, y, null));
    }

    /** Loss and metrics over {@code x}, {@code y} in batches of 32, inference mode: {@code {loss=..., accuracy=...}}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(List.of(x), List.of(y), 32);
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(List.of(x), List.of(y), batchSize);
    }

    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize) {
        requireCompiled("evaluate");
        return new Trainer(this).evaluate(x, y, batchSize);
    }

    public Map<String, Double> evaluate(DataSource data) {
        requireCompiled("evaluate");
        return new Trainer(this).evaluate(data);
    }

    /** The outputs for {@code x}, computed in batches of 32 in inference mode, outside any tape. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    public Tensor predict(Tensor x, int batchSize) {
        return single(predictAll(List.of(x), batchSize));
    }

    /** Every output for several inputs. */
    public List<Tensor> predictAll(List<Tensor> x, int batchSize) {
        return new Trainer(this).predict(x, batchSize);
    }

    public Tensor predict(DataSource data) {
        return single(new Trainer(this).predict(data));
    }

    private Tensor single(List<Tensor> outs) {
        if (outs.size() != 1) {
            throw new IllegalStateException("model '" + name() + "' has " + outs.size() + " outputs; use predictAll");
        }
        return outs.get(0);
    }

    private void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException(what + ": model '" + name() + "' is not compiled; call compile(optimizer,"
                    + " loss, metrics...) first");
        }
    }

    /** Asks fit to stop after the current epoch (Keras's {@code model.stop_training = True}). */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /** Where training stands (epochs done, shuffle state): saved with the model so a run resumes exactly. */
    public TrainingProgress trainingProgress() {
        return trainingProgress;
    }

    /** The History of the last fit, or null. */
    public History history() {
        return history;
    }

    // ---------------------------------------------------------------- summary

    /** Prints the Keras-style summary to System.out. */
    public void summary() {
        summary(System.out);
    }

    public void summary(PrintStream out) {
        out.print(summaryString());
        out.flush();
    }

    /** The summary as Keras prints it: layer (type), output shape, parameter counts, totals. */
    public String summaryString() {
        return Summary.of(this);
    }

    // ---------------------------------------------------------------- saving

    /** Writes every weight to a safetensors file (atomically), named {@code layer/weight}. */
    public void saveWeights(Path path) {
        Checkpoints.saveWeights(this, path);
    }

    /**
     * Loads weights saved by {@link #saveWeights} (or any safetensors file), giving each weight the
     * tensor of its name and checking shapes and dtypes first; every missing, unexpected and
     * mis-shaped name is reported in one error, and on any mismatch nothing changes.
     */
    public void loadWeights(Path path) {
        Checkpoints.loadWeights(this, path);
    }

    /** {@link #loadWeights(Path)} pairing by name (the default) or, when asked, by position. */
    public void loadWeights(Path path, Checkpoints.Match match) {
        Checkpoints.loadWeights(this, path, match);
    }

    /**
     * The architecture as JSON (Keras's {@code to_json}): every layer's class and config and, for a
     * functional model, how they are connected. Fails for layers holding Java code (Lambda, custom
     * activations) and subclassed models.
     */
    public String toJson() {
        return Architecture.toJson(this);
    }

    /**
     * A new, untrained model from {@link #toJson()}'s output (Keras's {@code model_from_json});
     * custom layers must be registered with {@link jgrad.nn.io.LayerRegistry}.
     */
    public static Model fromJson(String json) {
        return Architecture.fromJson(json);
    }

    /**
     * Saves the architecture (JSON), weights (safetensors) and, once trained, the training state
     * (optimizer state, epochs done, shuffle and dropout generators) in one zip file; see
     * {@link ModelFiles}.
     */
    public void save(Path path) {
        ModelFiles.save(this, path);
    }

    /** Rebuilds a model saved with {@link #save} without its code (built-in or registered layers). */
    public static Model load(Path path) {
        return ModelFiles.load(path);
    }

    @Override
    protected String describe() {
        return layers().size() + " layers";
    }
}
