package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** The composites: mean, variance, std, logSumExp. */
class DefaultReduceOpsTest {
    private final Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 9}});

    @Test
    void mean() {
        assertThat(x.mean().item()).isEqualTo(4);
        assertThat(x.mean(0).toDoubleArray()).containsExactly(2.5, 3.5, 6);
        assertThat(x.mean(new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(Tensor.zeros(0).mean().item()).isNaN();
    }

    @Test
    void varianceIsThePopulationVariance() {
        assertThat(x.variance(new int[] {1}, false).toDoubleArray())
                .containsExactly(new double[] {2.0 / 3, 14.0 / 3}, within(1e-12));
        assertThat(x.std(new int[] {1}, false).toDoubleArray())
                .containsExactly(new double[] {Math.sqrt(2.0 / 3), Math.sqrt(14.0 / 3)}, within(1e-12));
        assertThat(x.variance().item()).isCloseTo(20.0 / 3, within(1e-12));
        assertThat(Tensor.of(new float[] {5, 5, 5}).variance().item()).isZero();
    }

    @Test
    void logSumExpIsStable() {
        Tensor big = Tensor.of(new double[] {1000, 1000});
        assertThat(big.logSumExp().item()).isCloseTo(1000 + Math.log(2), within(1e-9));
        Tensor small = Tensor.of(new float[] {-1000, -1000});
        assertThat(small.logSumExp().item()).isCloseTo(-1000 + Math.log(2), within(1e-3));
        assertThat(x.logSumExp(new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.logSumExp(new int[] {1}, false).getDouble(0))
                .isCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-12));
        Tensor negInf = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertThat(negInf.logSumExp().item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Tensor.zeros(2, 0).logSumExp(new int[] {1}, false).toDoubleArray())
                .containsOnly(Double.NEGATIVE_INFINITY);
    }

    @Test
    void logSumExpGradientIsSoftmax() {
        Tensor v = Tensor.of(new double[] {1000, 1001, 999});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(v);
            Tensor g = tape.gradient(v.logSumExp(), v);
            double z = Math.exp(-1) + 1 + Math.exp(-2);
            assertThat(g.toDoubleArray())
                    .containsExactly(new double[] {Math.exp(-1) / z, 1 / z, Math.exp(-2) / z}, within(1e-12));
        }
    }

    @Test
    void varianceGradient() {
        Tensor v = Tensor.of(new double[] {1, 2, 6});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(v);
            Tensor g = tape.gradient(v.variance(), v);
            // d var / dx_i = 2 (x_i - mean) / N with mean 3.
            assertThat(g.toDoubleArray()).containsExactly(new double[] {-4.0 / 3, -2.0 / 3, 2}, within(1e-12));
        }
    }

    @Test
    void integerInputsAreRefused() {
        Tensor i = Tensor.of(new long[] {1, 2});
        assertThatThrownBy(i::mean).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean: x is int64 [2]; mean needs float32 or float64 (cast it first)");
        assertThatThrownBy(i::logSumExp).hasMessageContaining("logSumExp: x is int64");
        assertThatThrownBy(() -> x.mean(new int[] {3}, false)).hasMessageContaining("mean: axis 3 is out of range");
    }
}
