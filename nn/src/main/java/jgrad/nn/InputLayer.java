package jgrad.nn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * The entry point of a model: holds the per-sample shape and dtype of one input and checks
 * real inputs against them. {@link Input#of} makes one and returns its symbolic output.
 */
public final class InputLayer extends Layer {
    private final Shape shape;
    private final DType inputDtype;
    private final SymbolicTensor output;

    /** An input of this per-sample shape and dtype; a null name gives {@code input_1}, {@code input_2}, ... */
    public InputLayer(Shape shape, DType dtype, String name) {
        super(name == null ? Layer.uniqueNameOneBased("input") : name);
        this.shape = Objects.requireNonNull(shape, "shape");
        this.inputDtype = Objects.requireNonNull(dtype, "dtype");
        // A model file being loaded caps what one sample may take (building traces a zero sample).
        jgrad.nn.io.WeightBudget.checkInput(name(), shape, dtype);
        if (dtype.isFloating()) {
            setDtype(dtype);
        }
        ensureBuilt(List.of());
        Node node = new Node(this, List.of());
        this.output = new SymbolicTensor(node, 0, shape, dtype);
        node.setOutputs(List.of(output));
        inboundNodes().add(node);
    }

    /** The per-sample shape. */
    public Shape shape() {
        return shape;
    }

    public DType inputDtype() {
        return inputDtype;
    }

    /** The symbolic tensor standing for this input. */
    public SymbolicTensor output() {
        return output;
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        // An input layer has no weights and no upstream inputs.
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        Shape got = Shapes.perSample(input.shape(), name());
        if (!got.equals(shape)) {
            throw new IllegalArgumentException("input '" + name() + "' expects shape " + Shapes.batchShape(shape)
                    + ", got a batch of shape " + input.shape());
        }
        if (input.dtype().isFloating() != inputDtype.isFloating()) {
            throw new IllegalArgumentException("input '" + name() + "' expects " + inputDtype + " values, got "
                    + input.dtype());
        }
        return input;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return shape;
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return List.of(inputDtype);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("shape", List.of(java.util.Arrays.stream(shape.dims()).boxed().toArray()));
        m.put("input_dtype", inputDtype.toString());
        return m;
    }

    @Override
    protected String describe() {
        return "shape=" + Shapes.batchShape(shape) + ", dtype=" + inputDtype;
    }
}
