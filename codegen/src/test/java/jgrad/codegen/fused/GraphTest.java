package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.ops.math.Add;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Tanh;
import org.junit.jupiter.api.Test;

class GraphTest {
    @Test
    void equalNodesAreShared() {
        Graph g = new Graph();
        int x = g.input(0, false);
        int a = g.apply(new Exp(), x);
        assertThat(g.apply(new Exp(), x)).isEqualTo(a);
        assertThat(g.constant(2)).isEqualTo(g.constant(2.0));
        assertThat(g.apply(new Mul(), a, g.constant(2))).isNotEqualTo(g.apply(new Mul(), g.constant(2), a));
    }

    @Test
    void backwardRecomputesTheForwardValuesItNeeds() {
        // y = tanh(x0 * x1): dy/dx0 = g (1 - y^2) x1 needs y, which the backward graph shares.
        FusedGroup.Builder b = FusedGroup.builder();
        int x0 = b.input();
        int x1 = b.input();
        b.node(new Tanh(), b.node(new Mul(), x0, x1));
        Graph g = Graph.backward(b.build(), new int[] {0, 1});
        assertThat(g.outputs()).hasSize(2);
        long tanhNodes = g.nodes().stream().filter(n -> n.op() instanceof Tanh).count();
        assertThat(tanhNodes).isEqualTo(1);
        // Input 2 is the output gradient.
        assertThat(g.nodes()).anySatisfy(n -> assertThat(n.kind() == Graph.Kind.INPUT && n.index() == 2).isTrue());
    }

    @Test
    void anInputUsedTwiceGetsTheSumOfBothContributions() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        b.node(new Add(), x, x);
        Graph g = Graph.backward(b.build(), new int[] {0});
        Graph.Node out = g.node(g.outputs().get(0));
        assertThat(out.op()).isInstanceOf(Add.class);
        assertThat(out.args()[0]).isEqualTo(out.args()[1]);   // g + g
        boolean[] live = g.live();
        assertThat(live[g.outputs().get(0)]).isTrue();
    }
}
