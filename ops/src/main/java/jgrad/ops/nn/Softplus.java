package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Expr;

/**
 * softplus(x) = log(1 + exp(x)), computed as {@code max(x, 0) + log1p(exp(-|x|))} so that it
 * neither overflows for large x nor loses digits for very negative x. An op of its own because the
 * composite's gradient is wrong exactly at 0 (the kinks of max and |x| give 0 there, not 1/2); the
 * derivative declared here is the exact {@code sigmoid(x)}.
 *
 * <p>Declared once ({@link #DECLARATION}): its eager kernel (one pass, each step in L1 instead of
 * five passes over memory), its gradient and the code generator's fused code all come from the
 * formula; this record gives the op its own class and error message.
 */
public record Softplus() implements Op {
    /** The formula and its derivative: everything softplus computes follows from these two lines. */
    public static final ElementwiseOp DECLARATION = ElementwiseOp
            .unary("softplus", x -> x.relu().add(x.abs().neg().exp().log1p()))
            .withDerivative(0, Expr.input(0).sigmoid());

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        NeuralChecks.requireFloating("softplus", "x", inputs[0]);
        return DECLARATION.forward(inputs);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return DECLARATION.vjp(b);
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
