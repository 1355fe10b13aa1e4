package jgrad.nn.optimizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.constraints.Constraints;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;
import jgrad.ops.kernels.FreshArrays;

/**
 * Updates variables from their gradients (Keras's {@code keras.optimizers.Optimizer}), for
 * {@code fit} and for GradientTape loops:
 *
 * <pre>{@code
 * Optimizer opt = new Adam(1e-3);
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor loss = lossFn.call(y, model.call(x, true));
 *     opt.apply(tape.gradient(loss, model.trainableWeights()), model.trainableWeights());
 * }
 * }</pre>
 *
 * <p>Each step: gradients that are null (the loss does not depend on that variable) are
 * skipped, as in Keras; the rest are clipped if asked ({@link #clipValue}, {@link #clipNorm}
 * per variable, or {@link #globalClipNorm} over all of them: one of the three, as Keras
 * requires); decoupled weight decay {@code w -= w * weightDecay * lr} is applied if set; then
 * the optimizer's rule. The learning rate is a constant or a {@link LearningRateSchedule} of
 * {@link #iterations()}. Updates run outside every tape and in double precision (the result is
 * stored in the variable's dtype), so float32 runs match Keras's float32 formulas to rounding.
 * Slot state (moments, accumulators) is kept per variable.
 */
public abstract class Optimizer {
    private final String name;
    private LearningRateSchedule schedule;
    private long iterations;
    private double clipValue;
    private double clipNorm;
    private double globalClipNorm;
    private double weightDecay;
    private final Map<Variable, Slots> slots = new IdentityHashMap<>();

    protected Optimizer(String name, double learningRate) {
        this(name, LearningRateSchedule.constant(learningRate));
    }

    protected Optimizer(String name, LearningRateSchedule schedule) {
        this.name = Objects.requireNonNull(name, "name");
        this.schedule = Objects.requireNonNull(schedule, "learning rate schedule");
    }

    /** Per-variable state of an optimizer: named arrays shaped like the variable's data. */
    protected static final class Slots {
        private final int size;
        private final Map<String, double[]> arrays = new HashMap<>();

        Slots(int size) {
            this.size = size;
        }

        /** The slot called {@code name}, created zero-filled on first use. */
        public double[] get(String slotName) {
            return arrays.computeIfAbsent(slotName, k -> new double[size]);
        }

        /** The slot called {@code name}, created filled with {@code initial} on first use. */
        public double[] get(String slotName, double initial) {
            return arrays.computeIfAbsent(slotName, k -> {
                double[] a = new double[size];
                java.util.Arrays.fill(a, initial);
                return a;
            });
        }
    }

    /**
     * The optimizer's rule for one variable: update {@code w} in place from {@code g}.
     *
     * @param w the variable's values (row-major), to update in place
     * @param g its gradient, already clipped
     * @param s this variable's slots
     * @param lr the learning rate of this step
     * @param step the 1-based number of this step (Keras's {@code iterations + 1})
     */
    protected abstract void update(double[] w, double[] g, Slots s, double lr, long step);

    /**
     * The rule fused for a float32 variable, when the optimizer has one: reads the stored values
     * {@code w} and the gradient {@code g} (from {@code gOff}, row-major) and writes the new values
     * into {@code out}, updating the slots, with exactly the double arithmetic of
     * {@link #update} after the weight-decay factor {@code decay} (1 when off) has been applied to
     * {@code w}; so a fused step and a copying one give the same bits. Returns false (the default)
     * to take {@link #update} on double copies instead. Not called while gradients are clipped.
     */
    protected boolean updateFloat(float[] w, float[] g, int gOff, float[] out, Slots s, double lr, long step,
            double decay) {
        return false;
    }

    /** Called once per step before any variable is updated (Nadam keeps a product across steps). */
    protected void beforeStep(long step) {}

    /**
     * A copy of this optimizer's slot {@code slotName} for {@code v}, or null if it has none yet
     * (for {@link DifferentiableOptimizer}s that continue from this optimizer's state).
     */
    final double[] slotCopy(Variable v, String slotName) {
        Slots s = slots.get(v);
        if (s == null || !s.arrays.containsKey(slotName)) {
            return null;
        }
        return s.arrays.get(slotName).clone();
    }

