package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.ops.math.Add;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Expr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Declared elementwise ops fuse through their formulas, with no rule of their own. */
class DeclaredRuleTest {
    static final ElementwiseOp LOG_COSH = ElementwiseOp
            .unary("logcosh", x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
            .withDerivative(0, Expr.input(0).tanh());

    static ElementwiseOp swish(double beta) {
        return ElementwiseOp.unary("swish", x -> x.mul(x.mul(beta).sigmoid()));
    }

    @BeforeAll
    static void synchronous() {
        Kernels.setSynchronous(true);
    }

    @AfterAll
    static void asynchronous() {
        Kernels.setSynchronous(false);
    }

    @Test
    void declaredOpsAreElementwiseForTheFuser() {
        assertThat(FusionRules.isElementwise(LOG_COSH)).isTrue();
        assertThat(FusionRules.isElementwise(swish(2))).isTrue();
        FusionRules.unregister(ElementwiseOp.class);
        assertThat(FusionRules.isElementwise(LOG_COSH)).isTrue();
    }

    @Test
    void fusedForwardMatchesTheEagerKernelAndGradientsCheck() {
        for (ElementwiseOp op : new ElementwiseOp[] {LOG_COSH, swish(1.5)}) {
            FusedGroup.Builder b = FusedGroup.builder();
            int x = b.input();
            int y = b.input();
            b.node(new Exp(), b.node(op, b.node(new Add(), x, y)));
            FusedOp fused = new FusedOp(b.build());
            Rng rng = new Rng(11);
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Tensor x0 = Tensor.randomUniform(rng, dtype, -2, 2, 4, 37);
                Tensor x1 = Tensor.randomUniform(rng, dtype, -2, 2, 37);
                long before = Kernels.compilations();
                Tensor got = fused.apply(x0, x1);
                assertThat(Kernels.compilations()).as("one kernel compiled for %s", op.name()).isEqualTo(before + 1);
                Tensor want = op.apply(x0.add(x1)).exp();
                double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-13;
                assertThat(got.allClose(want, tol, tol)).as("%s %s", op.name(), dtype).isTrue();
            }
            assertThat(Kernels.all().getLast().source()).contains(op.name() + "(");

            List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 5),
                    Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 5));
            GradCheck.check(t -> fused.apply(t.get(0), t.get(1)), in).assertPassed();
            GradCheck.gradGradCheck(t -> fused.apply(t.get(0), t.get(1)), in).assertPassed();
        }
    }

    @Test
    void theDeclaredDerivativeIsWhatTheFusedBackwardComputes() {
        // A declared derivative that differs from the formula's (scaled by 2) shows up in the
        // fused gradient: the rule takes it from the declaration, not from differentiating.
        ElementwiseOp odd = ElementwiseOp.unary("odd", Expr::tanh).withDerivative(0,
                Expr.constant(2).mul(Expr.constant(1).sub(Expr.output().square())));
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        b.node(new Exp(), b.node(odd, x));
        FusedOp fused = new FusedOp(b.build());
        Tensor x0 = Tensor.of(new double[] {-0.5, 0.25, 1.5});
        Tensor g;
        try (jgrad.core.GradientTape tape = new jgrad.core.GradientTape()) {
            tape.watch(x0);
            g = tape.gradient(fused.apply(x0).sum(), x0);
        }
        double[] v = x0.toDoubleArray();
        double[] d = g.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            double t = Math.tanh(v[i]);
            assertThat(d[i]).isCloseTo(Math.exp(t) * 2 * (1 - t * t), org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
