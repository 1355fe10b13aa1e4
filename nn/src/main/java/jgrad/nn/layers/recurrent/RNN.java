package jgrad.nn.layers.recurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import jgrad.core.GradientTape;
import jgrad.core.NameScope;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.io.LayerRegistry;

/**
 * A recurrent layer: runs a {@link RecurrentCell} over the time axis of a [batch, timesteps,
 * features...] input (Keras's {@code keras.layers.RNN}; {@link SimpleRNN}, {@link LSTM},
 * {@link GRU}, {@link PeepholeLSTM} and the ConvLSTMs are this with their cell). Options with
 * Keras's names: return_sequences, return_state, go_backwards, stateful (states kept between
 * calls, detached, until {@link #resetStates()}), dropout and recurrent_dropout (one mask per
 * sequence), initial_state (extra inputs after x: {@code callAll(List.of(x, h0, c0), training)}
 * or {@link #call(Tensor, Tensor, List, boolean)}), and a timestep mask: from {@link Masking}, or
 * given to {@link #call(Tensor, Tensor, List, boolean)}; at a masked step the states and the
 * output of the previous step are carried forward, as Keras does.
 *
 * <p>The input part of every gate for all time steps is one GEMM before the loop
 * ({@link RecurrentCell#projectInput}); each step then does one recurrent GEMM on the
 * concatenated gate weights and simple pointwise ops, so everything is differentiable to any
 * order and backpropagation through time is the tape's ordinary backward pass.
 */
public class RNN extends Layer {
    protected final RecurrentCell cell;
    private final boolean returnSequences;
    private final boolean returnState;
    private final boolean goBackwards;
    private final boolean stateful;
    private final boolean unroll;
    private boolean zeroOutputForMask;
    private List<Tensor> keptStates;
    private Tensor pendingMask;

    /** A layer running {@code cell}, the other options off (Keras's {@code RNN(cell)}). */
    public RNN(RecurrentCell cell) {
        this(cell, false, false);
    }

    public RNN(RecurrentCell cell, boolean returnSequences, boolean returnState) {
        super((String) null);
        this.cell = addSublayer(Objects.requireNonNull(cell, "cell"));
        this.returnSequences = returnSequences;
        this.returnState = returnState;
        this.goBackwards = false;
        this.stateful = false;
        this.unroll = false;
    }

