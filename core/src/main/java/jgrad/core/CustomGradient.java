package jgrad.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * Gives a composite computation a gradient of your choosing (tf.custom_gradient): the forward
 * runs as one recorded op, and backward calls your rule instead of differentiating the ops inside.
 * Use it for numerical stability or to shortcut an expensive gradient. The rule must itself be
 * written with Tensor ops if the result is to be differentiated twice.
 *
 * <pre>{@code
 * // log(1 + e^x) whose naive gradient is NaN for large x
 * Tensor y = CustomGradient.apply("log1pexp",
 *         in -> in[0].exp().add(1).log(),
 *         b -> new Tensor[] {b.grad().mul(b.input(0).sigmoid())},
 *         x);
 * }</pre>
 */
public final class CustomGradient {
    private CustomGradient() {}

    /** Runs {@code forward} on the inputs as one op named {@code name} whose vjp is {@code gradient}. */
    public static Tensor apply(String name, Function<Tensor[], Tensor> forward, Function<Op.Backward, Tensor[]> gradient,
            Tensor... inputs) {
        return new Custom(Objects.requireNonNull(name, "name"), Objects.requireNonNull(forward, "forward"),
                Objects.requireNonNull(gradient, "gradient")).apply(inputs);
    }

    private record Custom(String name, Function<Tensor[], Tensor> forward, Function<Op.Backward, Tensor[]> gradient)
            implements Op {
        @Override
        public Tensor forward(Tensor... inputs) {
            return forward.apply(inputs);
        }

        @Override
        public Tensor[] vjp(Backward backward) {
            return gradient.apply(backward);
        }
    }
}
