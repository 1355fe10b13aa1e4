package jgrad.core;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs code with some {@link Variable}s read as other tensors (PyTorch's
 * {@code torch.func.functional_call}, the "fast weights" of the {@code higher} library): while
 * the scope is open, every op on this thread that gets one of the variables as an input gets its
 * replacement instead, and a tape records the op on the replacement. So a model built from
 * Variables can be run on weights that are themselves results of recorded ops, e.g. weights after
 * k differentiable optimizer steps, and gradients flow back through them (the Unrolled GAN,
 * MAML).
 *
 * <pre>{@code
 * Map<Variable, Tensor> fast = Map.of(dense.kernel(), dense.kernel().sub(g.mul(0.1)));
 * try (Scope _ = Substitution.of(fast)) {
 *     Tensor y = model.call(x); // uses kernel - 0.1 g
 * }
 * }</pre>
 *
 * Scopes nest: an inner scope adds to (and may override) the outer one's map until it closes.
 * Only reads through ops are replaced; {@code assign} and reading a Variable's storage directly
 * still see the Variable. A gradient computed inside a scope is the same as outside it: the
 * backward pass runs with the substitutions lifted (see {@link #suspended()}).
 */
public final class Substitution {
    private Substitution() {}

    /**
     * Opens a scope in which each key is read as its value; a value must have its variable's
     * shape and dtype.
     */
    public static Scope of(Map<? extends Variable, ? extends Tensor> replacements) {
        Objects.requireNonNull(replacements, "replacements");
        IdentityHashMap<Variable, Tensor> map = new IdentityHashMap<>();
        for (Map.Entry<? extends Variable, ? extends Tensor> e : replacements.entrySet()) {
            Variable v = Objects.requireNonNull(e.getKey(), "Substitution.of: a variable is null");
            Tensor t = e.getValue();
            if (t == null) {
                throw new NullPointerException("Substitution.of: the replacement of '" + v.name() + "' is null");
            }
            if (!t.shape().equals(v.shape()) || t.dtype() != v.dtype()) {
                throw new IllegalArgumentException("Substitution.of: the replacement of '" + v.name() + "' is "
                        + t.dtype() + " " + t.shape() + ", the variable is " + v.dtype() + " " + v.shape());
            }
            if (t == v) {
                continue;
            }
            map.put(v, t);
        }
        Engine.ThreadState st = Engine.STATE.get();
        IdentityHashMap<Variable, Tensor> previous = st.substitutions;
        if (previous != null) {
            IdentityHashMap<Variable, Tensor> merged = new IdentityHashMap<>(previous);
            merged.putAll(map);
            map = merged;
        }
        st.substitutions = map.isEmpty() ? previous : map;
        return new Scope(() -> st.substitutions = previous);
    }

    /**
     * Lifts this thread's substitutions until the scope closes. A backward pass runs under it:
     * its ops read the tensors the forward ops recorded (already the replacements where a scope
     * was open then), and an op recorded outside any scope keeps reading its variable even when
     * the gradient is asked for inside one.
     */
    static Scope suspended() {
        Engine.ThreadState st = Engine.STATE.get();
        IdentityHashMap<Variable, Tensor> previous = st.substitutions;
        st.substitutions = null;
        return new Scope(() -> st.substitutions = previous);
    }

    /** The inputs with substituted variables replaced; the same array when none is. */
    static Tensor[] replace(IdentityHashMap<Variable, Tensor> map, Tensor[] inputs) {
        Tensor[] out = inputs;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] instanceof Variable v) {
                Tensor t = map.get(v);
                if (t != null) {
                    if (out == inputs) {
                        out = inputs.clone();
                    }
                    out[i] = t;
                }
            }
        }
        return out;
    }
}
