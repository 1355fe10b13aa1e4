package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * softplus(x) = log(1 + exp(x)), computed as {@code max(x, 0) + log1p(exp(-|x|))} so that it
 * neither overflows for large x nor loses digits for very negative x. An op of its own because the
 * composite's gradient is wrong exactly at 0 (the kinks of max and |x| give 0 there, not 1/2); the
 * vjp here is the exact {@code g * sigmoid(x)}.
 */
public record Softplus() implements Op {
    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating("softplus", "x", x);
        return x.relu().add(x.abs().neg().exp().log1p());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {b.grad().mul(b.input(0).sigmoid())};
    }

    public static OpSpec spec() {
        return OpSpec.builder("softplus", in -> in.get(0).softplus())
                .domain(-6, 6)
                .shapes(new int[0])
                .shapes(new int[] {7})
                .shapes(new int[] {2, 3})
                .shapes(new int[] {0, 2})
                // Far tails and the point 0 itself, where the gradient must be exactly 1/2.
                .sample(OpSpec.fixed(Tensor.of(new double[] {-800, -30, 0, 30, 800})))
                .error("must be float32 or float64", Tensor.of(new long[] {1, 2}))
                .build();
    }
}