    /** For the built-in layers: the cell is made by {@code cellFactory} from the cell's name (layer name + "_cell"). */
    protected RNN(Builder<?> b, Function<String, RecurrentCell> cellFactory) {
        super(b.name);
        this.cell = addSublayer(cellFactory.apply(name() + "_cell"));
        this.returnSequences = b.returnSequences;
        this.returnState = b.returnState;
        this.goBackwards = b.goBackwards;
        this.stateful = b.stateful;
        this.unroll = b.unroll;
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public RecurrentCell cell() {
        return cell;
    }

    public final boolean returnSequences() {
        return returnSequences;
    }

    public final boolean returnState() {
        return returnState;
    }

    public final boolean goBackwards() {
        return goBackwards;
    }

    public final boolean stateful() {
        return stateful;
    }

    /** Whether every time step is recorded as ops of its own even where the cell has a fused sequence op. */
    public final boolean unroll() {
        return unroll;
    }

    /**
     * Whether a masked step outputs zeros instead of repeating the previous output (Keras's
     * zero_output_for_mask; {@link Bidirectional} sets it when returning sequences, as Keras does).
     */
    public final boolean zeroOutputForMask() {
        return zeroOutputForMask;
    }

    final void setZeroOutputForMask(boolean v) {
        this.zeroOutputForMask = v;
    }

    /** A stateful layer's kept states (detached), or an empty list before its first call or after a reset. */
    public final List<Tensor> states() {
        return keptStates == null ? List.of() : List.copyOf(keptStates);
    }

    /** Forgets a stateful layer's states (and its batch size): the next call starts from zeros. */
    public final void resetStates() {
        keptStates = null;
    }

    /** Sets a stateful layer's states, e.g. to continue from a saved point. */
    public final void resetStates(List<Tensor> states) {
        requireStateful("resetStates(states)");
        if (!isBuilt()) {
            throw new IllegalStateException(who() + ": resetStates(states) needs the layer built");
        }
        int batch = states.isEmpty() ? 0 : states.get(0).dim(0);
        keptStates = detach(cell.checkStates(states, batch, "states", who()));
    }

    private void requireStateful(String what) {
        if (!stateful) {
            throw new IllegalStateException(who() + " is not stateful; " + what + " needs stateful(true)");
        }
    }

    final String who() {
        return "layer '" + name() + "' (" + className() + ")";
    }

    /**
     * Runs the layer on {@code x} with an optional timestep {@code mask} (bool [batch, time], null
     * for none or for the one attached to x) and {@code initialState} (null or empty for zeros or
     * a stateful layer's kept states). Returns the output, then the final states if return_state.
     */
    public final List<Tensor> call(Tensor x, Tensor mask, List<Tensor> initialState, boolean training) {
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

    /** Builds the layer for these per-sample input shapes (for wrappers such as {@link Bidirectional}). */
    final void ensureBuiltFor(List<Shape> inputShapes) {
        ensureBuilt(inputShapes);
    }

    /** The number of time steps the layer's built input shape has (its first per-sample axis). */
    private Shape stepShape(Shape perSample) {
        return Shape.of(Arrays.copyOfRange(perSample.dims(), 1, perSample.rank()));
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        checkSequenceShape(x);
        cell.buildFor(stepShape(x));
        checkStateShapes(inputShapes);
    }

    private void checkSequenceShape(Shape x) {
        int stepRank = cell.isBuilt() ? cell.stepInputShape().rank() : expectedStepRank();
        if (x.rank() != stepRank + 1) {
            throw new IllegalArgumentException("expects input " + expectedForm() + " (rank " + (stepRank + 2)
                    + " with the batch), got " + Shapes.batchShape(x));
        }
        if (x.get(0) == 0) {
            throw new IllegalArgumentException("got sequences of length 0 in input " + Shapes.batchShape(x)
                    + "; a recurrent layer needs at least one time step");
        }
        if (cell.isBuilt() && !stepShape(x).equals(cell.stepInputShape())) {
            throw new IllegalArgumentException("was built for steps of " + Shapes.batchShape(cell.stepInputShape())
                    + ", got input " + Shapes.batchShape(x));
        }
    }

    /** The rank of one step's per-sample input: 1 for [features]; the ConvLSTMs override it. */
    protected int expectedStepRank() {
        return 1;
    }

    protected String expectedForm() {
        return "(None, timesteps, features)";
    }

    private void checkStateShapes(List<Shape> inputShapes) {
        if (inputShapes.size() == 1) {
            return;
        }
        List<Shape> want = cell.stateShapes();
        List<Shape> got = inputShapes.subList(1, inputShapes.size());
        if (!got.equals(want)) {
            throw new IllegalArgumentException("initial_state must be " + want.size() + " tensor"
                    + (want.size() == 1 ? "" : "s") + " " + Shapes.batchShapes(want) + ", got " + Shapes.batchShapes(got));
        }
    }

    @Override
    @SuppressWarnings("try") // the step scope only tags the ops recorded inside it
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        Tensor x = inputs.get(0);
        Tensor mask = pendingMask != null ? pendingMask : Masks.of(x);
        x = castToDtype(x);
        if (x.rank() < 2) {
            throw new IllegalArgumentException(who() + " expects input " + expectedForm() + ", got shape " + x.shape());
        }
        try {
            checkSequenceShape(Shapes.perSample(x.shape(), name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who() + " " + e.getMessage() + " (a batch of shape " + x.shape() + ")",
                    e);
        }
        if (mask != null) {
            Masks.check(x, mask, "mask", who());
        }
        int batch = x.dim(0);
        int steps = x.dim(1);
        List<Tensor> states = initialStates(inputs, batch);
        if (training && cell.dropout() > 0) {
            int[] m = x.shape().dims();
            m[1] = 1;
            x = x.mul(cell.dropoutMask(m, cell.dropout()));
        }
        Tensor recMask = null;
        if (training && cell.recurrentDropout() > 0) {
            recMask = cell.dropoutMask(states.get(0).shape().dims(), cell.recurrentDropout());
        }
        // The input part of every step as one GEMM (or one convolution) over batch * time rows.
        int[] flat = x.shape().dims();
        int[] rows = new int[flat.length - 1];
        rows[0] = batch * steps;
        System.arraycopy(flat, 2, rows, 1, flat.length - 2);
        Tensor projected = cell.projectInput(x.reshape(rows));
        int[] projectedShape = new int[projected.rank() + 1];
        projectedShape[0] = batch;
        projectedShape[1] = steps;
        System.arraycopy(projected.shape().dims(), 1, projectedShape, 2, projected.rank() - 1);
        projected = projected.reshape(projectedShape);
        int[] stepShape = Arrays.copyOfRange(projectedShape, 1, projectedShape.length);
        stepShape[0] = batch;

        // Without a timestep mask or recurrent dropout the cell may run the whole sequence as one
        // fused op (LSTM, GRU with their default activations); unroll(true) keeps one op per step.
        RecurrentCell.Output fused = mask == null && recMask == null && !unroll
                ? cell.sequence(goBackwards ? projected.slice(1, steps - 1, Integer.MIN_VALUE, -1) : projected, states)
                : null;
        if (fused != null) {
            Tensor sequence = fused.output();
            List<Tensor> out = new ArrayList<>();
            out.add(returnSequences ? sequence : sequence.slice(1, steps - 1, steps).squeeze(1));
            if (stateful) {
                keptStates = detach(fused.states());
            }
            if (returnState) {
                out.addAll(fused.states());
            }
            return out;
        }

        List<Tensor> outputs = new ArrayList<>(steps);
        Tensor previous = null;
        // While a tape records, each step's ops are tagged with their time step (1-based), so the
        // graph page can draw the unrolled recurrence one column per step; a thread-local lookup
        // per step, nothing when no tape records.
        boolean tagSteps = GradientTape.isRecordingAny();
        for (int k = 0; k < steps; k++) {
            int t = goBackwards ? steps - 1 - k : k;
            try (Scope stepScope = tagSteps ? NameScope.timeStep(t + 1) : null) {
                Tensor xt = projected.slice(1, t, t + 1).reshape(stepShape);
                RecurrentCell.Output o = cell.step(xt, states, recMask);
                Tensor out = o.output();
                List<Tensor> next = o.states();
                if (mask != null) {
                    // A masked step keeps the previous states and repeats the previous output (zeros at
                    // first, always with zero_output_for_mask).
                    Tensor m = mask.slice(1, t, t + 1);
                    if (previous == null) {
                        previous = Tensor.zerosLike(out);
                    }
                    out = Tensor.where(broadcastable(m, out.rank()), out, previous);
                    List<Tensor> kept = new ArrayList<>(next.size());
                    for (int i = 0; i < next.size(); i++) {
                        kept.add(Tensor.where(broadcastable(m, next.get(i).rank()), next.get(i), states.get(i)));
                    }
                    next = kept;
                    if (!zeroOutputForMask) {
                        previous = out;
                    }
                }
                states = next;
                outputs.add(out);
            }
        }
        Tensor result = returnSequences ? Tensor.stack(outputs, 1) : outputs.get(steps - 1);
        if (returnSequences && mask != null) {
            Masks.attach(result, mask);
        }
        if (stateful) {
            keptStates = detach(states);
        }
        List<Tensor> out = new ArrayList<>();
        out.add(result);
        if (returnState) {
            out.addAll(states);
        }
        return out;
    }

    /** The cast Layer would do; done here, after reading the mask, which belongs to the uncast tensor. */
    final Tensor castToDtype(Tensor t) {
        return t.dtype().isFloating() && t.dtype() != dtype() ? t.cast(dtype()) : t;
    }

    @Override
    protected boolean autocastInputs() {
        return false;
    }

    private static Tensor broadcastable(Tensor m, int rank) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        s[0] = m.dim(0);
        return m.reshape(s);
    }

    private List<Tensor> initialStates(List<Tensor> inputs, int batch) {
        if (inputs.size() > 1) {
            return cell.checkStates(inputs.subList(1, inputs.size()), batch, "initial_state", who());
        }
        if (stateful && keptStates != null) {
            int kept = keptStates.get(0).dim(0);
            if (kept != batch) {
                throw new IllegalArgumentException(who() + " is stateful with batch size " + kept
                        + " (its kept states are " + keptStates.get(0).shape() + "), got an input of shape "
                        + inputs.get(0).shape() + "; feed the same batch size or call resetStates() first");
            }
            return keptStates;
        }
        return cell.zeroStates(batch);
    }

    private static List<Tensor> detach(List<Tensor> states) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor s : states) {
            out.add(s.stopGradient());
        }
        return out;
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        checkSequenceShape(x);
        checkStateShapes(inputShapes);
        Shape step = cell.outputShape();
        List<Shape> out = new ArrayList<>();
        if (returnSequences) {
            int[] d = new int[step.rank() + 1];
            d[0] = x.get(0);
            System.arraycopy(step.dims(), 0, d, 1, step.rank());
            out.add(Shape.of(d));
        } else {
            out.add(step);
        }
        if (returnState) {
            out.addAll(cell.stateShapes());
        }
        return out;
    }

    /** The per-sample output shapes (output, then states if return_state) for this per-sample input. */
    public final List<Shape> outputShapesFor(Shape input) {
        return computeOutputShapes(List.of(input));
    }

    /** The cell's entries, then the layer's, with Keras's names (a flat config as Keras's LSTM). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        Map<String, Object> c = cell.config();
        c.remove("name");
        c.remove("trainable");
        c.remove("dtype");
        m.putAll(c);
        m.put("return_sequences", returnSequences);
        m.put("return_state", returnState);
        m.put("go_backwards", goBackwards);
        m.put("stateful", stateful);
        m.put("unroll", unroll);
        return m;
    }

    /** A new layer of this kind with this config but another name and direction (for {@link Bidirectional}). */
    RNN copy(String newName, boolean backwards) {
        Map<String, Object> c = config();
        c.put("name", newName);
        c.put("go_backwards", backwards);
        Layer l = LayerRegistry.create(className(), c);
        if (!(l instanceof RNN r)) {
            throw new IllegalStateException("LayerRegistry made a " + l.getClass().getSimpleName() + " for '"
                    + className() + "'");
        }
        r.setDtype(dtype());
        return r;
    }

    @Override
    public Layer setDtype(jgrad.core.DType dtype) {
        super.setDtype(dtype);
        cell.setDtype(dtype);
        return this;
    }

    @Override
    protected String describe() {
        StringBuilder sb = new StringBuilder(cell.describe());
        if (returnSequences) {
            sb.append(", return_sequences");
        }
        if (returnState) {
            sb.append(", return_state");
        }
        if (goBackwards) {
            sb.append(", go_backwards");
        }
        if (stateful) {
            sb.append(", stateful");
        }
        return sb.toString();
    }

    /** The layer's keyword arguments on top of the cell's. */
    public abstract static class Builder<B extends Builder<B>> extends CellBuilder<B> {
        boolean returnSequences;
        boolean returnState;
        boolean goBackwards;
        boolean stateful;
        boolean unroll;
        Shape inputShape;

        Builder(int units) {
            super(units);
        }

        /** Output every step's output [batch, time, units] instead of the last one. */
        public B returnSequences(boolean v) {
            this.returnSequences = v;
            return self();
        }

        /** Also output the final states (h; for LSTMs h and c) after the output. */
        public B returnState(boolean v) {
            this.returnState = v;
            return self();
        }

        /** Process the sequence from its end; with return_sequences the outputs come in processing order. */
        public B goBackwards(boolean v) {
            this.goBackwards = v;
            return self();
        }

        /** Keep the final states as the next call's initial states (truncated BPTT over chunks). */
        public B stateful(boolean v) {
            this.stateful = v;
            return self();
        }

        /**
         * Record every time step as ops of its own (Keras's unroll), e.g. to see the unrolled
         * recurrence in the graph page. By default (false) an LSTM or GRU with its default
         * activations and no timestep mask or recurrent dropout runs the sequence as one fused op.
         */
        public B unroll(boolean v) {
            this.unroll = v;
            return self();
        }

        /** The per-sample input shape (timesteps, features), for the first layer of a Sequential. */
        public B inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return self();
        }

        B readLayerConfig(Map<String, Object> c) {
            readConfig(c);
            returnSequences(jgrad.nn.layers.LayerConfig.bool(c, "return_sequences", false));
            returnState(jgrad.nn.layers.LayerConfig.bool(c, "return_state", false));
            goBackwards(jgrad.nn.layers.LayerConfig.bool(c, "go_backwards", false));
            stateful(jgrad.nn.layers.LayerConfig.bool(c, "stateful", false));
            unroll(jgrad.nn.layers.LayerConfig.bool(c, "unroll", false));
            return self();
        }
    }
}
