package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.ops.math.Add;
import jgrad.ops.math.Cast;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Round;
import jgrad.ops.nn.Softplus;
import jgrad.ops.reduce.Max;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FusionRulesTest {
    /** A user's op: y = x^3, with its own vjp. */
    record Cube() implements Op {
        @Override
        public String name() {
            return "cube";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        public Tensor[] vjp(Backward b) {
            return new Tensor[] {b.grad().mul(b.input(0).square().mul(3))};
        }
    }

    /** The rule for Cube, as a user would write it (the example of Rule's Javadoc). */
    static final class CubeRule implements Rule<Cube> {
        @Override
        public int arity(Cube op) {
            return 1;
        }

        @Override
        public String scalar(Cube op, Lowering l, List<String> x) {
            return x.get(0) + " * " + x.get(0) + " * " + x.get(0);
        }

        @Override
        public String vector(Cube op, Lowering l, List<String> x) {
            return x.get(0) + ".mul(" + x.get(0) + ").mul(" + x.get(0) + ")";
        }

        @Override
        public Sym derivative(Cube op, int input, Sym g, List<Sym> x, Sym y) {
            return g.mul(x.get(0).square()).mul(Sym.constant(3));
        }
    }

    @BeforeAll
    static void register() {
        Kernels.setSynchronous(true);
        FusionRules.register(Cube.class, new CubeRule());
    }

    @AfterAll
    static void unregister() {
        FusionRules.unregister(Cube.class);
        Kernels.setSynchronous(false);
    }

    @Test
    void builtinElementwiseOpsHaveRules() {
        assertThat(FusionRules.isElementwise(new Add())).isTrue();
        assertThat(FusionRules.isElementwise(new Softplus())).isTrue();
        assertThat(FusionRules.isElementwise(new Cast(DType.FLOAT64))).isTrue();
        assertThat(FusionRules.isElementwise(new Cast(DType.INT64))).isFalse();
        assertThat(FusionRules.isElementwise(new Round())).isFalse();
        assertThat(FusionRules.isElementwise(new Sum(new int[0], false))).isFalse();
        assertThat(FusionRules.isElementwise(null)).isFalse();
    }

    @Test
    void sumIsAReductionEpilogue() {
        assertThat(FusionRules.isReductionEpilogue(new Sum(new int[] {-1}, true))).isTrue();
        assertThat(FusionRules.isReductionEpilogue(new Max(new int[] {-1}, true))).isFalse();
        assertThat(FusionRules.isReductionEpilogue(new Exp())).isFalse();
    }

    @Test
    void aUserRuleIsFusedForwardAndBackward() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int y = b.input();
        b.node(new Exp(), b.node(new Cube(), b.node(new Add(), x, y)));
        FusedOp op = new FusedOp(b.build());
        Rng rng = new Rng(5);
        Tensor x0 = Tensor.randomUniform(rng, -1, 1, 4, 33);
        Tensor x1 = Tensor.randomUniform(rng, -1, 1, 33);
        long before = Kernels.compilations();
        Tensor fused = op.apply(x0, x1);
        assertThat(Kernels.compilations()).isEqualTo(before + 1);
        assertThat(fused.allClose(new Cube().apply(x0.add(x1)).exp(), 1e-5, 1e-6)).isTrue();
        assertThat(Kernels.all().getLast().source()).contains("exp(cube(x0 + x1))").contains("t2.mul(t2).mul(t2)");

        List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 5),
                Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 5));
        GradCheck.check(t -> op.apply(t.get(0), t.get(1)), in).assertPassed();
        GradCheck.gradGradCheck(t -> op.apply(t.get(0), t.get(1)), in).assertPassed();
    }

    @Test
    void anOpWithoutARuleIsRejectedByName() {
        record Mystery() implements Op {
            @Override
            public String name() {
                return "mystery";
            }

            @Override
            public Tensor forward(Tensor... x) {
                return x[0];
            }

            @Override
            public Tensor[] vjp(Backward b) {
                return new Tensor[] {b.grad()};
            }
        }
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        assertThatThrownBy(() -> b.node(new Mystery(), x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op mystery").hasMessageContaining("has no fusion rule");
    }

    @Test
    void builtinRulesCannotBeUnregistered() {
        FusionRules.unregister(Add.class);
        assertThat(FusionRules.isElementwise(new Add())).isTrue();
        assertThat(FusionRules.isElementwise(new Cube())).isTrue();
    }
}
