package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jgrad.core.CustomGradient;
import jgrad.core.GradientTape;
import jgrad.core.RecordedOp;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.OpRegistry;
import jgrad.ops.math.Round;
import jgrad.ops.reduce.MatMul;
import org.junit.jupiter.api.Test;

class DerivativeRulesTest {
    @Test
    void summariesReadAsTheChainRule() {
        assertThat(DerivativeRules.of("mul", 2).summary()).isEqualTo("mul: dL/dx = g * y, dL/dy = g * x");
        assertThat(DerivativeRules.of("matmul", 2).summary()).isEqualTo("matmul: dL/dx = g @ y^T, dL/dy = x^T @ g");
        assertThat(DerivativeRules.of("sigmoid", 1).summary()).isEqualTo("sigmoid: dL/dx = g * z * (1 - z)");
        assertThat(DerivativeRules.of("where", 3).summary())
                .isEqualTo("where: dL/dx = g where c, else 0, dL/dy = g where not c, else 0");
        assertThat(DerivativeRules.of("concat", 3).summary()).isEqualTo("concat: dL/dx0 = the part of g that x0 filled,"
                + " dL/dx1 = the part of g that x1 filled, dL/dx2 = the part of g that x2 filled");
        assertThat(DerivativeRules.of("argmax", 1).summary()).isEqualTo("argmax: not differentiable (no gradient flows"
                + " through it)");
        assertThat(DerivativeRules.of("gather", 2).formula(1)).isNull();
        assertThat(DerivativeRules.of("dense", 3).summary()).isEqualTo("dense: dL/dx = (g * act'(z)) @ w^T,"
                + " dL/dw = x^T @ (g * act'(z)), dL/db = g * act'(z) summed over the rows");
        assertThat(DerivativeRules.of("sparseSoftmaxCrossEntropy", 2).summary())
                .isEqualTo("sparseSoftmaxCrossEntropy: dL/dx = g * (softmax(x) - onehot(labels))");
    }