    // ---------------------------------------------------------------- applying

    /**
     * One optimization step: {@code gradients.get(i)} updates {@code variables.get(i)}. Null
     * gradients are skipped; if every gradient is null this fails (the loss does not depend on
     * any variable: usually a forgotten tape or a detached computation).
     */
    public final void apply(List<? extends Tensor> gradients, List<? extends Variable> variables) {
        Objects.requireNonNull(gradients, "gradients");
        Objects.requireNonNull(variables, "variables");
        if (gradients.size() != variables.size()) {
            throw new IllegalArgumentException(name + ".apply: " + gradients.size() + " gradients for "
                    + variables.size() + " variables");
        }
        List<Variable> vars = new ArrayList<>();
        List<Tensor> gradTensors = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable v = Objects.requireNonNull(variables.get(i), name + ".apply: variable " + i + " is null");
            Tensor g = gradients.get(i);
            if (g == null) {
                continue;
            }
            if (!v.dtype().isFloating()) {
                throw new IllegalArgumentException(name + ".apply: variable '" + v.name() + "' is " + v.dtype()
                        + "; only float variables can be optimized");
            }
            if (!g.shape().equals(v.shape())) {
                throw new IllegalArgumentException(name + ".apply: the gradient of '" + v.name() + "' has shape "
                        + g.shape() + ", the variable has " + v.shape());
            }
            vars.add(v);
            gradTensors.add(g);
        }
        if (vars.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Variable v : variables) {
                names.add(v.name());
            }
            throw new IllegalArgumentException(name + ".apply: no gradients provided for any variable " + names
                    + " (is the loss computed from them inside the tape?)");
        }
        // Clipping needs every gradient first (the global norm), in double precision like the rules.
        boolean clipping = clipValue > 0 || clipNorm > 0 || globalClipNorm > 0;
        List<double[]> grads = new ArrayList<>();
        if (clipping) {
            for (Tensor g : gradTensors) {
                grads.add(g.toDoubleArray());
            }
            clip(grads);
        }
        double lr = learningRate();
        long step = iterations + 1;
        double decay = weightDecay > 0 ? 1 - weightDecay * lr : 1;
        try (Scope _ = GradientTape.noGrad()) {
            beforeStep(step);
            for (int i = 0; i < vars.size(); i++) {
                Variable v = vars.get(i);
                Slots s = slots.computeIfAbsent(v, k -> new Slots(v.size()));
                Tensor gt = gradTensors.get(i);
                if (!clipping && v.dtype() == DType.FLOAT32 && gt.dtype() == DType.FLOAT32) {
                    // The fused rule reads the variable's and the gradient's own float storage.
                    boolean inPlace = gt.isContiguous();
                    float[] g = inPlace ? (float[]) gt.storage() : gt.toFloatArray();
                    float[] out = FreshArrays.floats(v.size());
                    if (updateFloat((float[]) v.storage(), g, inPlace ? gt.offset() : 0, out, s, lr, step, decay)) {
                        v.assignOwned(out);
                        Constraints.applyTo(v);
                        continue;
                    }
                }
                double[] w = v.toDoubleArray();
                double[] g = clipping ? grads.get(i) : gt.toDoubleArray();
                if (decay != 1) {
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= decay;
                    }
                }
                update(w, g, s, lr, step);
                assign(v, w);
                // Keras: v.assign(v.constraint(v)) right after the update (MaxNorm, NonNeg, ...).
                Constraints.applyTo(v);
            }
        }
        iterations++;
    }

    /**
     * Computes the gradients of {@code loss} (run inside a new tape) with respect to
     * {@code variables} and applies them; returns the loss. Keras's {@code minimize}.
     */
    public final Tensor minimize(Supplier<Tensor> loss, List<? extends Variable> variables) {
        Tensor value;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            value = loss.get();
            grads = tape.gradient(value, variables);
        }
        apply(grads, variables);
        return value;
    }

    /** Stores the rule's double results in the variable, rounded to float32 for a float32 one. */
    private static void assign(Variable v, double[] w) {
        if (v.dtype() == DType.FLOAT64) {
            v.assign(Tensor.wrap(w, v.shape()));
            return;
        }
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        v.assignOwned(f);
    }

    private void clip(List<double[]> grads) {
        if (clipNorm > 0) {
            for (double[] g : grads) {
                scale(g, clipNorm / Math.max(norm(g), clipNorm));
            }
        } else if (globalClipNorm > 0) {
            double sq = 0;
            for (double[] g : grads) {
                double n = norm(g);
                sq += n * n;
            }
            double global = Math.sqrt(sq);
            for (double[] g : grads) {
                scale(g, globalClipNorm / Math.max(global, globalClipNorm));
            }
        } else if (clipValue > 0) {
            for (double[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
                }
            }
        }
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void scale(double[] g, double f) {
        if (f != 1) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= f;
            }
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * Scalars an optimizer keeps across steps besides the slots and the step count (Nadam's
     * momentum-schedule product), saved with a model; empty by default.
     */
    protected Map<String, Double> extraState() {
        return Map.of();
    }

    /** Restores what {@link #extraState()} returned; a missing key keeps its initial value. */
    protected void restoreExtraState(Map<String, Double> state) {}

    /**
     * Everything this optimizer has learnt while training {@code variables}, as tensors a model
     * file stores: {@code iterations} (the step count, which is also the learning-rate schedule's
     * position), each variable's slots as {@code <variable name>/<slot>} (float64, the
     * variable's shape) and the scalars of {@link #extraState()} as {@code extra/<key>}. Together
     * with the optimizer's settings this continues training exactly where it stopped.
     */
    public final Map<String, Tensor> state(List<? extends Variable> variables) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("iterations", Tensor.wrap(new long[] {iterations}, Shape.of()));
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(extraState()).entrySet()) {
            out.put("extra/" + e.getKey(), Tensor.wrap(new double[] {e.getValue()}, Shape.of()));
        }
        for (Variable v : variables) {
            Slots s = slots.get(v);
            if (s == null) {
                continue;
            }
            for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(s.arrays).entrySet()) {
                if (out.put(v.name() + "/" + e.getKey(), Tensor.wrap(e.getValue().clone(), v.shape())) != null) {
                    throw new IllegalStateException(name + ": two variables are named '" + v.name()
                            + "'; their optimizer state cannot be saved apart");
                }
            }
        }
        return out;
    }

    /**
     * Continues from a {@link #state} saved for variables of the same names and shapes (a model
     * loaded from its file): the step count, every slot and the extra scalars. Everything is
     * checked before anything changes; a slot for a variable not in {@code variables} or of the
     * wrong size fails naming it.
     */
    public final void loadState(Map<String, Tensor> state, List<? extends Variable> variables) {
        Tensor it = state.get("iterations");
        if (it == null || it.size() != 1 || it.dtype() != DType.INT64) {
            throw new IllegalArgumentException(name + ".loadState: no int64 scalar 'iterations' in the saved state");
        }
        Map<String, Variable> byName = new HashMap<>();
        for (Variable v : variables) {
            byName.put(v.name(), v);
        }
        Map<Variable, Slots> restored = new IdentityHashMap<>();
        Map<String, Double> extra = new HashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("iterations")) {
                continue;
            }
            if (key.startsWith("extra/")) {
                extra.put(key.substring(6), e.getValue().toDoubleArray()[0]);
                continue;
            }
            int slash = key.lastIndexOf('/');
            Variable v = slash < 0 ? null : byName.get(key.substring(0, slash));
            if (v == null) {
                throw new IllegalArgumentException(name + ".loadState: saved state '" + key + "' belongs to no variable"
                        + " of the model (it has " + byName.keySet() + ")");
            }
            if (!e.getValue().shape().equals(v.shape())) {
                throw new IllegalArgumentException(name + ".loadState: saved state '" + key + "' has shape "
                        + e.getValue().shape() + ", variable '" + v.name() + "' has " + v.shape());
            }
            restored.computeIfAbsent(v, k -> new Slots(v.size())).arrays.put(key.substring(slash + 1),
                    e.getValue().toDoubleArray());
        }
        slots.clear();
        slots.putAll(restored);
        iterations = it.toLongArray()[0];
        restoreExtraState(extra);
    }

    // ---------------------------------------------------------------- settings

    public final String name() {
        return name;
    }

    /** The learning rate the next step will use. */
    public final double learningRate() {
        return schedule.rate(iterations);
    }

    /** Replaces the learning rate (and any schedule) with a constant. */
    public final void setLearningRate(double learningRate) {
        this.schedule = LearningRateSchedule.constant(learningRate);
    }

    public final void setLearningRate(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public final LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** How many steps have been applied. */
    public final long iterations() {
        return iterations;
    }

    /** Forgets every slot and the step count (a fresh optimizer with the same settings). */
    public final void reset() {
        slots.clear();
        iterations = 0;
    }

    /** Clips each gradient element to {@code [-value, value]} (Keras's {@code clipvalue}). */
    public Optimizer clipValue(double value) {
        checkClip("clipValue", value);
        this.clipValue = value;
        return this;
    }

    /** Rescales each gradient whose L2 norm exceeds {@code norm} to that norm (Keras's {@code clipnorm}). */
    public Optimizer clipNorm(double norm) {
        checkClip("clipNorm", norm);
        this.clipNorm = norm;
        return this;
    }

    /**
     * Rescales all gradients together when their joint L2 norm exceeds {@code norm} (Keras's
     * {@code global_clipnorm}, PyTorch's {@code clip_grad_norm_}).
     */
    public Optimizer globalClipNorm(double norm) {
        checkClip("globalClipNorm", norm);
        this.globalClipNorm = norm;
        return this;
    }

    /** Decoupled weight decay: {@code w -= w * decay * lr} before each update (Keras's {@code weight_decay}). */
    public Optimizer weightDecay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException(name + ": weightDecay must be a finite number >= 0, got " + decay);
        }
        this.weightDecay = decay;
        return this;
    }

    public final double weightDecay() {
        return weightDecay;
    }

    private void checkClip(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": " + what + " must be a finite number > 0, got " + value);
        }
        int set = (clipValue > 0 ? 1 : 0) + (clipNorm > 0 ? 1 : 0) + (globalClipNorm > 0 ? 1 : 0);
        boolean same = what.equals("clipValue") && clipValue > 0 || what.equals("clipNorm") && clipNorm > 0
                || what.equals("globalClipNorm") && globalClipNorm > 0;
        if (set > 0 && !same) {
            throw new IllegalStateException(name + ": only one of clipValue, clipNorm and globalClipNorm can be set");
        }
    }

    /** The optimizer's settings, Keras's {@code get_config}. */
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (schedule instanceof LearningRateSchedule.Constant c) {
            m.put("learning_rate", c.value());
        } else {
            m.put("learning_rate", schedule.name() == null ? "custom" : schedule.name());
        }
        if (weightDecay > 0) {
            m.put("weight_decay", weightDecay);
        }
        if (clipValue > 0) {
            m.put("clipvalue", clipValue);
        }
        if (clipNorm > 0) {
            m.put("clipnorm", clipNorm);
        }
        if (globalClipNorm > 0) {
            m.put("global_clipnorm", globalClipNorm);
        }
        return m;
    }

    /**
     * An optimizer by Keras name with Keras's default settings: sgd, adagrad, rmsprop, adam,
     * adamw, adamax, nadam.
     */
    public static Optimizer get(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new SGD();
            case "adagrad" -> new Adagrad();
            case "rmsprop" -> new RMSprop();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "adamax" -> new Adamax();
            case "nadam" -> new Nadam();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "'; known: sgd, adagrad, rmsprop, adam, adamw, adamax, nadam");
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config();
    }

    static void checkRange(String who, String what, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }
}
