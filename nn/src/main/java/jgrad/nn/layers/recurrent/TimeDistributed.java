package jgrad.nn.layers.recurrent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.io.LayerRegistry;

/**
 * Applies a layer to every time step of a [batch, time, ...] input with the same weights
 * (Keras's {@code TimeDistributed}), by folding time into the batch: one call on [batch*time, ...].
 * {@code TimeDistributed(Dense(k))} is many-to-many tagging's output layer (note 002, 6.3). A
 * mask on the input is passed on to the output.
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    public TimeDistributed(Layer layer) {
        this(layer, null);
    }

    public TimeDistributed(Layer layer, String name) {
        super(name);
        this.layer = addSublayer(Objects.requireNonNull(layer, "layer"));
    }

    public Layer layer() {
        return layer;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw new IllegalArgumentException("TimeDistributed needs input (None, timesteps, ...), got "
                    + Shapes.batchShape(inputShape));
        }
        if (!layer.isBuilt()) {
            // Build the inner layer now so its weights exist once this layer is built.
            try (Scope _ = GradientTape.noGrad()) {
                layer.call(Tensor.zeros(dtype(), Shapes.withBatch(1, stepShape(inputShape))));
            }
        }
    }

    private static Shape stepShape(Shape perSample) {
        return Shape.of(Arrays.copyOfRange(perSample.dims(), 1, perSample.rank()));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("layer '" + name() + "' (TimeDistributed) expects input (None,"
                    + " timesteps, ...), got shape " + x.shape());
        }
        Tensor mask = Masks.of(x);
        if (x.dtype().isFloating() && x.dtype() != dtype()) {
            x = x.cast(dtype());
        }
        int batch = x.dim(0);
        int steps = x.dim(1);
        int[] folded = Arrays.copyOfRange(x.shape().dims(), 1, x.rank());
        folded[0] = batch * steps;
        Tensor y = layer.call(x.reshape(folded), training);
        int[] out = new int[y.rank() + 1];
        out[0] = batch;
        out[1] = steps;
        System.arraycopy(y.shape().dims(), 1, out, 2, y.rank() - 1);
        return Masks.attach(y.reshape(out), mask);
    }

    /** Casts after reading the mask (a cast tensor would lose it). */
    @Override
    protected boolean autocastInputs() {
        return false;
    }

    @Override
    public Layer setDtype(jgrad.core.DType dtype) {
        super.setDtype(dtype);
        layer.setDtype(dtype);
        return this;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("class_name", layer.className());
        inner.put("config", layer.config());
        m.put("layer", inner);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static TimeDistributed fromConfig(Map<String, Object> c) {
        Map<String, Object> inner = (Map<String, Object>) c.get("layer");
        Layer l = LayerRegistry.create((String) inner.get("class_name"), (Map<String, Object>) inner.get("config"));
        return new TimeDistributed(l, (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "layer=" + layer.name() + " (" + layer.className() + ")";
    }

    List<Layer> inner() {
        return List.of(layer);
    }
}
