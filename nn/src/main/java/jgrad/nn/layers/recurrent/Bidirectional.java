package jgrad.nn.layers.recurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.io.LayerRegistry;

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the
 * two outputs (Keras's {@code Bidirectional}; PyTorch's {@code bidirectional=True} is merge mode
 * concat). Merge modes: "concat" (default), "sum", "mul", "ave", or null for both outputs
 * separately. The backward outputs are put back in time order before merging; with
 * return_state the forward states come first, then the backward ones; initial states are split
 * the same way. Weights: the forward layer's, then the backward layer's.
 */
public final class Bidirectional extends Layer {
    private static final List<String> MODES = List.of("concat", "sum", "mul", "ave");
    private final RNN forwardLayer;
    private final RNN backwardLayer;
    private final String mergeMode;
    private Tensor pendingMask;

    public Bidirectional(RNN layer) {
        this(layer, "concat", null, null);
    }

    public Bidirectional(RNN layer, String mergeMode) {
        this(layer, mergeMode, null, null);
    }

    /**
     * {@code backwardLayer} may be null (a copy of {@code layer} with go_backwards flipped, as
     * Keras makes); the forward layer is always a fresh copy of {@code layer} from its config.
     */
    public Bidirectional(RNN layer, String mergeMode, RNN backwardLayer, String name) {
        super(name);
        Objects.requireNonNull(layer, "layer");
        if (mergeMode != null && !MODES.contains(mergeMode.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Bidirectional: merge_mode must be one of " + MODES + " or null, got '"
                    + mergeMode + "'");
        }
        this.mergeMode = mergeMode == null ? null : mergeMode.toLowerCase(Locale.ROOT);
        this.forwardLayer = addSublayer(layer.copy("forward_" + layer.name(), layer.goBackwards()));
        RNN back = backwardLayer != null ? backwardLayer
                : layer.copy("backward_" + layer.name(), !layer.goBackwards());
        if (back.goBackwards() == forwardLayer.goBackwards() || back.returnSequences() != layer.returnSequences()
                || back.returnState() != layer.returnState() || back.stateful() != layer.stateful()) {
            throw new IllegalArgumentException("Bidirectional: the backward layer '" + back.name() + "' must match '"
                    + layer.name() + "' in return_sequences, return_state and stateful, with go_backwards flipped");
        }
        this.backwardLayer = addSublayer(back);
        // Keras forces zeros at masked steps when returning sequences, so both directions line up.
        forwardLayer.setZeroOutputForMask(layer.returnSequences());
        this.backwardLayer.setZeroOutputForMask(layer.returnSequences());
    }

    public RNN forwardLayer() {
        return forwardLayer;
    }

    public RNN backwardLayer() {
        return backwardLayer;
    }

    /** "concat", "sum", "mul", "ave", or null. */
    public String mergeMode() {
        return mergeMode;
    }

    @Override
    public Layer setDtype(DType dtype) {
        super.setDtype(dtype);
        forwardLayer.setDtype(dtype);
        backwardLayer.setDtype(dtype);
        return this;
    }

    /** As {@link RNN#call(Tensor, Tensor, List, boolean)}: x, an optional mask and optional initial states (forward's, then backward's). */
    public List<Tensor> call(Tensor x, Tensor mask, List<Tensor> initialState, boolean training) {
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(Objects.requireNonNull(x, "x"));
        if (initialState != null) {
            inputs.addAll(initialState);
        }
        pendingMask = mask;
        try {
            return callAll(inputs, training);
        } finally {
            pendingMask = null;
        }
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        forwardLayer.ensureBuiltFor(inputShapes.subList(0, 1));
        backwardLayer.ensureBuiltFor(inputShapes.subList(0, 1));
        if (inputShapes.size() > 1) {
            splitStates(inputShapes, "initial_state shapes");
        }
    }

    private <T> List<List<T>> splitStates(List<T> inputs, String what) {
        int nf = forwardLayer.cell().stateShapes().size();
        int nb = backwardLayer.cell().stateShapes().size();
        int got = inputs.size() - 1;
        if (got != nf + nb) {
            throw new IllegalArgumentException("layer '" + name() + "' (Bidirectional): initial_state needs " + nf
                    + " forward and " + nb + " backward states, got " + got + " " + what);
        }
        return List.of(new ArrayList<>(inputs.subList(1, 1 + nf)), new ArrayList<>(inputs.subList(1 + nf, 1 + nf + nb)));
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        Tensor mask = pendingMask != null ? pendingMask : Masks.of(x);
        if (x.dtype().isFloating() && x.dtype() != dtype()) {
            x = x.cast(dtype());
        }
        List<Tensor> initF = null;
        List<Tensor> initB = null;
        if (inputs.size() > 1) {
            List<List<Tensor>> parts = splitStates(inputs, "tensors");
            initF = parts.get(0);
            initB = parts.get(1);
        }
        List<Tensor> f = forwardLayer.call(x, mask, initF, training);
        List<Tensor> b = backwardLayer.call(x, mask, initB, training);
        Tensor yf = f.get(0);
        Tensor yb = b.get(0);
        if (forwardLayer.returnSequences()) {
            // The backward layer emits its outputs in processing order; put them back in time order.
            yb = reverseTime(yb);
        }
        List<Tensor> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(yf);
            out.add(yb);
        } else {
            Tensor y = switch (mergeMode) {
                case "concat" -> Tensor.concat(List.of(yf, yb), yf.rank() - 1);
                case "sum" -> yf.add(yb);
                case "mul" -> yf.mul(yb);
                default -> yf.add(yb).mul(0.5);
            };
            if (forwardLayer.returnSequences() && mask != null) {
                Masks.attach(y, mask);
            }
            out.add(y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    static Tensor reverseTime(Tensor y) {
        int steps = y.dim(1);
        long[] idx = new long[steps];
        for (int i = 0; i < steps; i++) {
            idx[i] = steps - 1 - i;
        }
        return y.gather(Tensor.of(idx), 1);
    }

    /** Casts after reading the mask (a cast tensor would lose it). */
    @Override
    protected boolean autocastInputs() {
        return false;
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        List<Shape> f = forwardLayer.outputShapesFor(inputShapes.get(0));
        List<Shape> b = backwardLayer.outputShapesFor(inputShapes.get(0));
        List<Shape> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(f.get(0));
            out.add(b.get(0));
        } else if (mergeMode.equals("concat")) {
            int[] d = f.get(0).dims();
            d[d.length - 1] += b.get(0).get(-1);
            out.add(Shape.of(d));
        } else {
            out.add(f.get(0));
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        Map<String, Object> inner = new LinkedHashMap<>();
        Map<String, Object> lc = forwardLayer.config();
        String n = forwardLayer.name();
        lc.put("name", n.startsWith("forward_") ? n.substring("forward_".length()) : n);
        inner.put("class_name", forwardLayer.className());
        inner.put("config", lc);
        m.put("layer", inner);
        m.put("merge_mode", mergeMode);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Bidirectional fromConfig(Map<String, Object> c) {
        Map<String, Object> inner = (Map<String, Object>) c.get("layer");
        Layer l = LayerRegistry.create((String) inner.get("class_name"), (Map<String, Object>) inner.get("config"));
        if (!(l instanceof RNN r)) {
            throw new IllegalArgumentException("Bidirectional: the wrapped layer must be recurrent, got "
                    + l.className());
        }
        return new Bidirectional(r, (String) c.get("merge_mode"), null, (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "layer=" + forwardLayer.className() + ", merge_mode=" + mergeMode;
    }
}
