package jgrad.codegen.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

class TracerTest {
    private static Traced trace(TensorFunction f, Tensor... args) {
        return Tracer.trace(f, args, false);
    }

    @Test
    void recordsInputsVariablesConstantsAndNodes() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2}), "w");
        Tensor x = Tensor.of(new float[] {3, 4});
        Traced t = trace(xs -> new Tensor[] {xs[0].mul(w).add(1.0).exp()}, x);
        Graph g = t.graph();
        assertThat(g.inputCount()).isEqualTo(1);
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("mul", "add", "exp");
        assertThat(g.values()).filteredOn(v -> v instanceof Value.Var).hasSize(1);
        assertThat(g.values()).filteredOn(v -> v instanceof Value.Const).singleElement()
                .satisfies(c -> assertThat(((Value.Const) c).value().item()).isEqualTo(1.0));
        assertThat(g.value(g.output(0))).isInstanceOf(Value.Result.class);
        assertThat(t.outputs()[0].toFloatArray()).containsExactly((float) Math.exp(4), (float) Math.exp(9));
        assertThat(g.toString()).contains("variable 'w'").contains("exp(%").contains("outputs: %");
    }

    @Test
    void opsOnIntegerArgumentsAreRecorded() {
        Tensor labels = Tensor.of(new long[] {0, 2});
        Graph g = trace(xs -> new Tensor[] {xs[0].cast(DType.FLOAT32).mul(xs[1])}, labels, Tensor.of(new float[] {1, 1}))
                .graph();
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("cast", "mul");
        assertThat(g.value(g.node(0).arg(0))).isEqualTo(new Value.Input(0, Shape.of(2), DType.INT64));
    }

    @Test
    void stopGradientCopiesAreDetachedValuesNotConstants() {
        Variable v = Variable.of(Tensor.of(new float[] {1, 2}), "v");
        Graph g = trace(xs -> new Tensor[] {xs[0].mul(xs[0].exp().stopGradient()).add(v.value()).mul(v)},
                Tensor.of(new float[] {1, 2})).graph();
        assertThat(g.values()).filteredOn(x -> x instanceof Value.Detached).hasSize(2);
        assertThat(g.values()).noneMatch(x -> x instanceof Value.Const);
    }

    @Test
    void deadCodeIsNotInTheGraph() {
        Graph g = trace(xs -> {
            xs[0].sin(); // computed and dropped
            return new Tensor[] {xs[0].cos()};
        }, Tensor.of(new float[] {1})).graph();
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("cos");
    }

    @Test
    void viewsMadeWithoutOpsCannotBeTraced() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4});
        Traced t = trace(xs -> new Tensor[] {Tensor.view(xs[0], Shape.of(2), new int[] {2}, 0).exp()}, x);
        assertThat(t.captured()).isFalse();
        assertThat(t.failure()).contains("shares memory with the traced value").contains("Tensor.view");
        assertThat(t.outputs()[0].toFloatArray()).hasSize(2);
    }

    @Test
    void functionErrorsPropagateAndNullOutputsAreNamed() {
        Tensor x = Tensor.of(new float[] {1});
        assertThatThrownBy(() -> trace(xs -> new Tensor[] {xs[0].matmul(xs[0].reshape(1, 1))}, Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trace(xs -> new Tensor[] {null}, x)).hasMessageContaining("output 0");
    }

    @Test
    void callerTapesRecordTheTraceRunWhenAsked() {
        Tensor x = Tensor.of(new double[] {1, 2});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Traced t = Tracer.trace(xs -> new Tensor[] {xs[0].square().sum()}, new Tensor[] {x}, true);
            assertThat(tape.gradient(t.outputs()[0], x).toDoubleArray()).containsExactly(2, 4);
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Traced t = Tracer.trace(xs -> new Tensor[] {xs[0].square().sum()}, new Tensor[] {x}, false);
            assertThat(tape.gradient(t.outputs()[0], x)).isNull();
        }
    }

    @Test
    void fromTapeTakesTheSliceBetweenInputsAndOutputs() {
        Tensor x = Tensor.of(new float[] {1, 2});
        Tensor other = Tensor.of(new float[] {5});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x, other);
            other.exp(); // recorded, not needed
            Tensor h = x.mul(2.0);
            Tensor y = h.tanh();
            Graph g = Tracer.fromTape(tape, List.of(h), List.of(y));
            assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("tanh");
            assertThat(g.inputCount()).isEqualTo(1);
            Graph full = Tracer.fromTape(tape, List.of(x), List.of(y));
            assertThat(full.nodes()).extracting(n -> n.op().name()).containsExactly("mul", "tanh");
        }
    }
}
