package jgrad.core;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A Java function over tensors, the unit {@link Jit#compile} captures and compiles (the argument
 * of {@code tf.function} or {@code jax.jit}): tensors in, one or several tensors out.
 *
 * <pre>{@code
 * TensorFunction gelu = TensorFunction.of(x -> x.mul(0.5).mul(x.mul(0.7071).erf().add(1)));
 * Tensor y = Jit.compile(gelu).call(x);
 * }</pre>
 */
@FunctionalInterface
public interface TensorFunction {
    /** Computes the outputs for these inputs. */
    Tensor[] apply(Tensor... inputs);

    /** Runs the function and returns its only output; fails if it has several. */
    default Tensor call(Tensor... inputs) {
        Tensor[] out = apply(inputs);
        if (out == null || out.length != 1) {
            throw new IllegalStateException("TensorFunction.call: the function returned "
                    + (out == null ? "null" : out.length + " outputs") + "; use apply for several outputs");
        }
        return out[0];
    }

    /** A one-input, one-output function. */
    static TensorFunction of(UnaryOperator<Tensor> f) {
        Objects.requireNonNull(f, "f");
        return new TensorFunction() {
            @Override
            public Tensor[] apply(Tensor... in) {
                requireCount(in, 1);
                return new Tensor[] {f.apply(in[0])};
            }

            @Override
            public String toString() {
                return "TensorFunction(" + f + ")";
            }
        };
    }

    /** A two-input, one-output function. */
    static TensorFunction of(BinaryOperator<Tensor> f) {
        Objects.requireNonNull(f, "f");
        return new TensorFunction() {
            @Override
            public Tensor[] apply(Tensor... in) {
                requireCount(in, 2);
                return new Tensor[] {f.apply(in[0], in[1])};
            }

            @Override
            public String toString() {
                return "TensorFunction(" + f + ")";
            }
        };
    }

    private static void requireCount(Tensor[] in, int n) {
        if (in == null || in.length != n) {
            throw new IllegalArgumentException("TensorFunction: takes " + n + " input" + (n == 1 ? "" : "s") + ", got "
                    + (in == null ? "null" : in.length));
        }
    }
}
