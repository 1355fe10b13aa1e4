package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.layers.recurrent.Masks;
import jgrad.nn.regularizers.Regularizer;

/**
 * The base of every layer and model: a function from tensors to tensors that owns its weights
 * (Keras's {@code keras.layers.Layer}, PyTorch's {@code nn.Module}).
 *
 * <p>A layer is built on its first call, from the shapes of its inputs: {@link #build(Shape)}
 * creates the weights with {@link #addWeight}, then {@link #forward(Tensor, boolean)} computes
 * the output. Shapes passed to {@code build} and {@code computeOutputShape} are per-sample: the
 * batch axis is left out. A layer can be called on real tensors ({@link #call(Tensor, boolean)},
 * the first axis is the batch) or on {@link SymbolicTensor}s to build a functional model.
 *
 * <p>A custom layer subclasses Layer:
 * <pre>{@code
 * class Scale extends Layer {
 *     private Variable s;
 *     @Override protected void build(Shape inputShape) {
 *         s = addWeight("scale", Shape.of(inputShape.get(-1)), Initializers.ones());
 *     }
 *     @Override protected Tensor forward(Tensor x, boolean training) {
 *         return x.mul(s);
 *     }
 * }
 * }</pre>
 * A layer with several inputs or outputs overrides the {@code List} forms of {@code build},
 * {@code forward} and {@code computeOutputShapes} instead. A layer that contains other layers
 * registers them with {@link #addSublayer} so their weights are tracked.
 *
 * <p>Weights are {@link Variable}s named {@code layerName/weightName} ({@code dense_1/kernel}).
 * Layer names are unique by default: the first Dense is {@code dense}, the next {@code dense_1},
 * as in Keras; {@link #resetNames()} restarts the numbering (Keras's {@code clear_session}).
 * {@link #setTrainable(boolean) setTrainable(false)} freezes a layer and everything inside it.
 */
public abstract class Layer {
    private static final Map<String, AtomicInteger> NAME_COUNTERS = new ConcurrentHashMap<>();

    private final String name;
    private boolean trainable = true;
    private boolean built;
    /** From the dtype policy in force when the layer is made (float32 unless set). */
    private DType dtype = DTypePolicy.current();
    private List<Shape> builtInputShapes;
    private Shape declaredInputShape;
    private final List<Variable> ownWeights = new ArrayList<>();
    private final Set<Variable> declaredTrainable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Variable, Regularizer> regularizers = new IdentityHashMap<>();
    private final List<Layer> sublayers = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();
    private final List<Tensor> activityLosses = new ArrayList<>();

    /** A layer with a generated unique name (the class name in snake case, then _1, _2, ...). */
    protected Layer() {
        this(null);
    }

    /** A layer with the given name, or a generated one if {@code name} is null. */
    protected Layer(String name) {
        this.name = name == null ? uniqueName(snakeCase(getClass().getSimpleName())) : checkName(name);
    }

    // ---------------------------------------------------------------- naming

