package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class FusedMathTest {
    @Test
    void sigmoidIsStableAndMatchesTheOp() {
        assertThat(FusedMath.sigmoid(-1000.0)).isZero();
        assertThat(FusedMath.sigmoid(1000f)).isEqualTo(1f);
        double[] xs = {-30, -2.5, -1e-3, 0, 0.7, 12};
        double[] expected = Tensor.of(xs).sigmoid().toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(FusedMath.sigmoid(xs[i])).isCloseTo(expected[i], within(1e-15));
        }
    }

    @Test
    void scalarErfIsTheOpsErf() {
        for (double x : new double[] {-7, -2.5, -0.3, 0, 1e-9, 1.7, 3, 6.5}) {
            assertThat(FusedMath.erf(x)).isEqualTo(jgrad.ops.kernels.Elementwise.erf(x));
            assertThat(FusedMath.erf((float) x)).isEqualTo((float) jgrad.ops.kernels.Elementwise.erf((float) x));
        }
    }
}
