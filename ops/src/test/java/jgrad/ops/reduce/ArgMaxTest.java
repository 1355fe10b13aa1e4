package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ArgMaxTest {
    private final Tensor x = Tensor.of(new float[][] {{1, 9, 9}, {4, 2, 0}});

    @Test
    void firstIndexOfTheLargest() {
        Tensor i = x.argmax(1);
        assertThat(i.dtype()).isEqualTo(DType.INT64);
        assertThat(i.toLongArray()).containsExactly(1, 0);
        assertThat(x.argmax(0).toLongArray()).containsExactly(1, 0, 0);
        assertThat(x.argmax(-1, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.transpose().argmax(0).toLongArray()).containsExactly(1, 0);
        assertThat(Tensor.of(new long[] {3, 8, 8}).argmax(0).longValue()).isEqualTo(1);
    }

    @Test
    void isNotDifferentiable() {
        ArgMax op = new ArgMax(0, false);
        assertThat(op.isDifferentiable()).isFalse();
        Tensor w = Tensor.of(new double[] {1, 3, 2});
        assertThatThrownBy(() -> op.vjp(new Op.Backward(Tensor.of(1.0), new Tensor[] {w}, Tensor.of(1L),
                new boolean[] {true}))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("argmax: not differentiable");
        try (GradientTape tape = new GradientTape()) {
            tape.watch(w);
            // Gradients flow between floating dtypes only: the int64 index cuts the path, as it should.
            Tensor g = tape.gradient(w.argmax(0).cast(DType.FLOAT64), w);
            assertThat(g == null || Arrays.stream(g.toDoubleArray()).allMatch(v -> v == 0)).isTrue();
        }
    }

    @Test
    void badAxisAndEmptyAxis() {
        assertThatThrownBy(() -> x.argmax(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argmax: axis 2 is out of range for shape [2, 3] (valid: -2 to 1)");
        assertThatThrownBy(() -> Tensor.zeros(2, 0).argmax(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argmax: cannot take the argmax over axis 1 of extent 0 in shape [2, 0]");
    }
}
