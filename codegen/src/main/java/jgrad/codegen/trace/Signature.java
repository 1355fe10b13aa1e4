package jgrad.codegen.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * What a trace is specialised to (the cache key of a compiled function): for each argument its
 * shape, dtype, whether it is a Variable, and whether it is the same tensor as an earlier argument
 * ({@code f(x, x)} traces differently from {@code f(x, y)}). Values do not matter; shapes do, as
 * in {@code tf.function} and {@code jax.jit}.
 */
public record Signature(List<Arg> args) {
    /** One argument: {@code aliasOf} is the index of an earlier identical argument, or -1. */
    public record Arg(Shape shape, DType dtype, boolean variable, int aliasOf) {
        @Override
        public String toString() {
            return (variable ? "Variable " : "") + dtype.toString().toLowerCase(java.util.Locale.ROOT) + shape
                    + (aliasOf >= 0 ? " (same as argument " + aliasOf + ")" : "");
        }
    }

    public Signature {
        args = List.copyOf(args);
    }

    /** The signature of a call with these arguments; a null argument fails naming its index. */
    public static Signature of(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<Arg> args = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null) {
                throw new NullPointerException("compiled function: argument " + i + " is null");
            }
            int alias = -1;
            for (int j = 0; j < i; j++) {
                if (inputs[j] == t) {
                    alias = j;
                    break;
                }
            }
            args.add(new Arg(t.shape(), t.dtype(), t instanceof Variable, alias));
        }
        return new Signature(args);
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
