package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM sequence ops: the kernels against the same recursion written with plain ops (in
 * float64 and float32, with unit counts that fill whole vectors and ones that leave a tail, and
 * batches big enough to be split across threads), first and second derivatives by gradcheck, and
 * the errors.
 */
class LstmSequenceTest {
    private static Tensor random(Rng rng, DType dtype, int... shape) {
        return Tensor.randomUniform(rng, dtype, -1, 1, shape);
    }

    private static List<Tensor> inputs(Rng rng, DType dtype, int batch, int steps, int units) {
        return List.of(random(rng, dtype, batch, steps, 4 * units), random(rng, dtype, units, 4 * units),
                random(rng, dtype, batch, units), random(rng, dtype, batch, units));
    }

    private static Tensor fused(List<Tensor> in) {
        return new LstmSequence().apply(in.get(0), in.get(1), in.get(2), in.get(3));
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
        Rng rng = new Rng(31);
        int[][] shapes = {{2, 3, 3}, {40, 4, 16}, {33, 2, 20}, {1, 1, 1}};
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
            for (int[] s : shapes) {
                List<Tensor> in = inputs(rng, dtype, s[0], s[1], s[2]);
                Tensor y = fused(in);
                assertClose(y, LstmSequence.reference(in.get(0), in.get(1), in.get(2), in.get(3)), tol);
                Tensor gy = random(rng, dtype, y.shape().dims());
                Tensor d = new LstmSequenceGrad().apply(gy, y, in.get(1), in.get(3));
                assertClose(d, LstmSequenceGrad.reference(gy, y, in.get(1), in.get(3)), tol * 10);
            }
        }
    }

    @Test
    void gradientsEqualThoseOfThePlainOps() {
        Rng rng = new Rng(32);
        List<Tensor> in = inputs(rng, DType.FLOAT64, 3, 4, 5);
        Tensor gy = random(rng, DType.FLOAT64, 3, 4, 30);
        List<Tensor> fusedGrads;
        List<Tensor> plainGrads;
        try (GradientTape tape = new GradientTape()) {
            in.forEach(tape::watch);
            fusedGrads = tape.gradient(fused(in), in, gy, UnconnectedGradients.ZERO);
        }
        try (GradientTape tape = new GradientTape()) {
            in.forEach(tape::watch);
            Tensor y = LstmSequence.reference(in.get(0), in.get(1), in.get(2), in.get(3));
            plainGrads = tape.gradient(y, in, gy, UnconnectedGradients.ZERO);
        }
        for (int i = 0; i < 4; i++) {
            assertClose(fusedGrads.get(i), plainGrads.get(i), 1e-12);
        }
    }

    @Test
    void gradcheckAndGradgradcheck() {
        Rng rng = new Rng(33);
        List<Tensor> in = inputs(rng, DType.FLOAT64, 2, 3, 2);
        GradCheck.check(LstmSequenceTest::fused, in).assertPassed();
        GradCheck.gradGradCheck(LstmSequenceTest::fused, in).assertPassed();
        // The gradient op on its own, with a y that is no forward result (its formulas hold for any y).
        List<Tensor> g = List.of(random(rng, DType.FLOAT64, 2, 2, 12), random(rng, DType.FLOAT64, 2, 2, 12),
                random(rng, DType.FLOAT64, 2, 8), random(rng, DType.FLOAT64, 2, 2));
        GradCheck.check(x -> new LstmSequenceGrad().apply(x.get(0), x.get(1), x.get(2), x.get(3)), g).assertPassed();
        GradCheck.gradGradCheck(x -> new LstmSequenceGrad().apply(x.get(0), x.get(1), x.get(2), x.get(3)), g)
                .assertPassed();
    }

    @Test
    void float32GradientsFollowFloat64() {
        Rng rng = new Rng(34);
        List<Tensor> in64 = inputs(rng, DType.FLOAT64, 20, 5, 8);
        List<Tensor> in32 = in64.stream().map(t -> t.cast(DType.FLOAT32)).toList();
        List<Tensor> g64;
        List<Tensor> g32;
        try (GradientTape tape = new GradientTape()) {
            in64.forEach(tape::watch);
            g64 = tape.gradient(fused(in64).slice(2, 0, 8).sum(), in64);
        }
        try (GradientTape tape = new GradientTape()) {
            in32.forEach(tape::watch);
            g32 = tape.gradient(fused(in32).slice(2, 0, 8).sum(), in32);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(g32.get(i).dtype()).isEqualTo(DType.FLOAT32);
            assertClose(g32.get(i), g64.get(i), 1e-4);
        }
    }

    @Test
    void stridedInputsAreRead() {
        Rng rng = new Rng(35);
        List<Tensor> in = inputs(rng, DType.FLOAT64, 3, 4, 2);
        Tensor xBackwards = in.get(0).slice(1, -1, Integer.MIN_VALUE, -1);
        Tensor wt = in.get(1).transpose().contiguous().transpose();
        Tensor y = new LstmSequence().apply(xBackwards, wt, in.get(2), in.get(3));
        assertClose(y, LstmSequence.reference(xBackwards.contiguous(), in.get(1), in.get(2), in.get(3)), 1e-12);
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(2, 3, 8);
        Tensor w = Tensor.zeros(2, 8);
        Tensor s = Tensor.zeros(2, 2);
        assertThatThrownBy(() -> new LstmSequence().apply(Tensor.zeros(2, 3, 6), w, s, s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lstm_sequence: x must be [batch, steps > 0, 4 * units = 8] (x [2, 3, 6], w [2, 8],"
                        + " h0 [2, 2], c0 [2, 2])");
        assertThatThrownBy(() -> new LstmSequence().apply(Tensor.zeros(2, 0, 8), w, s, s))
                .hasMessageContaining("steps > 0");
        assertThatThrownBy(() -> new LstmSequence().apply(x, Tensor.zeros(3, 8), s, s))
                .hasMessageContaining("lstm_sequence: w must be the recurrent kernel [units, 4 * units]")
                .hasMessageContaining("w [3, 8]");
        assertThatThrownBy(() -> new LstmSequence().apply(x, w, s, Tensor.zeros(3, 2)))
                .hasMessageContaining("lstm_sequence: h0 and c0 must be [batch, units] = [2, 2]")
                .hasMessageContaining("c0 [3, 2]");
        assertThatThrownBy(() -> new LstmSequence().apply(x, w, s)).hasMessageContaining("takes (x, w, h0, c0)");
        assertThatThrownBy(() -> new LstmSequenceGrad().apply(Tensor.zeros(2, 3, 12), Tensor.zeros(2, 3, 12),
                w, s.cast(DType.FLOAT64))).hasMessageContaining("lstm_sequence_grad: gy, y, w and c0 must have one dtype");
    }
}
