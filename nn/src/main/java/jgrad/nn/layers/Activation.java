package jgrad.nn.layers;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.activations.Activations;

/** Applies an activation function elementwise: {@code new Activation("relu")}. */
public final class Activation extends Layer {
    private final UnaryOperator<Tensor> function;

    public Activation(String activation) {
        this(Activations.get(activation), null);
    }

    public Activation(UnaryOperator<Tensor> function) {
        this(function, null);
    }

    public Activation(UnaryOperator<Tensor> function, String name) {
        super(name);
        this.function = Objects.requireNonNull(function, "function");
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return function.apply(x);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("activation", LayerConfig.activationName(this, function));
        return m;
    }

    public static Activation fromConfig(Map<String, Object> c) {
        return new Activation(Activations.get((String) c.get("activation")), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        String n = Activations.nameOf(function);
        return n == null ? "custom" : n;
    }
}
