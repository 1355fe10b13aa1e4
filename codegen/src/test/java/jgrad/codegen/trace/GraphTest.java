package jgrad.codegen.trace;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class GraphTest {
    private static Graph trace(jgrad.core.TensorFunction f, Tensor... args) {
        return Tracer.trace(f, args, false).graph();
    }

    @Test
    void tracesOfTheSameCodeAreTheSame() {
        Tensor x = Tensor.of(new float[] {1, 2});
        jgrad.core.TensorFunction f = xs -> new Tensor[] {xs[0].sum(new int[] {0}, true).add(2.0)};
        Graph a = trace(f, x);
        Graph b = trace(f, x);
        assertThat(a.sameAs(b)).isTrue();
        assertThat(a.firstDifference(b)).isNull();
    }

    @Test
    void randomConstantsMakeTracesDiffer() {
        Rng rng = new Rng(1);
        jgrad.core.TensorFunction f = xs -> new Tensor[] {xs[0].mul(Tensor.randomUniform(rng, 0, 1, 2))};
        Tensor x = Tensor.of(new float[] {1, 2});
        Graph a = trace(f, x);
        Graph b = trace(f, x);
        assertThat(a.sameAs(b)).isFalse();
        assertThat(a.firstDifference(b)).contains("differs").contains("dropout mask");
    }

    @Test
    void differentAttributesMakeTracesDiffer() {
        int[] axis = {0};
        jgrad.core.TensorFunction f = xs -> new Tensor[] {xs[0].sum(new int[] {axis[0]}, false)};
        Tensor x = Tensor.zeros(2, 3);
        Graph a = trace(f, x);
        axis[0] = 1;
        Graph b = trace(f, x);
        assertThat(a.sameAs(b)).isFalse();
        assertThat(a.firstDifference(b)).contains("sum");
    }

    @Test
    void consumersAndLiveness() {
        Tensor x = Tensor.of(new float[] {1, 2});
        Graph g = trace(xs -> {
            Tensor e = xs[0].exp();
            return new Tensor[] {e.mul(e), e.stopGradient()};
        }, x);
        int e = g.node(0).output();
        assertThat(g.consumers().get(e)).containsExactly(1); // mul(e, e) counts once
        assertThat(g.liveNodes()).containsOnly(true);
        assertThat(g.producer(e)).isSameAs(g.node(0));
        assertThat(g.producer(0)).isNull();
    }
}
