package jgrad.codegen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.codegen.trace.Graph;
import jgrad.codegen.trace.Tracer;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.ops.kernels.Epilogue.Activation;
import org.junit.jupiter.api.Test;

/** The grouping rules, checked on the plans of traced functions. */
class PlannerTest {
    private static final Rng RNG = new Rng(21);

    private static Plan plan(TensorFunction f, Tensor... args) {
        Graph g = Tracer.trace(f, args, false).graph();
        return Planner.plan(g, true);
    }

    private static Tensor r(int... shape) {
        return Tensor.randomNormal(RNG, 0, 1, shape);
    }

    private static List<String> kinds(Plan p) {
        return p.steps().stream().map(Step::kind).toList();
    }

    @Test
    void aChainBecomesOneGroup() {
        Plan p = plan(xs -> new Tensor[] {xs[0].mul(xs[1]).add(xs[2]).exp().tanh()}, r(3, 4), r(4), r(3, 1));
        assertThat(kinds(p)).containsExactly("fused");
        assertThat(p.fusedOps().get(0).name()).isEqualTo("fused[mul,add,exp,tanh]");
        assertThat(p.steps().get(0).args()).hasSize(3);
        assertThat(p.toString()).contains("1 fused group").contains("mul, add, exp, tanh");
    }

    @Test
    void aValueUsedTwiceInsideOneGroupStaysInside() {
        Plan p = plan(xs -> {
            Tensor e = xs[0].exp();
            return new Tensor[] {e.mul(e).add(e)};
        }, r(5));
        assertThat(kinds(p)).containsExactly("fused");
        assertThat(p.steps().get(0).nodes()).hasSize(3);
    }

    @Test
    void anIntermediateUsedOutsideEndsItsGroup() {
        // h feeds a chain and a matmul: it is stored, and both groups read it.
        Plan p = plan(xs -> {
            Tensor h = xs[0].mul(2.0).sigmoid();
            return new Tensor[] {h.matmul(xs[1]).add(h.sum()).neg()};
        }, r(3, 3), r(3, 3));
        assertThat(kinds(p)).containsExactly("fused", "op", "op", "fused");
        Step first = p.steps().get(0);
        assertThat(p.graph().node(first.nodes().get(first.nodes().size() - 1)).op().name()).isEqualTo("sigmoid");
    }

    @Test
    void returnedIntermediatesAreGroupOutputs() {
        Plan p = plan(xs -> {
            Tensor a = xs[0].exp().add(1.0);
            return new Tensor[] {a, a.log().neg()};
        }, r(4));
        assertThat(kinds(p)).containsExactly("fused", "fused");
    }

    @Test
    void aReductionEndsAChainAsItsEpilogue() {
        Plan p = plan(xs -> new Tensor[] {xs[0].sub(xs[1]).square().sum(new int[] {1}, false)}, r(4, 6), r(4, 6));
        assertThat(kinds(p)).containsExactly("fused");
        assertThat(p.fusedOps().get(0).name()).isEqualTo("fused[sub,square,sum]");
    }

    @Test
    void reductionsDoNotJoinLaterChains() {
        Plan p = plan(xs -> new Tensor[] {xs[0].exp().sum().mul(3.0).log()}, r(8));
        assertThat(kinds(p)).containsExactly("fused", "fused");
        assertThat(p.fusedOps()).extracting(o -> o.name()).containsExactly("fused[exp,sum]", "fused[mul,log]");
    }

    @Test
    void singleOpsAndUnfusableOpsRunAsThemselves() {
        Plan p = plan(xs -> new Tensor[] {xs[0].exp().softmax(-1).transpose().relu()}, r(2, 3));
        assertThat(kinds(p)).containsExactly("op", "op", "op", "op");
        assertThat(p.fusedOps()).isEmpty();
    }

    @Test
    void integerChainsAndMixedDtypesAreNotFused() {
        Tensor i = Tensor.of(new long[] {1, 2, 3});
        Plan ints = plan(xs -> new Tensor[] {xs[0].add(xs[0]).mul(xs[0])}, i);
        assertThat(ints.fusedOps()).isEmpty();
        Plan mixed = plan(xs -> new Tensor[] {xs[0].mul(xs[1].cast(DType.FLOAT32)).exp()}, r(3),
                Tensor.randomNormal(RNG, DType.FLOAT64, 0, 1, 3));
        assertThat(mixed.fusedOps()).allSatisfy(o -> assertThat(o.name()).doesNotContain("cast"));
    }

    @Test
    void denseRewriteWithEachActivation() {
        Tensor x = r(4, 5);
        Tensor w = r(5, 3);
        Tensor b = r(3);
        for (String act : List.of("relu", "sigmoid", "tanh")) {
            Plan p = plan(xs -> {
                Tensor z = xs[0].matmul(xs[1]).add(xs[2]);
                return new Tensor[] {act.equals("relu") ? z.relu() : act.equals("sigmoid") ? z.sigmoid() : z.tanh()};
            }, x, w, b);
            assertThat(kinds(p)).containsExactly("dense");
            assertThat(((Step.Dense) p.steps().get(0)).op().activation().methodName()).isEqualTo(act);
        }
        Plan linear = plan(xs -> new Tensor[] {xs[2].add(xs[0].matmul(xs[1])).exp()}, x, w, b);
        assertThat(kinds(linear)).containsExactly("dense", "op");
        assertThat(((Step.Dense) linear.steps().get(0)).op().activation()).isEqualTo(Activation.LINEAR);
    }

    @Test
    void noDenseRewriteWhenTheProductIsUsedElsewhereOrTheBiasIsNotAVector() {
        Tensor x = r(4, 5);
        Tensor w = r(5, 3);
        Plan shared = plan(xs -> {
            Tensor z = xs[0].matmul(xs[1]);
            return new Tensor[] {z.add(xs[2]).relu(), z};
        }, x, w, r(3));
        assertThat(shared.denseRewrites()).isZero();
        Plan matrixBias = plan(xs -> new Tensor[] {xs[0].matmul(xs[1]).add(xs[2]).relu()}, x, w, r(4, 3));
        assertThat(matrixBias.denseRewrites()).isZero();
        Plan transposed = plan(xs -> new Tensor[] {xs[0].matmul(xs[1], false, true).add(xs[2]).relu()}, x, r(3, 5),
                r(3));
        assertThat(transposed.denseRewrites()).isZero();
    }

    @Test
    void withFusionOffEveryOpIsAStep() {
        Graph g = Tracer.trace(xs -> new Tensor[] {xs[0].matmul(xs[1]).add(xs[2]).relu().exp().sum()},
                new Tensor[] {r(2, 3), r(3, 4), r(4)}, false).graph();
        Plan off = Planner.plan(g, false);
        assertThat(kinds(off)).containsExactly("op", "op", "op", "op", "op");
        assertThat(off.toString()).contains("fusion off");
    }

    @Test
    void stopGradientOfAnIntermediateKeepsItMaterialized() {
        Plan p = plan(xs -> {
            Tensor e = xs[0].exp().mul(2.0);
            return new Tensor[] {xs[0].mul(e.stopGradient()).add(1.0)};
        }, r(3));
        assertThat(kinds(p)).containsExactly("fused", "detach", "fused");
    }
}
