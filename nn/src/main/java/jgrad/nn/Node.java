package jgrad.nn;

import java.util.List;

/** One call of a layer on symbolic tensors: the edge set of a functional model's graph. */
final class Node {
    private final Layer layer;
    private final List<SymbolicTensor> inputs;
    private List<SymbolicTensor> outputs = List.of();

    Node(Layer layer, List<SymbolicTensor> inputs) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
    }

    Layer layer() {
        return layer;
    }

    List<SymbolicTensor> inputs() {
        return inputs;
    }

    List<SymbolicTensor> outputs() {
        return outputs;
    }

    void setOutputs(List<SymbolicTensor> outputs) {
        this.outputs = List.copyOf(outputs);
    }
}
