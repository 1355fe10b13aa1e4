package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.NotDifferentiableException;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.OpSpec;
import jgrad.ops.OpRegistry;
import jgrad.ops.math.Add;
import org.junit.jupiter.api.Test;

class BackwardPassTest {
    @Test
    void everyRegisteredOpGivesTheTapesGradients() {
        int checked = 0;
        for (OpSpec spec : OpRegistry.all()) {
            if (!spec.differentiable()) {
                continue;
            }
            List<Tensor> inputs = OpSamples.inputs(spec, 3);
            List<Tensor> floating = new ArrayList<>();
            for (Tensor t : inputs) {
                if (t.dtype().isFloating()) {
                    floating.add(t);
                }
            }
            try (GradientTape tape = GradientTape.persistent()) {
                tape.watch(floating.toArray(new Tensor[0]));
                Tensor out = spec.function().apply(inputs);
                if (tape.operations().isEmpty() || !out.dtype().isFloating()) {
                    continue;
                }
                Graph g = Graph.builder(tape).watched(floating.toArray(new Tensor[0])).build().backward(out);
                List<Tensor> expected = tape.gradient(out, floating, null, UnconnectedGradients.NONE);
                for (int i = 0; i < floating.size(); i++) {
                    Tensor e = expected.get(i);
                    Tensor got = g.find(floating.get(i)).map(Node::gradient).orElse(null);
                    if (e == null) {
                        assertThat(got).as(spec.name() + " input " + i).isNull();
                    } else {
                        assertThat(got).as(spec.name() + " input " + i).isNotNull();
                        assertThat(got.allClose(e, 1e-12, 1e-12)).as(spec.name() + " input " + i + ": " + got + " vs " + e)
                                .isTrue();
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void broadcastGradientsAreSummedBackToTheInputsShape() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor b = Tensor.of(new double[] {10, 20});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, b);
            Tensor y = x.add(b).square().sum();
            Graph g = Graph.builder(tape).watched(x, b).build().backward(y);
            BackwardStep add = g.steps().get(2);
            assertThat(g.node(add.nodeId()).op()).isEqualTo("add");
            BackwardStep.Term bias = add.terms().get(1);
            assertThat(bias.inputId()).isEqualTo(g.nodeOf(b).id());
            assertThat(bias.reduced()).isTrue();
            assertThat(bias.raw().shape().dims()).containsExactly(3, 2);
            assertThat(bias.local().toDoubleArray()).containsExactly(2 * (11 + 13 + 15), 2 * (22 + 24 + 26));
            assertThat(add.terms().get(0).reduced()).isFalse();
        }
    }

    @Test
    void aValueUsedTwiceAccumulatesBothContributions() {
        Tensor x = Tensor.of(3.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.mul(x).add(x); // dy/dx = 2x + 1 = 7
            Graph g = Graph.of(tape).backward(y);
            assertThat(g.gradient(x).item()).isEqualTo(7.0);
            List<BackwardStep.Term> terms = new ArrayList<>();
            g.steps().forEach(s -> s.terms().stream().filter(t -> t.inputId().equals("n0")).forEach(terms::add));
            assertThat(terms).hasSize(3);
            assertThat(terms.get(0).first()).isTrue();
            assertThat(terms.get(0).accumulated().item()).isEqualTo(1.0);
            assertThat(terms.get(1).first()).isFalse();
            assertThat(terms.get(1).accumulated().item()).isEqualTo(4.0);
            assertThat(terms.get(2).accumulated().item()).isEqualTo(7.0);
        }
    }

    @Test
    void stepsRunInReverseRecordingOrderAndSkipWhatTheTargetDoesNotUse() {
        Tensor x = Tensor.of(2.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor unused = x.exp();
            Tensor y = x.square().sin();
            Graph g = Graph.of(tape).backward(y);
            assertThat(g.steps()).extracting(s -> g.node(s.nodeId()).op()).containsExactly("sin", "square");
            assertThat(g.steps()).extracting(BackwardStep::number).containsExactly(1, 2);
            assertThat(g.gradient(unused)).isNull();
            assertThat(g.gradient(x).item()).isEqualTo(Math.cos(4) * 4, org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void nonDifferentiableOpsOnThePathAreNamed() {
        Tensor x = Tensor.of(new double[] {0.4, 1.6});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.round().mul(x).sum();
            Graph g = Graph.of(tape);
            assertThatThrownBy(() -> g.backward(y)).isInstanceOf(NotDifferentiableException.class)
                    .hasMessageContaining("op 'round' (node n1) is not differentiable");
        }
    }

    @Test
    void sumToRefusesShapesThatDoNotReduce() {
        assertThatThrownBy(() -> BackwardPass.sumTo(new Add(), 0, Tensor.zeros(2, 3), Tensor.zeros(4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("op 'add': its vjp returned a gradient of shape [2, 3] for input 0, which does not"
                        + " reduce to the input's shape [4]");
        assertThat(BackwardPass.sumTo(new Add(), 0, Tensor.ones(2, 3), Tensor.zeros(1, 3)).toDoubleArray())
                .containsExactly(2, 2, 2);
        assertThat(BackwardPass.sumTo(new Add(), 0, Tensor.ones(2, 3), Tensor.zeros()).item()).isEqualTo(6.0);
    }

    @Test
    void secondOrderGraphsDifferentiateTheInnerGradient() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                dy = inner.gradient(x.tanh(), x);
            }
            Graph g = Graph.of(outer).backward(dy);
            double t = Math.tanh(0.5);
            assertThat(g.gradient(x).item()).isCloseTo(-2 * t * (1 - t * t), org.assertj.core.data.Offset.offset(1e-15));
            assertThat(g.nodes()).extracting(Node::op).contains("tanh", "square", "mul");
        }
    }
}
