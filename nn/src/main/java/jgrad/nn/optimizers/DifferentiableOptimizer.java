package jgrad.nn.optimizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Substitution;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * Optimizer steps written with tensor ops, so that the updated weights are functions of the old
 * weights and of everything the loss depended on, recorded on the open tapes (the
 * {@code higher} library's differentiable optimizers for PyTorch). An {@link Unroll} holds
 * "fast weights" for a list of Variables; {@link Unroll#step} takes the gradient of a loss at the
 * fast weights on an inner tape (create-graph semantics: its ops are recorded by the outer tapes)
 * and returns new fast weights; {@link Unroll#substitute()} runs a model on the fast weights. The
 * Unrolled GAN's generator loss is the discriminator's loss after k such steps:
 *
 * <pre>{@code
 * DifferentiableOptimizer.Unroll u = DifferentiableAdam.of(dOpt).start(disc.trainableWeights());
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor fake = gen.call(z, true);
 *     for (int k = 0; k < 5; k++) {
 *         u.step(() -> loss.discriminator(disc.call(real, true), disc.call(fake, true)));
 *     }
 *     Tensor gLoss;
 *     try (Scope _ = u.substitute()) {
 *         gLoss = loss.generator(disc.call(fake, true));
 *     }
 *     List<Tensor> g = tape.gradient(gLoss, gen.trainableWeights()); // through the 5 steps
 * }
 * }</pre>
 *
 * A step with the same settings and state gives the same numbers as the ordinary optimizer's
 * {@code apply} (up to rounding: that one runs in float64). A null gradient leaves its weight and
 * slots unchanged, as {@code apply} does.
 */
public abstract class DifferentiableOptimizer {
    private final String name;
    private final double learningRate;

    protected DifferentiableOptimizer(String name, double learningRate) {
        this.name = Objects.requireNonNull(name, "name");
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(name + ": learningRate must be a finite number >= 0, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    public final String name() {
        return name;
    }

    public final double learningRate() {
        return learningRate;
    }

    /**
     * One variable's update with tensor ops: returns the new weight and puts new slot tensors
     * into {@code slots}.
     *
     * @param w the current fast weight
     * @param g its gradient (a tensor the outer tapes may track)
     * @param slots this variable's slot tensors by name, read and replaced
     * @param step the 1-based number of this step, counting the ordinary optimizer's steps it started from
     */
    protected abstract Tensor update(Tensor w, Tensor g, Map<String, Tensor> slots, long step);

    /** The initial slots of {@code v}: the ordinary optimizer's state if this one was made from one, else none. */
    protected Map<String, Tensor> initialSlots(Variable v) {
        return new HashMap<>();
    }

    /** The number of steps already taken by the ordinary optimizer this one continues (0 if none). */
    protected long initialStep() {
        return 0;
    }

    /** Starts unrolling at the variables' current values. */
    public Unroll start(List<? extends Variable> variables) {
        return startAt(variables, new ArrayList<>(variables));
    }

    /**
     * Starts unrolling at {@code initial} weights (tensors of the variables' shapes, e.g. inputs of
     * a gradient check), read in place of {@code variables} by {@link Unroll#substitute()}.
     */
    public Unroll startAt(List<? extends Variable> variables, List<? extends Tensor> initial) {
        Objects.requireNonNull(variables, name + ".start: variables is null");
        Objects.requireNonNull(initial, name + ".start: initial is null");
        if (variables.size() != initial.size()) {
            throw new IllegalArgumentException(name + ".start: " + initial.size() + " initial weights for "
                    + variables.size() + " variables");
        }
        if (variables.isEmpty()) {
            throw new IllegalArgumentException(name + ".start: no variables to unroll");
        }
        List<Map<String, Tensor>> slots = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable v = Objects.requireNonNull(variables.get(i), name + ".start: variable " + i + " is null");
            Tensor t = Objects.requireNonNull(initial.get(i), name + ".start: initial weight " + i + " is null");
            if (!t.shape().equals(v.shape()) || t.dtype() != v.dtype()) {
                throw new IllegalArgumentException(name + ".start: the initial weight of '" + v.name() + "' is "
                        + t.dtype() + " " + t.shape() + ", the variable is " + v.dtype() + " " + v.shape());
            }
            slots.add(initialSlots(v));
        }
        return new Unroll(List.copyOf(variables), new ArrayList<>(initial), slots, initialStep());
    }

    /** Fast weights and their optimizer state after some differentiable steps. */
    public final class Unroll {
        private final List<Variable> variables;
        private final List<Tensor> weights;
        private final List<Map<String, Tensor>> slots;
        private long step;

        private Unroll(List<Variable> variables, List<Tensor> weights, List<Map<String, Tensor>> slots, long step) {
            this.variables = variables;
            this.weights = weights;
            this.slots = slots;
            this.step = step;
        }

        /** The current fast weights, in the order of the variables. */
        public List<Tensor> weights() {
            return List.copyOf(weights);
        }

        public List<Variable> variables() {
            return variables;
        }

        /** How many steps this unroll has taken. */
        public long steps() {
            return step - initialStep();
        }

        /** A scope in which ops read each variable as its current fast weight. */
        public Scope substitute() {
            Map<Variable, Tensor> m = new IdentityHashMap<>();
            for (int i = 0; i < variables.size(); i++) {
                m.put(variables.get(i), weights.get(i));
            }
            return Substitution.of(m);
        }

        /**
         * One step on {@code loss}, evaluated with the fast weights substituted; its gradient is
         * taken on an inner tape while the caller's tapes record, so the new weights are
         * differentiable with respect to whatever the loss and the old weights depend on.
         * Returns the loss.
         */
        public Tensor step(Supplier<Tensor> loss) {
            Objects.requireNonNull(loss, name + ".step: loss is null");
            Tensor value;
            List<Tensor> grads;
            try (Scope _ = substitute(); GradientTape inner = new GradientTape()) {
                for (Tensor w : weights) {
                    inner.watch(w);
                }
                value = loss.get();
                grads = inner.gradient(value, weights);
            }
            step(grads);
            return value;
        }

        /** One step from given gradients (null: that weight stays). */
        public List<Tensor> step(List<? extends Tensor> gradients) {
            Objects.requireNonNull(gradients, name + ".step: gradients is null");
            if (gradients.size() != weights.size()) {
                throw new IllegalArgumentException(name + ".step: " + gradients.size() + " gradients for "
                        + weights.size() + " weights");
            }
            boolean any = false;
            long t = step + 1;
            for (int i = 0; i < weights.size(); i++) {
                Tensor g = gradients.get(i);
                if (g == null) {
                    continue;
                }
                Tensor w = weights.get(i);
                if (!g.shape().equals(w.shape())) {
                    throw new IllegalArgumentException(name + ".step: the gradient of '" + variables.get(i).name()
                            + "' has shape " + g.shape() + ", the weight has " + w.shape());
                }
                if (g.dtype() != w.dtype()) {
                    g = g.cast(w.dtype());
                }
                weights.set(i, update(w, g, slots.get(i), t));
                any = true;
            }
            if (!any) {
                throw new IllegalArgumentException(name + ".step: no gradient for any weight (does the loss use"
                        + " the unrolled variables?)");
            }
            step = t;
            return weights();
        }
    }

    /** A float tensor of {@code v}'s shape from a slot array of the ordinary optimizer, or null. */
    static Tensor slotTensor(Optimizer opt, Variable v, String slotName) {
        double[] a = opt.slotCopy(v, slotName);
        if (a == null) {
            return null;
        }
        Tensor t = Tensor.fromFlat(a, v.shape().dims());
        return v.dtype() == DType.FLOAT64 ? t : t.cast(v.dtype());
    }
}
