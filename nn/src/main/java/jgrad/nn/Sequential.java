package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A plain stack of layers, each feeding the next (Keras's {@code keras.Sequential}).
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(Input.of(13));
 * model.add(new Dense(128, "relu"));
 * model.add(new Dense(1));
 * model.summary();
 * }</pre>
 *
 * When the input shape is known (an {@link Input}, or a first layer declaring its input shape)
 * each added layer is built at once, so a layer that does not fit the previous one's output is
 * refused by {@link #add} with both layer names and shapes, and the model is left unchanged.
 * Otherwise the model is built on its first call, {@code fit} or {@link #build(int...)}.
 */
public final class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private SymbolicTensor input;
    /** The symbolic output of each layer when the input is known (parallel to {@code layers}). */
    private final List<SymbolicTensor> symbolic = new ArrayList<>();

    public Sequential() {
        super(uniqueName("sequential"));
    }

    public Sequential(String name) {
        super(name == null ? uniqueName("sequential") : name);
    }

    /** A stack of these layers, built when the input shape becomes known. */
    public Sequential(Layer... layers) {
        this();
        for (Layer l : layers) {
            add(l);
        }
    }

    /** A stack of these layers on this input, built at once. */
    public Sequential(SymbolicTensor input, Layer... layers) {
        this();
        add(input);
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Sets the input (only before any layer is added): {@code model.add(Input.of(13))}. */
    public Sequential add(SymbolicTensor input) {
        Objects.requireNonNull(input, "input");
        if (!(input.layer() instanceof InputLayer)) {
            throw new IllegalArgumentException("Sequential '" + name() + "': add(SymbolicTensor) takes an Input.of(...),"
                    + " got " + input);
        }
        if (!layers.isEmpty() || this.input != null) {
            throw new IllegalStateException("Sequential '" + name() + "': the input must be added before any layer");
        }
        this.input = input;
        ensureBuilt(List.of(input.shape()));
        return this;
    }

    /**
     * Appends a layer. If the model's input shape is known the layer is called on the current
     * output at once; if it does not fit, the layer is not added and the error names both layers
     * and the shapes.
     */
    public Sequential add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        if (layer == this) {
            throw new IllegalArgumentException("Sequential '" + name() + "' cannot contain itself");
        }
        if (layer instanceof InputLayer in) {
            return add(in.output());
        }
        for (Layer l : layers) {
            if (l == layer) {
                throw new IllegalArgumentException("Sequential '" + name() + "': layer '" + layer.name()
                        + "' is already in the model");
            }
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("Sequential '" + name() + "': a layer named '" + layer.name()
                        + "' is already in the model; layer names must be unique");
            }
        }
        if (input == null && layers.isEmpty() && layer.declaredInputShape().isPresent()) {
            add(Input.of(layer.declaredInputShape().get(), layer.dtype(), null));
        }
        if (input != null) {
            SymbolicTensor previous = symbolic.isEmpty() ? input : symbolic.get(symbolic.size() - 1);
            SymbolicTensor out;
            try {
                out = layer.call(previous);
            } catch (IllegalArgumentException e) {
                String after = layers.isEmpty() ? "the input " + previous.batchShapeString()
                        : "layer '" + layers.get(layers.size() - 1).name() + "' with output " + previous.batchShapeString();
                throw new IllegalArgumentException("Sequential '" + name() + "': cannot add layer '" + layer.name() + "' ("
                        + layer.className() + ") after " + after + ": " + e.getMessage(), e);
            }
            symbolic.add(out);
        }
        layers.add(layer);
        if (!isTrainable()) {
            layer.setTrainable(false);
        }
        return this;
    }

    /** Removes the last layer (Keras's {@code pop}) and returns it. */
    public Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers to pop");
        }
        Layer last = layers.remove(layers.size() - 1);
        if (!symbolic.isEmpty()) {
            SymbolicTensor t = symbolic.remove(symbolic.size() - 1);
            last.removeInboundNode(t.node());
        }
        return last;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    protected List<Layer> childLayers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public List<SymbolicTensor> inputs() {
        return input == null ? List.of() : List.of(input);
    }

    @Override
    public List<SymbolicTensor> outputs() {
        if (input == null) {
            return List.of();
        }
        return List.of(symbolic.isEmpty() ? input : symbolic.get(symbolic.size() - 1));
    }

    /** The symbolic output of layer {@code i} when the input is known (for summaries). */
    SymbolicTensor symbolicOutput(int i) {
        return input == null || i >= symbolic.size() ? null : symbolic.get(i);
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException("a Sequential model takes one input, got " + inputShapes.size());
        }
        if (input != null) {
            if (!input.shape().equals(inputShapes.get(0))) {
                throw new IllegalArgumentException("Sequential '" + name() + "' expects input " + input.batchShapeString()
                        + ", got " + Shapes.batchShape(inputShapes.get(0)));
            }
            return;
        }
        // Deferred build: now that the input shape is known, call each layer symbolically in turn.
        List<Layer> pending = new ArrayList<>(layers);
        layers.clear();
        // The input takes the first layer's dtype, so data reaches it without a lossy cast on the way
        // (a float64 layer in a Sequential made outside a DTypePolicy scope).
        DType first = pending.isEmpty() || !pending.get(0).dtype().isFloating() ? dtype() : pending.get(0).dtype();
        input = Input.of(inputShapes.get(0), first, null);
        try {
            for (Layer l : pending) {
                add(l);
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < symbolic.size(); i++) {
                layers.get(i).removeInboundNode(symbolic.get(i).node());
            }
            symbolic.clear();
            layers.clear();
            layers.addAll(pending);
            input = null;
            throw e;
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (input != null) {
            x = ((InputLayer) input.layer()).call(x, training);
        }
        for (Layer l : layers) {
            x = l.call(x, training);
        }
        return x;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (input != null && !input.shape().equals(inputShape)) {
            throw new IllegalArgumentException("Sequential '" + name() + "' expects input " + input.batchShapeString()
                    + ", got " + Shapes.batchShape(inputShape));
        }
        return outputs().get(0).shape();
    }

    /**
     * Inputs enter through the model's InputLayers, which cast to their own dtype; casting first to
     * the model's dtype as well would round float64 data through float32 on its way into a
     * float64 model made outside a {@link DTypePolicy} scope.
     */
    @Override
    protected boolean autocastInputs() {
        return false;
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int count) {
        return List.of(outputs().get(0).dtype());
    }
}
