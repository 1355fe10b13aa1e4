package jgrad.nn;

import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;

/**
 * A stand-in for a batch of values in the functional API (Keras's {@code KerasTensor}): it
 * has a per-sample shape and a dtype but no values. {@link Input#of} makes one; calling a layer
 * on symbolic tensors gives new ones; {@link Model#of} turns the resulting graph into a model.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.of(13);
 * SymbolicTensor h = new Dense(64, "relu").call(x);
 * Model model = Model.of(x, new Dense(1).call(h));
 * }</pre>
 *
 * <p>{@link #shape()} excludes the batch axis, which stays unknown until data flows ("None" in
 * printed shapes).
 */
public final class SymbolicTensor {
    private final Node node;
    private final int index;
    private final Shape shape;
    private final DType dtype;

    SymbolicTensor(Node node, int index, Shape shape, DType dtype) {
        this.node = node;
        this.index = index;
        this.shape = Objects.requireNonNull(shape);
        this.dtype = Objects.requireNonNull(dtype);
    }

    /** The per-sample shape: the full shape without its leading batch axis. */
    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return dtype;
    }

    /** The layer whose call produced this tensor (an {@code InputLayer} for model inputs). */
    public Layer layer() {
        return node.layer();
    }

    /** Which of the producing call's outputs this is (0 unless the layer has several outputs). */
    public int outputIndex() {
        return index;
    }

    Node node() {
        return node;
    }

    /** The shape with the batch axis, as Keras prints it: {@code (None, 13)}. */
    public String batchShapeString() {
        return Shapes.batchShape(shape);
    }

    @Override
    public String toString() {
        return "SymbolicTensor(shape=" + batchShapeString() + ", dtype=" + dtype + ", from '"
                + node.layer().name() + "')";
    }
}