    /**
     * {@code prefix} the first time, then {@code prefix_1}, {@code prefix_2}, ... (Keras's
     * zero-based unique names).
     */
    protected static String uniqueName(String prefix) {
        int n = NAME_COUNTERS.computeIfAbsent(prefix, k -> new AtomicInteger()).getAndIncrement();
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** {@code prefix_1}, {@code prefix_2}, ... (Keras's names for Input layers). */
    static String uniqueNameOneBased(String prefix) {
        int n = NAME_COUNTERS.computeIfAbsent("\0" + prefix, k -> new AtomicInteger()).incrementAndGet();
        return prefix + "_" + n;
    }

    /**
     * Restarts the automatic layer names ({@code dense}, {@code dense_1}, ...), as Keras's
     * {@code clear_session()} does. Layers that exist keep their names.
     */
    public static void resetNames() {
        NAME_COUNTERS.clear();
    }

    /** Keras's {@code to_snake_case}: {@code BatchNormalization} becomes {@code batch_normalization}. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2");
        s = s.toLowerCase(Locale.ROOT);
        return s.isEmpty() ? "layer" : s;
    }

    private static String checkName(String name) {
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("layer name must be non-blank and contain no '/', got '" + name + "'");
        }
        return name;
    }

    public final String name() {
        return name;
    }

    /** The class name Keras would print in a summary ({@code Dense}). */
    public String className() {
        return getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- state

    public final boolean isBuilt() {
        return built;
    }

    /** The per-sample input shapes the layer was built for; empty before it is built. */
    public final List<Shape> builtInputShapes() {
        return built ? builtInputShapes : List.of();
    }

    public final DType dtype() {
        return dtype;
    }

    /**
     * Sets the dtype of the weights and computations (the {@link DTypePolicy}'s, float32, by
     * default) of this layer and the layers inside it; only before building.
     */
    public Layer setDtype(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (built) {
            throw new IllegalStateException("layer '" + name + "': cannot change the dtype of a built layer (its"
                    + " weights are " + this.dtype + "); make it under DTypePolicy.scoped(" + dtype + ") instead");
        }
        this.dtype = dtype;
        for (Layer l : childLayers()) {
            if (!l.isBuilt()) {
                l.setDtype(dtype);
            }
        }
        return this;
    }

    /** The per-sample input shape declared for this layer (Keras's {@code input_shape=}), if any. */
    public final Optional<Shape> declaredInputShape() {
        return Optional.ofNullable(declaredInputShape);
    }

    /** Declares the per-sample input shape, so that a Sequential model starting with it is built at once. */
    protected final void declareInputShape(Shape perSample) {
        this.declaredInputShape = perSample;
    }

    public final boolean isTrainable() {
        return trainable;
    }

    /**
     * Freezes ({@code false}) or unfreezes this layer and every layer inside it: frozen weights
     * are left out of {@link #trainableWeights()}, are not watched by tapes and are not changed
     * by {@code fit}. A frozen BatchNormalization also runs in inference mode, as in Keras.
     */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        for (Variable v : ownWeights) {
            v.setTrainable(trainable && declaredTrainable.contains(v));
        }
        for (Layer l : childLayers()) {
            l.setTrainable(trainable);
        }
    }

    // ---------------------------------------------------------------- weights

    /** Creates a trainable weight without a regularizer. */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer) {
        return addWeight(weightName, shape, initializer, null, true);
    }

    /**
     * Creates a weight {@code layerName/weightName} of this layer's dtype, initialized by
     * {@code initializer}; its {@code regularizer} penalty (may be null) is part of
     * {@link #losses()}. Non-trainable weights hold state such as BatchNormalization's moving
     * statistics.
     */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer,
            Regularizer regularizer, boolean trainable) {
        Objects.requireNonNull(weightName, "weightName");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(initializer, "initializer of " + name + "/" + weightName);
        // A model file being loaded caps the weights its config may allocate (see WeightBudget).
        jgrad.nn.io.WeightBudget.reserve(name + "/" + weightName, shape, dtype);
        Tensor init = initializer.apply(shape, dtype);
        if (!init.shape().equals(shape) || init.dtype() != dtype) {
            throw new IllegalStateException("layer '" + name + "': the initializer of '" + weightName + "' returned "
                    + init.dtype() + " " + init.shape() + ", expected " + dtype + " " + shape);
        }
        String full = name + "/" + weightName;
        for (Variable v : ownWeights) {
            if (v.name().equals(full)) {
                throw new IllegalArgumentException("layer '" + name + "' already has a weight named '" + weightName + "'");
            }
        }
        Variable v = Variable.of(init, full, trainable && this.trainable);
        ownWeights.add(v);
        if (trainable) {
            declaredTrainable.add(v);
        }
        if (regularizer != null) {
            regularizers.put(v, regularizer);
        }
        return v;
    }

    /** Registers a layer used inside this one, so its weights and losses are this layer's too. */
    protected final <L extends Layer> L addSublayer(L layer) {
        Objects.requireNonNull(layer, "layer");
        if (layer == this) {
            throw new IllegalArgumentException("layer '" + name + "' cannot contain itself");
        }
        sublayers.add(layer);
        if (!trainable) {
            layer.setTrainable(false);
        }
        return layer;
    }

    /** The layers directly inside this one (sublayers; a model's layers). */
    protected List<Layer> childLayers() {
        return Collections.unmodifiableList(sublayers);
    }

