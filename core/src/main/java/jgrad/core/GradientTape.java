package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Records the ops run on watched tensors so that {@link #gradient} can run them backwards
 * (reverse-mode autodiff). Trainable {@link Variable}s are watched automatically; other tensors
 * with {@link #watch}. Tapes nest: the ops a gradient computation runs are recorded by the outer
 * tapes, so the gradient of a gradient works for every op.
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor loss = x.matmul(w).add(b).sigmoid().sub(y).square().mean();
 *     List<Tensor> g = tape.gradient(loss, w, b);
 * }
 * }</pre>
 *
 * <p>A tape belongs to the thread that opened it: ops on other threads are not recorded, so two
 * threads can train separate models side by side. Unless {@link #persistent()}, a tape computes
 * one gradient and is then spent. For a source the target does not depend on, {@code gradient}
 * returns null (TensorFlow's behaviour), or zeros with {@link UnconnectedGradients#ZERO}.
 */
public final class GradientTape implements AutoCloseable {
    private final boolean persistent;
    private final boolean watchAccessedVariables;
    private final Thread owner;
    private final Engine.ThreadState state;
    /** How deeply recording was paused when this tape opened: it records only at that depth. */
    private final int depth;
    private final List<RecordedOp> ops = new ArrayList<>();
    private final Set<Tensor> tracked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Variable> watchedVariables = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The {@link NameScope}s closed while this tape recorded, in closing order (inner before outer). */
    private final List<NameScope.Span> scopes = new ArrayList<>();
    private int paused;
    /** Set only on the tracing tapes {@link Jit#tracingTape()} makes: record every op, whatever its inputs. */
    boolean recordAll;
    private boolean closed;
    private boolean spent;

    /** A non-persistent tape that watches trainable Variables; starts recording now. */
    public GradientTape() {
        this(false, true);
    }

    /**
     * @param persistent allow several {@code gradient} calls
     * @param watchAccessedVariables watch trainable Variables automatically; if false only
     *     {@link #watch}ed tensors are recorded
     */
    public GradientTape(boolean persistent, boolean watchAccessedVariables) {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
        this.owner = Thread.currentThread();
        this.state = Engine.STATE.get();
        this.depth = state.pausedAll;
        state.active.add(this);
    }

    /** A tape that allows several {@code gradient} and {@code jacobian} calls. */
    public static GradientTape persistent() {
        return new GradientTape(true, true);
    }

    public boolean isPersistent() {
        return persistent;
    }

    // ---------------------------------------------------------------- recording

    /** Makes the tape record ops on these tensors (float32 or float64). */
    public GradientTape watch(Tensor... tensors) {
        checkUsable("watch");
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "watch: tensor is null");
            if (!t.dtype().isFloating()) {
                throw new IllegalArgumentException("watch: only float32 or float64 tensors can be watched, got "
                        + t.dtype() + " " + t.shape());
            }
            tracked.add(t);
            if (t instanceof Variable v) {
                watchedVariables.add(v);
            }
        }
        return this;
    }

    /** Pauses this tape until the returned scope closes (tf.GradientTape.stop_recording). */
    public Scope stopRecording() {
        checkUsable("stopRecording");
        paused++;
        return new Scope(() -> paused--);
    }

    /**
     * Pauses every tape open on this thread until the scope closes (torch.no_grad). Tapes opened
     * inside the scope record as usual, so a gradient can still be computed in there.
     */
    public static Scope noGrad() {
        Engine.ThreadState st = Engine.STATE.get();
        st.pausedAll++;
        return new Scope(() -> st.pausedAll--);
    }

    /** True if ops run on this thread now are recorded by some tape. */
    public static boolean isRecordingAny() {
        for (GradientTape t : Engine.STATE.get().active) {
            if (t.isRecording()) {
                return true;
            }
        }
        return false;
    }

    boolean isRecording() {
        return paused == 0 && !closed && !spent && state.pausedAll == depth;
    }

    boolean tracksAny(Tensor[] inputs) {
        if (recordAll) {
            return true;
        }
        for (Tensor in : inputs) {
            if (in instanceof Variable v) {
                if (watchAccessedVariables && v.trainable()) {
                    watchedVariables.add(v);
                    return true;
                }
                if (tracked.contains(v)) {
                    return true;
                }
            } else if (tracked.contains(in)) {
                return true;
            }
        }
        return false;
    }

    void add(RecordedOp op) {
        ops.add(op);
        tracked.add(op.output());
    }

    /** The recorded ops in the order they ran: the computation graph, for inspection. */
    public List<RecordedOp> operations() {
        return Collections.unmodifiableList(ops);
    }

    /**
     * The {@link NameScope}s (time steps of a recurrence, named regions) that closed while this
     * tape recorded and saw some of its ops, for drawings of the graph.
     */
    public List<NameScope.Span> scopes() {
        return Collections.unmodifiableList(scopes);
    }

    void addScope(NameScope.Span span) {
        // Also after close: a scope opened before the tape (try (scope; tape)) closes after it.
        scopes.add(span);
    }

    /** The Variables this tape has watched, explicitly or by use. */
    public List<Variable> watchedVariables() {
        return List.copyOf(watchedVariables);
    }

    /** Stops recording. A persistent tape can still compute gradients afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.active.remove(this);
        }
    }

    private void checkUsable(String what) {
        if (spent) {
            throw new IllegalStateException("GradientTape." + what + ": this non-persistent tape has already"
                    + " computed a gradient; use GradientTape.persistent() to call gradient more than once");
        }
    }

    // ---------------------------------------------------------------- gradients

    /** The gradient of {@code target} (summed if not scalar) with respect to each source. */
    public List<Tensor> gradient(Tensor target, Tensor... sources) {
        return gradient(target, Arrays.asList(sources), null, UnconnectedGradients.NONE);
    }

    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources) {
        return gradient(target, sources, null, UnconnectedGradients.NONE);
    }

    /** The gradient with respect to a single source. */
    public Tensor gradient(Tensor target, Tensor source) {
        return gradient(target, List.of(source), null, UnconnectedGradients.NONE).get(0);
    }

    /**
     * The full form: {@code outputGradient} (shaped like target; null means ones) weights the
     * target's elements, and {@code unconnected} says what an unconnected source gets.
     */
    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources, Tensor outputGradient,
            UnconnectedGradients unconnected) {
        Objects.requireNonNull(target, "gradient: target is null");
        Objects.requireNonNull(sources, "gradient: sources is null");
        Objects.requireNonNull(unconnected, "gradient: unconnected is null");
        checkUsable("gradient");
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                throw new NullPointerException("gradient: source " + i + " is null");
            }
        }
        if (!target.dtype().isFloating()) {
            throw new IllegalArgumentException("gradient: target must be float32 or float64, got " + target.dtype()
                    + " " + target.shape());
        }
        Tensor seed = outputGradient == null ? Tensor.onesLike(target) : checkSeed(target, outputGradient);
        List<Tensor> result;
        paused++;
        try (Scope _ = Substitution.suspended()) {
            result = backprop(target, sources, seed, unconnected);
        } finally {
            paused--;
        }
        if (!persistent) {
            spent = true;
            ops.clear();
            scopes.clear();
            tracked.clear();
        }
        return result;
    }

    private static Tensor checkSeed(Tensor target, Tensor g) {
        if (!g.shape().equals(target.shape()) || g.dtype() != target.dtype()) {
            throw new IllegalArgumentException("gradient: outputGradient " + g.shape() + " " + g.dtype()
                    + " must match the target " + target.shape() + " " + target.dtype());
        }
        return g;
    }

    /**
     * The Jacobian of {@code target} with respect to {@code source}: shape target.shape +
     * source.shape. One backward pass per target element, so for small cases.
     */
    public Tensor jacobian(Tensor target, Tensor source) {
        Objects.requireNonNull(target, "jacobian: target is null");
        Objects.requireNonNull(source, "jacobian: source is null");
        checkUsable("jacobian");
        int n = target.size();
        List<Tensor> rows = new ArrayList<>(n);
        paused++;
        try (Scope _ = Substitution.suspended()) {
            for (int i = 0; i < n; i++) {
                Object seedData = Tensor.allocate(target.dtype(), n);
                if (seedData instanceof float[] f) {
                    f[i] = 1;
                } else {
                    ((double[]) seedData)[i] = 1;
                }
                Tensor seed = Tensor.wrap(seedData, target.shape());
                rows.add(backprop(target, List.of(source), seed, UnconnectedGradients.ZERO).get(0));
            }
        } finally {
            paused--;
        }
        if (!persistent) {
            spent = true;
            ops.clear();
            scopes.clear();
            tracked.clear();
        }
        int[] dims = new int[target.rank() + source.rank()];
        System.arraycopy(target.shapeUnsafe(), 0, dims, 0, target.rank());
        System.arraycopy(source.shapeUnsafe(), 0, dims, target.rank(), source.rank());
        if (n == 0) {
            return Tensor.zeros(source.dtype(), dims);
        }
        return Tensor.stack(rows, 0).reshape(dims);
    }

    private List<Tensor> backprop(Tensor target, List<? extends Tensor> sources, Tensor seed,
            UnconnectedGradients unconnected) {
        // Forward sweep: which recorded values depend on a source? Only those ops run backwards.
        Set<Tensor> reach = Collections.newSetFromMap(new IdentityHashMap<>());
        reach.addAll(sources);
        int n = ops.size();
        boolean[] relevant = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (Tensor in : ops.get(i).inputArray()) {
                if (reach.contains(in)) {
                    relevant[i] = true;
                    reach.add(ops.get(i).output());
                    break;
                }
            }
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(target, seed);
        boolean anomaly = Anomaly.isEnabled();
        if (reach.contains(target)) {
            // Reverse sweep in recording order, which is topological: a value's consumers ran after it.
            for (int i = n - 1; i >= 0; i--) {
                if (!relevant[i]) {
                    continue;
                }
                RecordedOp node = ops.get(i);
                Tensor g = grads.get(node.output());
                if (g == null) {
                    continue;
                }
                runVjp(node, g, reach, grads, anomaly);
            }
        }
        List<Tensor> result = new ArrayList<>(sources.size());
        for (Tensor s : sources) {
            Tensor g = grads.get(s);
            if (g == null && unconnected == UnconnectedGradients.ZERO) {
                g = Tensor.zerosLike(s);
            }
            result.add(g);
        }
        return result;
    }

    private static void runVjp(RecordedOp node, Tensor g, Set<Tensor> reach, Map<Tensor, Tensor> grads,
            boolean anomaly) {
        Tensor[] inputs = node.inputArray();
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int j = 0; j < inputs.length; j++) {
            needs[j] = inputs[j].dtype().isFloating() && reach.contains(inputs[j]);
            any |= needs[j];
        }
        if (!any) {
            return;
        }
        Op op = node.op();
        for (int j = 0; j < inputs.length; j++) {
            if (inputs[j] instanceof Variable v && v.version() != node.inputVersion(j)) {
                throw new IllegalStateException("gradient: Variable '" + v.name() + "' " + v.shape()
                        + " was assigned after op '" + op.name() + "' used it (op #" + node.sequence()
                        + " on the tape); its gradient would mix old and new values. Compute the gradient"
                        + " before assigning, or record the computation again on a new tape.");
            }
        }
        if (!op.isDifferentiable()) {
            throw new NotDifferentiableException("gradient: op '" + op.name() + "' is not differentiable, but the"
                    + " target depends on a source through it (" + node.signature() + "). Cut it out with"
                    + " stopGradient() if its output is meant to be a constant.");
        }
        Tensor[] gin;
        try {
            gin = op.vjp(new Op.Backward(g, inputs, node.output(), needs));
        } catch (AnomalyException e) {
            throw new AnomalyException("anomaly: the gradient of op '" + op.name() + "' " + node.signature()
                    + " failed: " + e.getMessage(), node.recordedAt());
        }
        if (gin == null || gin.length != inputs.length) {
            throw new IllegalStateException("op '" + op.name() + "': vjp returned "
                    + (gin == null ? "null" : gin.length + " gradients") + " for " + inputs.length + " inputs");
        }
        for (int j = 0; j < inputs.length; j++) {
            if (!needs[j] || gin[j] == null) {
                continue;
            }
            if (gin[j].dtype() != inputs[j].dtype()) {
                throw new IllegalStateException("op '" + op.name() + "': vjp returned a " + gin[j].dtype()
                        + " gradient for input " + j + " of dtype " + inputs[j].dtype());
            }
            Tensor gj = Engine.sumTo(op, j, gin[j], inputs[j]);
            if (anomaly) {
                Engine.checkBackward(node, j, gj);
            }
            Tensor prev = grads.get(inputs[j]);
            grads.put(inputs[j], prev == null ? gj : prev.add(gj));
        }
    }

    @Override
    public String toString() {
        return "GradientTape(" + ops.size() + " ops" + (persistent ? ", persistent" : "") + (closed ? ", closed" : "")
                + (spent ? ", spent" : "") + ")";
    }
}
