package jgrad.nn.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.regularizers.Regularizer;
import jgrad.ops.kernels.Epilogue;
import jgrad.ops.nn.Dense;

/**
 * One time step of a recurrent network (Keras's {@code SimpleRNNCell}, {@code LSTMCell}, ...): a
 * layer that owns the weights and maps (x_t, states) to (output, new states). Usable on its own
 * in a GradientTape loop:
 *
 * <pre>{@code
 * LSTMCell cell = LSTMCell.builder(16).build();
 * List<Tensor> states = cell.zeroStates(batch);
 * for (int t = 0; t < steps; t++) {
 *     RecurrentCell.Output o = cell.call(x.slice(1, t, t + 1).squeeze(1), states);
 *     states = o.states();
 * }
 * }</pre>
 *
 * <p>The step is split in two so a layer can run the input part of every time step as one GEMM
 * before its loop: {@link #projectInput} (x @ kernel + bias for all gates at once) and
 * {@link #step} (the recurrent GEMM on the concatenated gate weights, then the pointwise gate math,
 * written with plain differentiable ops so gradients of any order flow through it).
 */
public abstract class RecurrentCell extends Layer {
    /** One step's result: the output and the new states (for LSTM, [h, c]; the output is h). */
    public record Output(Tensor output, List<Tensor> states) {}

    protected final int units;
    protected final UnaryOperator<Tensor> activation;
    protected final UnaryOperator<Tensor> recurrentActivation;
    protected final boolean useBias;
    protected final Initializer kernelInitializer;
    protected final Initializer recurrentInitializer;
    protected final Initializer biasInitializer;
    protected final Regularizer kernelRegularizer;
    protected final Regularizer recurrentRegularizer;
    protected final Regularizer biasRegularizer;
    private final double dropout;
    private final double recurrentDropout;
    private final Long seed;
    private final Rng rng;

    /** {@code cellName} (a layer names its cell after itself) wins over the builder's name; both may be null. */
    RecurrentCell(CellBuilder<?> b, String cellName) {
        super(cellName != null ? cellName : b.name);
        String who = getClass().getSimpleName();
        if (b.units <= 0) {
            throw new IllegalArgumentException(who + ": units must be > 0, got " + b.units);
        }
        if (!(b.dropout >= 0 && b.dropout < 1) || !(b.recurrentDropout >= 0 && b.recurrentDropout < 1)) {
            throw new IllegalArgumentException(who + ": dropout and recurrent_dropout must be in [0, 1), got "
                    + b.dropout + " and " + b.recurrentDropout);
        }
        this.units = b.units;
        this.activation = b.activation;
        this.recurrentActivation = b.recurrentActivation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.recurrentInitializer = b.recurrentInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.recurrentRegularizer = b.recurrentRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.dropout = b.dropout;
        this.recurrentDropout = b.recurrentDropout;
        this.seed = b.seed;
        this.rng = b.seed == null ? Rng.global().split() : new Rng(b.seed);
    }

    /** The number of units (filters for a convolutional cell). */
    public final int units() {
        return units;
    }

    public final double dropout() {
        return dropout;
    }

    public final double recurrentDropout() {
        return recurrentDropout;
    }

    /** The per-sample shapes of the states ([units] for h; LSTMs also have c); the cell must be built. */
    public abstract List<Shape> stateShapes();

    /** The per-sample shape of one step's output; the cell must be built. */
    public Shape outputShape() {
        return stateShapes().get(0);
    }

    /** The per-sample shape of one step's input that the cell was built for. */
    public final Shape stepInputShape() {
        requireBuilt("stepInputShape");
        return builtInputShapes().get(0);
    }

    /**
     * The input part of every gate, {@code x @ kernel + bias}, for a batch of steps
     * {@code x [n, features...]}; the result's last axis holds the gates side by side.
     */
    public abstract Tensor projectInput(Tensor x);

