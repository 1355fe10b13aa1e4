package jgrad.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import org.junit.jupiter.api.Test;

class JitTest {
    @Test
    void unaryBinaryAndGeneralForms() {
        Tensor a = Tensor.of(new float[] {1, 2});
        Tensor b = Tensor.of(new float[] {3, 4});
        assertThat(Jit.unary(x -> x.neg()).call(a).toFloatArray()).containsExactly(-1f, -2f);
        assertThat(Jit.binary((x, y) -> x.mul(y)).call(a, b).toFloatArray()).containsExactly(3f, 8f);
        Tensor[] two = Jit.compile(xs -> new Tensor[] {xs[0].add(xs[1]), xs[0].sub(xs[1])}).apply(a, b);
        assertThat(two[1].toFloatArray()).containsExactly(-2f, -2f);
        assertThatThrownBy(() -> Jit.unary(x -> x).call(a, b)).hasMessageContaining("takes 1 input, got 2");
    }

    @Test
    void nullFunctionsAreRejected() {
        assertThatThrownBy(() -> Jit.compile((TensorFunction) null)).hasMessageContaining("function is null");
        assertThatThrownBy(() -> Jit.unary(null)).hasMessageContaining("function is null");
        assertThatThrownBy(() -> Jit.binary(null)).hasMessageContaining("function is null");
    }

    @Test
    void fromTapeCompilesTheRecordedSlice() {
        Tensor x = Tensor.of(new double[] {0.5, 1.5});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            Tensor y = x.exp().mul(x).sum();
            CompiledFunction f = Jit.fromTape(tape, List.of(x), List.of(y));
            Tensor x2 = Tensor.of(new double[] {1, 2});
            assertThat(f.call(x2).item()).isCloseTo(Math.exp(1) + 2 * Math.exp(2),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThatThrownBy(() -> f.inspect(x2)).hasMessageContaining("no function");
        }
    }
}
