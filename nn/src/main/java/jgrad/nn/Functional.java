package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A model defined by calling layers on symbolic inputs (Keras's functional API): any directed
 * acyclic graph of layers, with several inputs and outputs, shared layers (one layer called
 * twice uses the same weights) and nested models. Made by {@link Model#of}.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.of(16);
 * SymbolicTensor h = new Dense(16, "relu").call(in);
 * SymbolicTensor out = new Add().call(in, new Dense(16).call(h));   // a residual block
 * Model block = Model.of(in, out);
 * }</pre>
 *
 * Every shape is checked when a layer is called on a symbolic tensor, so a mismatch is reported
 * with the layer names and shapes before any data flows.
 */
public final class Functional extends Model {
    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    private final List<Node> nodes;
    private final List<Layer> layers;

    Functional(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs, String name) {
        super(name == null ? uniqueName("model") : name);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("Model.of: needs at least one input and one output");
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        Set<Layer> inputLayers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SymbolicTensor t : this.inputs) {
            if (!(t.layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model.of: every input must come from Input.of(...); "
                        + t + " was produced by layer '" + t.layer().name() + "' (" + t.layer().className() + ")");
            }
            if (!inputLayers.add(t.layer())) {
                throw new IllegalArgumentException("Model.of: input '" + t.layer().name() + "' is listed twice");
            }
        }
        this.nodes = topologicalOrder(this.outputs, inputLayers);
        Set<Layer> seen = new LinkedHashSet<>();
        for (SymbolicTensor t : this.inputs) {
            seen.add(t.layer());
        }
        for (Node n : nodes) {
            seen.add(n.layer());
        }
        this.layers = List.copyOf(seen);
        Map<String, Layer> names = new HashMap<>();
        for (Layer l : layers) {
            Layer other = names.put(l.name(), l);
            if (other != null && other != l) {
                throw new IllegalArgumentException("Model.of: two different layers are named '" + l.name()
                        + "'; layer names in a model must be unique");
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (SymbolicTensor t : this.inputs) {
            shapes.add(t.shape());
        }
        ensureBuilt(shapes);
    }

    private List<Node> topologicalOrder(List<SymbolicTensor> outs, Set<Layer> inputLayers) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> active = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SymbolicTensor t : outs) {
            Objects.requireNonNull(t, "Model.of: an output is null");
            visit(t.node(), order, done, active, inputLayers);
        }
        return order;
    }

    private void visit(Node node, List<Node> order, Set<Node> done, Set<Node> active, Set<Layer> inputLayers) {
        if (done.contains(node)) {
            return;
        }
        if (node.layer() instanceof InputLayer in) {
            if (!inputLayers.contains(in)) {
                List<String> given = new ArrayList<>();
                for (SymbolicTensor t : inputs) {
                    given.add(t.layer().name());
                }
                throw new IllegalArgumentException("Model.of: graph disconnected: the outputs depend on input '" + in.name()
                        + "' " + Shapes.batchShape(in.shape()) + ", which is not among the model's inputs " + given);
            }
            done.add(node);
            return;
        }
        if (!active.add(node)) {
            throw new IllegalArgumentException("Model.of: the graph has a cycle through layer '" + node.layer().name() + "'");
        }
        for (SymbolicTensor t : node.inputs()) {
            visit(t.node(), order, done, active, inputLayers);
        }
        active.remove(node);
        done.add(node);
        order.add(node);
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    protected List<Layer> childLayers() {
        return layers;
    }

    @Override
    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    @Override
    public List<SymbolicTensor> outputs() {
        return outputs;
    }

    /** The calls of layers in this model's graph, in execution order (for summaries). */
    List<Node> nodes() {
        return nodes;
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        // Built at construction: every layer was built when called on the symbolic inputs.
    }

    @Override
    protected List<Tensor> forward(List<Tensor> in, boolean training) {
        if (in.size() != inputs.size()) {
            throw new IllegalArgumentException("model '" + name() + "' takes " + inputs.size() + " inputs, got " + in.size());
        }
        Map<SymbolicTensor, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            InputLayer layer = (InputLayer) inputs.get(i).layer();
            values.put(inputs.get(i), layer.call(in.get(i), training));
        }
        for (Node node : nodes) {
            List<Tensor> args = new ArrayList<>(node.inputs().size());
            for (SymbolicTensor t : node.inputs()) {
                args.add(values.get(t));
            }
            List<Tensor> results = node.layer().callAll(args, training);
            List<SymbolicTensor> outs = node.outputs();
            if (results.size() != outs.size()) {
                throw new IllegalStateException("layer '" + node.layer().name() + "' returned " + results.size()
                        + " outputs, its symbolic call had " + outs.size());
            }
            for (int i = 0; i < outs.size(); i++) {
                values.put(outs.get(i), results.get(i));
            }
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        for (SymbolicTensor t : outputs) {
            result.add(values.get(t));
        }
        return result;
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() != inputs.size()) {
            throw new IllegalArgumentException("model '" + name() + "' takes " + inputs.size() + " inputs, got "
                    + inputShapes.size());
        }
        for (int i = 0; i < inputShapes.size(); i++) {
            if (!inputShapes.get(i).equals(inputs.get(i).shape())) {
                throw new IllegalArgumentException("input " + i + " of model '" + name() + "' has shape "
                        + Shapes.batchShape(inputs.get(i).shape()) + ", got " + Shapes.batchShape(inputShapes.get(i)));
            }
        }
        List<Shape> out = new ArrayList<>();
        for (SymbolicTensor t : outputs) {
            out.add(t.shape());
        }
        return out;
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
        List<DType> out = new ArrayList<>();
        for (SymbolicTensor t : outputs) {
            out.add(t.dtype());
        }
        return out;
    }

    @Override
    public String className() {
        return "Functional";
    }
}