    @Test
    void theFusedAttentionSaysWhereTheSoftmaxGradientGoes() {
        Tensor q = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(q);
            jgrad.ops.nn.ScaledDotProductAttention.scaledDotProductAttention(q, q, q, null, true);
            RecordedOp op = tape.operations().getFirst();
            DerivativeRules.Rule r = DerivativeRules.of(op.op(), op.inputs().size());
            assertThat(r.symbols()).containsExactly("q", "k", "v");
            assertThat(r.summary()).startsWith("scaled_dot_product_attention: dL/dq = s * dS @ k, with P = softmax(s"
                    + " * q @ k^T), dS = P * (g @ v^T - D), D = rowsum(g * z) (the softmax's gradient)");
            assertThat(r.summary()).contains("dL/dv = P^T @ g");
        }
        assertThat(DerivativeRules.of("scaled_dot_product_attention", 4).formula(3)).isNull();
        assertThat(DerivativeRules.of("scaled_dot_product_attention_grad", 6).symbols())
                .containsExactly("q", "k", "v", "o", "do", "lse");
    }

    @Test
    void aDeclaredOpsRuleIsItsDerivativeFormula() {
        jgrad.ops.math.ElementwiseOp logCosh = jgrad.ops.math.ElementwiseOp
                .unary("logcosh", x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
                .withDerivative(0, jgrad.ops.math.Expr.input(0).tanh());
        assertThat(DerivativeRules.of(logCosh, 1).summary()).isEqualTo("logcosh: dL/dx = g * tanh(x)");
        assertThat(DerivativeRules.of(logCosh, 1).formula(0, r -> r.symbol().equals("g") ? "0.5" : "2"))
                .isEqualTo("0.5 * tanh(2)");
        // Derived from the formula when not declared; the output's value is z.
        jgrad.ops.math.ElementwiseOp scaled = jgrad.ops.math.ElementwiseOp.binary("scaledexp",
                (x, y) -> x.exp().mul(y)).withDerivative(0, jgrad.ops.math.Expr.output());
        assertThat(DerivativeRules.of(scaled, 2).summary())
                .isEqualTo("scaledexp: dL/dx = g * z, dL/dy = g * exp(x)");
    }

    @Test
    void transposedMatmulsGetTheirOwnRule() {
        assertThat(DerivativeRules.of(new MatMul(true, false), 2).summary())
                .isEqualTo("matmul: dL/dx = y @ g^T, dL/dy = x @ g");
        assertThat(DerivativeRules.of(new MatMul(false, true), 2).summary())
                .isEqualTo("matmul: dL/dx = g @ y, dL/dy = g^T @ x");
        assertThat(DerivativeRules.of(new MatMul(true, true), 2).summary())
                .isEqualTo("matmul: dL/dx = y^T @ g^T, dL/dy = g^T @ x^T");
        assertThat(DerivativeRules.of(new MatMul(false, false), 2).summary())
                .isEqualTo("matmul: dL/dx = g @ y^T, dL/dy = x^T @ g");
        assertThat(DerivativeRules.of(new Round(), 1).differentiable()).isFalse();
    }

    @Test
    void formulasRenderWithNamesOrNumbers() {
        DerivativeRules.Rule r = DerivativeRules.of("matmul", 2);
        assertThat(r.formula(1, ref -> "<" + ref.symbol() + (ref.transposed() ? "'" : "") + ">")).isEqualTo("<x'> @ <g>");
        DerivativeRules.Rule sum = DerivativeRules.of("sum", 1);
        assertThat(sum.summary()).isEqualTo("sum: dL/dx = g broadcast back to x's shape");
        assertThat(sum.formula(0, ref -> ref.shape() ? "[2, 3]" : ref.symbol())).isEqualTo("g broadcast back to [2, 3]");
        assertThat(r.symbol(0)).isEqualTo("x");
    }

    @Test
    void opsWithoutTextGetAGenericRule() {
        assertThat(DerivativeRules.of("fancy", 2).summary()).isEqualTo("fancy: dL/dx = vjp_0(g), the rule op 'fancy'"
                + " implements, dL/dy = vjp_1(g), the rule op 'fancy' implements");
        assertThat(DerivativeRules.known("fancy", 2)).isFalse();
        assertThat(DerivativeRules.known("mul", 2)).isTrue();
        Tensor x = Tensor.of(1.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            CustomGradient.apply("log1pexp", in -> in[0].exp().add(1).log(),
                    b -> new Tensor[] {b.grad().mul(b.input(0).sigmoid())}, x);
            RecordedOp op = tape.operations().getFirst();
            assertThat(DerivativeRules.of(op.op(), 1).summary()).startsWith("log1pexp: dL/dx = vjp_0(g)");
        }
        assertThatThrownBy(() -> DerivativeRules.of("mul", -1)).hasMessageContaining("inputCount must be >= 0");
        assertThatThrownBy(() -> new DerivativeRules.Rule("x", List.of("a"), List.of(), true))
                .hasMessageContaining("1 symbols but 0 formulas");
    }

    /** The ops of the registry when the rule texts were written; a newer op may use the generic text. */
    private static final List<String> DESCRIBED = List.of("abs", "add", "argmax", "argmin", "avgPool1d", "avgPool2d",
            "avgPool3d", "avgPoolGrad", "cast", "clip", "col2im", "concat", "contiguous", "conv1d", "conv2d", "conv3d",
            "cos", "dense", "div", "equal", "erf", "exp", "expand", "gather", "greater", "greaterEqual", "im2col",
            "less", "lessEqual", "log", "log1p", "logSoftmax", "matmul", "max", "maxPool1d", "maxPool2d", "maxPool3d",
            "maximum", "min", "minimum", "mul", "neg", "notEqual", "oneHot", "pad", "permute", "pow", "prod", "relu",
            "reshape", "round", "rsqrt", "scaled_dot_product_attention", "scaled_dot_product_attention_grad",
            "scatter_add", "sigmoid", "sign", "sin", "slice", "slice_grad", "softmax", "softmaxCrossEntropy",
            "softmaxCrossEntropyGrad", "softplus", "sparseSoftmaxCrossEntropy", "sparseSoftmaxCrossEntropyGrad",
            "sqrt", "square", "squeeze", "sub", "sum", "tanh", "unsqueeze", "where");

    @Test
    void everyOpInTheRegistryIsDescribed() {
        Set<String> missing = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (OpSpec spec : OpRegistry.all()) {
            List<Tensor> inputs = OpSamples.inputs(spec, 5);
            try (GradientTape tape = GradientTape.persistent()) {
                for (Tensor t : inputs) {
                    if (t.dtype().isFloating()) {
                        tape.watch(t);
                    }
                }
                try {
                    spec.function().apply(inputs);
                } catch (RuntimeException e) {
                    continue; // a sample meant for an error case; the op still appears in other specs
                }
                for (RecordedOp op : tape.operations()) {
                    String name = op.op().name();
                    seen.add(name);
                    // Every op gets a summary, its own or the generic one ...
                    assertThat(DerivativeRules.of(op.op(), op.inputs().size()).summary()).startsWith(name + ": ");
                    // ... and the ones there were when the texts were written have their own.
                    if (DESCRIBED.contains(name) && !DerivativeRules.known(name, op.inputs().size())) {
                        missing.add(name + "/" + op.inputs().size());
                    }
                }
            }
        }
        assertThat(seen).hasSizeGreaterThan(40);
        assertThat(missing).isEmpty();
        for (String name : DESCRIBED) {
            boolean any = false;
            for (int n = 1; n <= 7; n++) {
                any |= DerivativeRules.known(name, n);
            }
            assertThat(any).as(name).isTrue();
        }
    }
}
