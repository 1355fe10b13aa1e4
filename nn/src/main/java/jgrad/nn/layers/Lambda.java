package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import jgrad.core.Tensor;
import jgrad.nn.Layer;

/**
 * Wraps a function of tensors as a layer without weights (Keras's {@code Lambda}):
 * {@code new Lambda(x -> x.mul(2))}, or several inputs with {@link #ofList}. The output shape is
 * found by running the function once on a zero sample. A Lambda holds Java code, so a model
 * containing one can save its weights but not its architecture.
 */
public final class Lambda extends Layer {
    private final Function<List<Tensor>, Tensor> function;

    public Lambda(UnaryOperator<Tensor> function) {
        this(function, null);
    }

    public Lambda(UnaryOperator<Tensor> function, String name) {
        super(name);
        Objects.requireNonNull(function, "function");
        this.function = inputs -> {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("layer '" + name() + "' (Lambda) takes one input, got "
                        + inputs.size());
            }
            return function.apply(inputs.get(0));
        };
    }

    private Lambda(Function<List<Tensor>, Tensor> function, String name, boolean multi) {
        super(name);
        this.function = Objects.requireNonNull(function, "function");
    }

    /** A Lambda over several inputs. */
    public static Lambda ofList(Function<List<Tensor>, Tensor> function, String name) {
        return new Lambda(function, name, true);
    }

    @Override
    protected void build(List<jgrad.core.Shape> inputShapes) {
        // No weights.
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        return List.of(function.apply(inputs));
    }

    @Override
    public Map<String, Object> config() {
        throw new UnsupportedOperationException("layer '" + name() + "' (Lambda) holds Java code and cannot be saved in"
                + " an architecture; save the weights only, or write the function as a custom layer registered with"
                + " LayerRegistry");
    }
}
