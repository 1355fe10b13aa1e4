package jgrad.codegen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.codegen.trace.Graph;
import jgrad.codegen.trace.Tracer;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final jgrad.core.TensorFunction F =
            xs -> new Tensor[] {xs[0].mul(xs[1]).add(1.0).log(), xs[0].matmul(xs[1].reshape(3, 1))};

    @Test
    void runReplaysOnNewArgumentsFusedAndUnfused() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(new double[] {0.5, 1, 2});
        Graph g = Tracer.trace(F, new Tensor[] {a, b}, false).graph();
        Tensor a2 = a.mul(3.0);
        Tensor[] want = F.apply(a2, b);
        for (boolean fuse : new boolean[] {true, false}) {
            Tensor[] got = Planner.plan(g, fuse).run(a2, b);
            assertThat(got[0].allClose(want[0], 1e-12, 1e-12)).isTrue();
            assertThat(got[1].allClose(want[1], 1e-12, 1e-12)).isTrue();
        }
    }

    @Test
    void aFusedGroupIsOneOpOnTheCallersTape() {
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {0.5, 1, 2});
        Plan p = Planner.plan(Tracer.trace(xs -> new Tensor[] {xs[0].mul(xs[1]).add(1.0).log()},
                new Tensor[] {a, b}, false).graph(), true);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a);
            Tensor y = p.run(a, b)[0];
            assertThat(tape.operations()).singleElement().satisfies(r -> assertThat(r.op().name())
                    .isEqualTo("fused[mul,add,log]"));
            double[] g = tape.gradient(y.sum(), a).toDoubleArray();
            assertThat(g[0]).isCloseTo(0.5 / 1.5, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void runChecksTheArgumentCount() {
        Plan p = Planner.plan(Tracer.trace(xs -> new Tensor[] {xs[0].exp()}, new Tensor[] {Tensor.zeros(1)}, false)
                .graph(), true);
        assertThatThrownBy(() -> p.run()).hasMessageContaining("takes 1 arguments, got 0");
    }
}
