package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The fused GRU sequence ops, with and without reset_after: the kernels against the same recursion
 * written with plain ops (float64 and float32, unit counts that fill whole vectors and ones that
 * leave a tail, batches split across threads), first and second derivatives, and the errors.
 */
class GruSequenceTest {
    private static Tensor random(Rng rng, DType dtype, int... shape) {
        return Tensor.randomUniform(rng, dtype, -1, 1, shape);
    }

    private static List<Tensor> inputs(Rng rng, DType dtype, boolean after, int batch, int steps, int units) {
        List<Tensor> in = new ArrayList<>();
        in.add(random(rng, dtype, batch, steps, 3 * units));
        in.add(random(rng, dtype, units, 3 * units));
        if (after) {
            in.add(random(rng, dtype, 3 * units));
        }
        in.add(random(rng, dtype, batch, units));
        return in;
    }

    private static Tensor fused(boolean after, List<Tensor> in) {
        return new GruSequence(after).apply(in.toArray(Tensor[]::new));
    }

    private static void assertClose(Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(tol));
        }
    }

    @Test
    void forwardAndBackwardKernelsMatchThePlainOps() {
        Rng rng = new Rng(41);
        int[][] shapes = {{2, 3, 3}, {40, 4, 16}, {33, 2, 20}, {1, 1, 1}};
        for (boolean after : new boolean[] {true, false}) {
            for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
                double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                for (int[] s : shapes) {
                    List<Tensor> in = inputs(rng, dtype, after, s[0], s[1], s[2]);
                    Tensor y = fused(after, in);
                    assertClose(y, GruSequence.reference(after, in.toArray(Tensor[]::new)), tol);
                    Tensor gy = random(rng, dtype, y.shape().dims());
                    Tensor h0 = in.getLast();
                    Tensor d = new GruSequenceGrad(after).apply(gy, y, in.get(1), h0);
                    assertClose(d, GruSequenceGrad.reference(after, gy, y, in.get(1), h0), tol * 10);
                }
            }
        }
    }

    @Test
    void gradientsEqualThoseOfThePlainOps() {
        Rng rng = new Rng(42);
        for (boolean after : new boolean[] {true, false}) {
            List<Tensor> in = inputs(rng, DType.FLOAT64, after, 3, 4, 5);
            Tensor gy = random(rng, DType.FLOAT64, 3, 4, 25);
            List<Tensor> fusedGrads;
            List<Tensor> plainGrads;
            try (GradientTape tape = new GradientTape()) {
                in.forEach(tape::watch);
                fusedGrads = tape.gradient(fused(after, in), in, gy, UnconnectedGradients.ZERO);
            }
            try (GradientTape tape = new GradientTape()) {
                in.forEach(tape::watch);
                plainGrads = tape.gradient(GruSequence.reference(after, in.toArray(Tensor[]::new)), in, gy,
                        UnconnectedGradients.ZERO);
            }
            for (int i = 0; i < in.size(); i++) {
                assertClose(fusedGrads.get(i), plainGrads.get(i), 1e-12);
            }
        }
    }

    @Test
    void gradcheckAndGradgradcheck() {
        Rng rng = new Rng(43);
        for (boolean after : new boolean[] {true, false}) {
            List<Tensor> in = inputs(rng, DType.FLOAT64, after, 2, 3, 2);
            GradCheck.check(x -> fused(after, x), in).assertPassed();
            GradCheck.gradGradCheck(x -> fused(after, x), in).assertPassed();
            List<Tensor> g = List.of(random(rng, DType.FLOAT64, 2, 2, 10), random(rng, DType.FLOAT64, 2, 2, 10),
                    random(rng, DType.FLOAT64, 2, 6), random(rng, DType.FLOAT64, 2, 2));
            GradCheck.check(x -> new GruSequenceGrad(after).apply(x.toArray(Tensor[]::new)), g).assertPassed();
            GradCheck.gradGradCheck(x -> new GruSequenceGrad(after).apply(x.toArray(Tensor[]::new)), g).assertPassed();
        }
    }

    @Test
    void float32GradientsFollowFloat64() {
        Rng rng = new Rng(44);
        for (boolean after : new boolean[] {true, false}) {
            List<Tensor> in64 = inputs(rng, DType.FLOAT64, after, 20, 5, 8);
            List<Tensor> in32 = in64.stream().map(t -> t.cast(DType.FLOAT32)).toList();
            List<Tensor> g64;
            List<Tensor> g32;
            try (GradientTape tape = new GradientTape()) {
                in64.forEach(tape::watch);
                g64 = tape.gradient(fused(after, in64).slice(2, 0, 8).sum(), in64);
            }
            try (GradientTape tape = new GradientTape()) {
                in32.forEach(tape::watch);
                g32 = tape.gradient(fused(after, in32).slice(2, 0, 8).sum(), in32);
            }
            for (int i = 0; i < in64.size(); i++) {
                assertThat(g32.get(i).dtype()).isEqualTo(DType.FLOAT32);
                assertClose(g32.get(i), g64.get(i), 1e-4);
            }
        }
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        Tensor w = Tensor.zeros(2, 6);
        Tensor h = Tensor.zeros(2, 2);
        assertThatThrownBy(() -> new GruSequence(true).apply(Tensor.zeros(2, 3, 4), w, Tensor.zeros(6), h))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gru_sequence: x must be [batch, steps > 0, 3 * units = 6] (x [2, 3, 4], w [2, 6], b [6],"
                        + " h0 [2, 2])");
        assertThatThrownBy(() -> new GruSequence(false).apply(Tensor.zeros(2, 3, 6), w, Tensor.zeros(3, 2)))
                .hasMessage("gru_sequence: h0 must be [batch, units] = [2, 2] (x [2, 3, 6], w [2, 6], h0 [3, 2])");
        assertThatThrownBy(() -> new GruSequence(true).apply(Tensor.zeros(2, 3, 6), w, Tensor.zeros(4), h))
                .hasMessageContaining("gru_sequence: b must be the recurrent bias [3 * units = 6]");
        assertThatThrownBy(() -> new GruSequence(false).apply(Tensor.zeros(2, 3, 6), w, Tensor.zeros(6), h))
                .hasMessageContaining("takes (x, w, h0) without reset_after, got 4 inputs");
        assertThatThrownBy(() -> new GruSequenceGrad(true).apply(Tensor.zeros(2, 3, 10), Tensor.zeros(2, 3, 10), w,
                Tensor.zeros(DType.FLOAT64, 2, 2))).hasMessageContaining("gru_sequence_grad: gy, y, w and h0 must have"
                        + " one dtype");
    }
}