    /**
     * One step from the projected input: the recurrent GEMM on the concatenated gate weights,
     * then the gate math. {@code recurrentMask} is null or a 0/scale recurrent dropout mask
     * shaped like h.
     */
    public abstract Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask);

    /**
     * The whole sequence at once, for a layer that needs nothing done between steps (no timestep
     * mask, no recurrent dropout): {@code projected [batch, steps, gates...]} from
     * {@link #projectInput} and the initial states give the output sequence
     * {@code [batch, steps, units...]} and the final states, the same values {@link #step} would
     * give step by step. Cells with a fused sequence op (LSTM and GRU with their default
     * activations) run it as one op; the default, and any cell whose options rule the fused op
     * out, returns null and the layer steps.
     */
    public Output sequence(Tensor projected, List<Tensor> states) {
        return null;
    }

    /** Builds the cell for steps of this per-sample shape (the layer calls it from its own build). */
    public final void buildFor(Shape stepInputShape) {
        ensureBuilt(List.of(stepInputShape));
    }

    /** Zero states for a batch. */
    public final List<Tensor> zeroStates(int batch) {
        requireBuilt("zeroStates");
        List<Tensor> out = new ArrayList<>();
        for (Shape s : stateShapes()) {
            out.add(Tensor.zeros(dtype(), Shapes.withBatch(batch, s)));
        }
        return out;
    }

    /** One step in inference mode. */
    public final Output call(Tensor x, List<Tensor> states) {
        return call(x, states, false);
    }

    /**
     * One step: {@code x [batch, features...]} and the states ([batch, units] each) to the output
     * and the new states. Builds the cell on its first call. In training, dropout masks are drawn
     * for this step (a layer draws them once per sequence instead).
     */
    public final Output call(Tensor x, List<Tensor> states, boolean training) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(states, "states");
        if (x.dtype().isFloating() && x.dtype() != dtype()) {
            x = x.cast(dtype());
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException("cell '" + name() + "' (" + className() + "): x must be a batch of"
                    + " steps [batch, features...], got shape " + x.shape());
        }
        buildFor(Shapes.perSample(x.shape(), name()));
        checkStepInput(x);
        List<Tensor> st = checkStates(states, x.dim(0), "states", "cell '" + name() + "' (" + className() + ")");
        Tensor xin = x;
        Tensor recMask = null;
        if (training && dropout > 0) {
            xin = x.mul(dropoutMask(x.shape().dims(), dropout));
        }
        if (training && recurrentDropout > 0) {
            recMask = dropoutMask(st.get(0).shape().dims(), recurrentDropout);
        }
        return step(projectInput(xin), st, recMask);
    }

    void checkStepInput(Tensor x) {
        Shape want = stepInputShape();
        Shape got = Shapes.perSample(x.shape(), name());
        if (!got.equals(want)) {
            throw new IllegalArgumentException("cell '" + name() + "' (" + className() + ") was built for steps of "
                    + Shapes.batchShape(want) + ", got x of shape " + x.shape());
        }
    }

    /** Checks count and shapes of states for a batch, casting floating states to the cell's dtype. */
    List<Tensor> checkStates(List<Tensor> states, int batch, String argument, String who) {
        List<Shape> want = stateShapes();
        if (states.size() != want.size()) {
            throw new IllegalArgumentException(who + " has " + want.size()
                    + " state" + (want.size() == 1 ? "" : "s") + " " + describe(want, batch) + ", got " + states.size()
                    + " tensors in " + argument);
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            Tensor s = Objects.requireNonNull(states.get(i), argument + " " + i + " is null");
            Shape w = Shape.of(Shapes.withBatch(batch, want.get(i)));
            if (!s.shape().equals(w)) {
                throw new IllegalArgumentException(who + ": " + argument + "[" + i
                        + "] must have shape " + w + " (batch " + batch + ", state " + want.get(i) + "), got "
                        + s.shape());
            }
            out.add(s.dtype() == dtype() ? s : s.cast(dtype()));
        }
        return out;
    }

    private static String describe(List<Shape> shapes, int batch) {
        List<String> parts = new ArrayList<>();
        for (Shape s : shapes) {
            parts.add(Shape.of(Shapes.withBatch(batch, s)).toString());
        }
        return String.join(" and ", parts);
    }

    /** An inverted-dropout mask (0 or 1/(1-rate)) of this shape in the cell's dtype. */
    final Tensor dropoutMask(int[] shape, double rate) {
        return Tensor.bernoulli(rng, 1 - rate, shape).cast(dtype()).mul(1 / (1 - rate));
    }

    private void requireBuilt(String what) {
        if (!isBuilt()) {
            throw new IllegalStateException("cell '" + name() + "' (" + className() + "): " + what
                    + " needs the cell built; call it once or call buildFor(stepShape)");
        }
    }

    /** As a plain layer: one step from zero states, the output only. */
    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return call(x, zeroStates(x.dim(0)), training).output();
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return outputShape();
    }

    /** Gate {@code k} of {@code n} side by side on the last axis. */
    static Tensor gate(Tensor z, int k, int width) {
        return z.slice(z.rank() - 1, k * width, (k + 1) * width);
    }

    /**
     * x [n, ..., in] @ kernel [in, out] (+ bias): one GEMM for all rows, the bias added as the GEMM
     * stores its result (the {@code dense} op), so the tape keeps one [n, out] tensor, not two.
     */
    static Tensor dense(Tensor x, Tensor kernel, Tensor bias) {
        return Dense.dense(x, kernel, bias, Epilogue.Activation.LINEAR);
    }

    @Override
    protected String describe() {
        return "units=" + units;
    }

    /** The entries every cell shares, with Keras's names. */
    void putConfig(Map<String, Object> m, boolean gated) {
        m.put("units", units);
        m.put("activation", LayerConfig.activationName(this, activation));
        if (gated) {
            m.put("recurrent_activation", LayerConfig.activationName(this, recurrentActivation));
        }
        m.put("use_bias", useBias);
        m.put("kernel_initializer", LayerConfig.initializer(this, kernelInitializer));
        m.put("recurrent_initializer", LayerConfig.initializer(this, recurrentInitializer));
        m.put("bias_initializer", LayerConfig.initializer(this, biasInitializer));
        m.put("kernel_regularizer", LayerConfig.regularizer(this, kernelRegularizer));
        m.put("recurrent_regularizer", LayerConfig.regularizer(this, recurrentRegularizer));
        m.put("bias_regularizer", LayerConfig.regularizer(this, biasRegularizer));
        m.put("dropout", dropout);
        m.put("recurrent_dropout", recurrentDropout);
        m.put("seed", seed);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        putConfig(m, true);
        return m;
    }
}