    /** Every weight, this layer's own first, then those of the layers inside it (each once). */
    public final List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        collect(out, Collections.newSetFromMap(new IdentityHashMap<>()), Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collect(List<Variable> out, Set<Variable> seen, Set<Layer> visited) {
        if (!visited.add(this)) {
            return;
        }
        for (Variable v : ownWeights) {
            if (seen.add(v)) {
                out.add(v);
            }
        }
        for (Layer l : childLayers()) {
            l.collect(out, seen, visited);
        }
    }

    /**
     * This layer's own random generators, drawn from while it runs (dropout masks, noise). A layer
     * holding an {@link Rng} overrides this, so that a saved model carries the
     * generator's state and training resumes with the masks it would have drawn.
     */
    protected List<Rng> ownRandomGenerators() {
        return List.of();
    }

    /**
     * The random generators of this layer and the layers inside it, each once, named
     * {@code layerName/rng} ({@code layerName/rng_1} for a second one of the same layer).
     */
    public final Map<String, Rng> randomGenerators() {
        Map<String, Rng> out = new LinkedHashMap<>();
        collectRngs(out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collectRngs(Map<String, Rng> out, Set<Layer> visited) {
        if (!visited.add(this)) {
            return;
        }
        List<Rng> own = ownRandomGenerators();
        for (int i = 0; i < own.size(); i++) {
            out.put(name + "/rng" + (i == 0 ? "" : "_" + i), own.get(i));
        }
        for (Layer l : childLayers()) {
            l.collectRngs(out, visited);
        }
    }

    /** The weights an optimizer updates: trainable ones of layers that are not frozen. */
    public final List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights()) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Frozen weights and state such as moving statistics. */
    public final List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights()) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The number of scalars in all weights, as Keras's {@code count_params}. */
    public final long countParams() {
        long n = 0;
        for (Variable v : weights()) {
            n += v.size();
        }
        return n;
    }

    /** Copies of every weight's value, in {@link #weights()} order (Keras's {@code get_weights}). */
    public final List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value());
        }
        return out;
    }

    /**
     * Sets every weight, in {@link #weights()} order. All values are checked (count, shape,
     * dtype) before any weight changes.
     */
    public final void setWeights(List<Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("setWeights: layer '" + name + "' has " + ws.size()
                    + " weights, got " + values.size() + " values");
        }
        for (int i = 0; i < ws.size(); i++) {
            Variable v = ws.get(i);
            Tensor t = Objects.requireNonNull(values.get(i), "setWeights: value " + i + " is null");
            if (!t.shape().equals(v.shape()) || t.dtype() != v.dtype()) {
                throw new IllegalArgumentException("setWeights: value " + i + " is " + t.dtype() + " " + t.shape()
                        + ", weight '" + v.name() + "' is " + v.dtype() + " " + v.shape());
            }
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    /**
     * The extra loss terms of this layer and the layers inside it: each regularized weight's
     * penalty (computed now, so on a tape they are differentiable) and the losses added with
     * {@link #addLoss} during the last call. {@code fit} adds their sum to the loss; in a tape
     * loop, add {@code model.regularizationLoss()} yourself.
     */
    public final List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>();
        collectLosses(out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collectLosses(List<Tensor> out, Set<Layer> visited) {
        if (!visited.add(this)) {
            return;
        }
        for (Variable v : ownWeights) {
            Regularizer r = regularizers.get(v);
            if (r != null) {
                out.add(r.penalty(v));
            }
        }
        out.addAll(activityLosses);
        for (Layer l : childLayers()) {
            l.collectLosses(out, visited);
        }
    }

    /** The sum of {@link #losses()}, a scalar (0 when there are none). */
    public final Tensor regularizationLoss() {
        Tensor total = null;
        for (Tensor t : losses()) {
            Tensor s = t.size() == 1 && t.rank() == 0 ? t : t.sum();
            total = total == null ? s : total.add(s.dtype() == total.dtype() ? s : s.cast(total.dtype()));
        }
        return total == null ? Tensor.scalar(0, dtype) : total;
    }

    /** Adds a loss term (an activity regularizer) during {@link #forward}; kept until the next call. */
    protected final void addLoss(Tensor loss) {
        activityLosses.add(Objects.requireNonNull(loss, "loss"));
    }

    // ---------------------------------------------------------------- hooks for subclasses

    /** Creates the weights for inputs of this per-sample shape. The default creates none. */
    protected void build(Shape inputShape) {}

    /** Creates the weights for several inputs; the default accepts exactly one and calls {@link #build(Shape)}. */
    protected void build(List<Shape> inputShapes) {
        build(single(inputShapes, "input"));
    }

    /** The output for one input batch; {@code training} selects training behaviour (dropout, batch statistics). */
    protected Tensor forward(Tensor input, boolean training) {
        throw new UnsupportedOperationException("layer '" + name + "' (" + className()
                + ") must override forward(Tensor, boolean) or forward(List<Tensor>, boolean)");
    }

    /** The outputs for several inputs; the default accepts exactly one and calls {@link #forward(Tensor, boolean)}. */
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        return List.of(forward(single(inputs, "input"), training));
    }

    /**
     * The per-sample output shape for this per-sample input shape, failing with a clear message
     * if the input does not fit the layer. The default runs {@code forward} on a batch of one
     * zero sample; built-in layers compute it directly.
     */
    protected Shape computeOutputShape(Shape inputShape) {
        return single(trace(List.of(inputShape)), "output");
    }

    /** The per-sample output shapes for several inputs; the default handles exactly one input. */
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() == 1) {
            return List.of(computeOutputShape(inputShapes.get(0)));
        }
        return trace(inputShapes);
    }

    /** The dtypes of the outputs; by default this layer's dtype for each output. */
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return Collections.nCopies(outputs, dtype);
    }

    private List<Shape> trace(List<Shape> inputShapes) {
        List<Tensor> zeros = new ArrayList<>();
        for (Shape s : inputShapes) {
            zeros.add(Tensor.zeros(dtype, Shapes.withBatch(1, s)));
        }
        List<Tensor> out;
        try (Scope _ = GradientTape.noGrad()) {
            out = forward(zeros, false);
        }
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : out) {
            shapes.add(Shapes.perSample(t.shape(), "layer '" + name + "' output"));
        }
        return shapes;
    }

    private <T> T single(List<T> items, String what) {
        if (items.size() != 1) {
            throw new IllegalArgumentException("layer '" + name + "' (" + className() + ") takes one " + what + ", got "
                    + items.size());
        }
        return items.get(0);
    }

    // ---------------------------------------------------------------- calling on tensors

    /** The output for {@code input} in inference mode (no dropout, moving statistics). */
    public final Tensor call(Tensor input) {
        return call(input, false);
    }

    /** The output for a batch {@code input} (first axis = batch); builds the layer on the first call. */
    public final Tensor call(Tensor input, boolean training) {
        return single(callAll(List.of(Objects.requireNonNull(input, "input")), training), "output");
    }

    /** The single output for several input batches (Add, Concatenate, a model with several inputs). */
    public final Tensor call(List<Tensor> inputs, boolean training) {
        return single(callAll(inputs, training), "output");
    }

    /**
     * All outputs for these input batches. Floating inputs are cast to the layer's dtype, as
     * Keras does; the layer is built on the first call from the inputs' per-sample shapes.
     */
    public final List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        List<Tensor> in = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t == null) {
                throw new NullPointerException("layer '" + name + "': input " + i + " is null");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException("layer '" + name + "' (" + className() + "): input " + i
                        + " is a scalar; layers take batches (first axis = batch)");
            }
            if (t.dtype().isFloating() && t.dtype() != dtype && autocastInputs()) {
                // The cast is a new tensor: a timestep mask attached to the input must travel on.
                Tensor mask = Masks.of(t);
                t = t.cast(dtype);
                if (mask != null) {
                    Masks.attach(t, mask);
                }
            }
            in.add(t);
        }
        if (!built) {
            List<Shape> shapes = new ArrayList<>();
            for (Tensor t : in) {
                shapes.add(Shapes.perSample(t.shape(), name));
            }
            ensureBuilt(shapes);
        }
        activityLosses.clear();
        return forward(in, training);
    }

    /** Whether floating inputs are cast to this layer's dtype (Keras's autocast); true by default. */
    protected boolean autocastInputs() {
        return true;
    }

    /** Builds the layer for these per-sample input shapes if it is not built yet. */
    protected final void ensureBuilt(List<Shape> inputShapes) {
        ensureBuilt(inputShapes, "be built for input " + describeShapes(inputShapes));
    }

    private void ensureBuilt(List<Shape> inputShapes, String failure) {
        if (built) {
            return;
        }
        int before = ownWeights.size();
        try {
            // Layers a build makes (a wrapper's sublayers) take this layer's dtype, not whatever
            // policy is in force when the model happens to be built.
            if (dtype.isFloating()) {
                try (DTypePolicy.Scope _ = DTypePolicy.scoped(dtype)) {
                    build(inputShapes);
                }
            } else {
                build(inputShapes);
            }
        } catch (RuntimeException e) {
            // A failed build leaves no half-made weights behind.
            while (ownWeights.size() > before) {
                Variable v = ownWeights.remove(ownWeights.size() - 1);
                declaredTrainable.remove(v);
                regularizers.remove(v);
            }
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException("layer '" + name + "' (" + className() + ") cannot " + failure + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
        builtInputShapes = List.copyOf(inputShapes);
        built = true;
    }

    // ---------------------------------------------------------------- calling on symbolic tensors

    /** Calls the layer on symbolic inputs (functional API); one output. */
    public final SymbolicTensor call(SymbolicTensor... inputs) {
        return single(callAll(List.of(inputs)), "output");
    }

    /** Calls the layer on a list of symbolic inputs (functional API); one output. */
    public final SymbolicTensor call(List<SymbolicTensor> inputs) {
        return single(callAll(inputs), "output");
    }

    /** Calls the layer on symbolic inputs and returns all its outputs. */
    public final List<SymbolicTensor> callAll(SymbolicTensor... inputs) {
        return callAll(List.of(inputs));
    }

    /**
     * Calls the layer on symbolic inputs: builds it if needed and checks that the input shapes
     * fit, failing with the layer's name and the shapes; records the call in the graph.
     */
    public final List<SymbolicTensor> callAll(List<SymbolicTensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("layer '" + name + "' (" + className() + ") called with no inputs");
        }
        List<Shape> shapes = new ArrayList<>();
        List<DType> dtypes = new ArrayList<>();
        for (SymbolicTensor t : inputs) {
            Objects.requireNonNull(t, "layer '" + name + "': a symbolic input is null");
            shapes.add(t.shape());
            dtypes.add(t.dtype());
        }
        ensureBuilt(shapes, "take input " + describeInputs(inputs));
        List<Shape> outShapes;
        try {
            outShapes = computeOutputShapes(shapes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + name + "' (" + className() + ") cannot take input "
                    + describeInputs(inputs) + ": " + e.getMessage(), e);
        }
        List<DType> outDtypes = computeOutputDtypes(dtypes, outShapes.size());
        Node node = new Node(this, inputs);
        List<SymbolicTensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            outs.add(new SymbolicTensor(node, i, outShapes.get(i), outDtypes.get(i)));
        }
        node.setOutputs(outs);
        inboundNodes.add(node);
        return outs;
    }

    List<Node> inboundNodes() {
        return inboundNodes;
    }

    void removeInboundNode(Node node) {
        inboundNodes.remove(node);
    }

    private static String describeInputs(List<SymbolicTensor> inputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) {
                sb.append(" and ");
            }
            SymbolicTensor t = inputs.get(i);
            sb.append(t.batchShapeString()).append(" from '").append(t.layer().name()).append("'");
        }
        return sb.toString();
    }

    static String describeShapes(List<Shape> shapes) {
        return shapes.size() == 1 ? Shapes.batchShape(shapes.get(0)) : Shapes.batchShapes(shapes);
    }

    // ---------------------------------------------------------------- config and printing

    /**
     * The layer's constructor arguments, JSON-compatible (strings, numbers, booleans, lists and
     * maps), so that {@code jgrad.nn.io.LayerRegistry} can rebuild it: Keras's {@code get_config}.
     * Subclasses add their own entries to {@code super.config()}. A layer that holds Java code
     * (a lambda) throws {@link UnsupportedOperationException}.
     */
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("trainable", trainable);
        m.put("dtype", dtype.toString());
        return m;
    }

    /** A short description of the layer's settings for {@link #toString()}, e.g. {@code units=64, activation=relu}. */
    protected String describe() {
        return "";
    }

    /** E.g. {@code dense_1 (Dense: units=64, activation=relu) (None, 13) -> 896 params}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" (").append(className());
        String d = describe();
        if (!d.isEmpty()) {
            sb.append(": ").append(d);
        }
        sb.append(")");
        if (built) {
            sb.append(" input ").append(describeShapes(builtInputShapes)).append(", ")
                    .append(String.format(Locale.ROOT, "%,d", countParams())).append(" params");
        } else {
            sb.append(" not built");
        }
        if (!trainable) {
            sb.append(", frozen");
        }
        return sb.toString();
    }
}
