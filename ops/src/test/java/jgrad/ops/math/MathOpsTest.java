package jgrad.ops.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.NotDifferentiableException;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Exact values, edge-case gradients and error messages of the math ops, through Tensor's methods. */
class MathOpsTest {

    private interface Fn {
        Tensor apply(Tensor[] xs);
    }

    /** The gradient of sum(f(xs)) with respect to each of xs. */
    private static List<Tensor> gradOf(Fn f, Tensor... xs) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(xs);
            return tape.gradient(f.apply(xs), xs);
        }
    }

    @Test
    void arithmeticBroadcastsLikeNumPy() {
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor y = Tensor.of(new float[] {10, 20, 30});
        assertThat(x.add(y).toFloatArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(x.sub(y).toFloatArray()).containsExactly(-9, -18, -27, -6, -15, -24);
        assertThat(x.mul(2.0).toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
        assertThat(Tensor.of(1f).div(x).toFloatArray()).containsExactly(1f, 0.5f, 1f / 3, 0.25f, 0.2f, 1f / 6);
        assertThat(x.pow(2.0).toFloatArray()).containsExactly(1, 4, 9, 16, 25, 36);
        Tensor col = Tensor.fromFlat(new float[] {1, 2}, 2, 1);
        assertThat(col.add(y).shape().dims()).containsExactly(2, 3);
        assertThat(col.add(y).toFloatArray()).containsExactly(11, 21, 31, 12, 22, 32);
        assertThat(x.add(2.0).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void int64ArithmeticAndComparisonsWork() {
        Tensor a = Tensor.of(new long[] {1, -5, 7});
        Tensor b = Tensor.of(new long[] {2, 2, 2});
        assertThat(a.add(b).toLongArray()).containsExactly(3, -3, 9);
        assertThat(a.sub(b).toLongArray()).containsExactly(-1, -7, 5);
        assertThat(a.mul(b).toLongArray()).containsExactly(2, -10, 14);
        assertThat(a.maximum(b).toLongArray()).containsExactly(2, 2, 7);
        assertThat(a.minimum(b).toLongArray()).containsExactly(1, -5, 2);
        assertThat(a.greater(b).toBooleanArray()).containsExactly(false, false, true);
        assertThat(a.add(1.0).dtype()).isEqualTo(DType.INT64);
        assertThatThrownBy(() -> a.div(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("div: x and y must be float32 or float64, got int64 [3] and int64 [3]");
        assertThatThrownBy(() -> a.exp()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp: x must be float32 or float64, got int64 [3]");
    }

    @Test
    void dtypeAndShapeErrorsNameTheOpAndShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(DType.FLOAT64, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: dtype mismatch: x is float32 [2, 3], y is float64 [3]; cast one of them");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mul: cannot broadcast x [2, 3] with y [4]");
        Tensor bools = Tensor.of(new boolean[] {true});
        assertThatThrownBy(() -> bools.add(bools)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add: x must be float32, float64 or int64, got bool [1]");
        assertThatThrownBy(() -> Tensor.where(Tensor.ones(2), Tensor.ones(2), Tensor.ones(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("where: condition must be bool, got float32 [2]");
    }

    @Test
    void comparisonsFollowIeeeRules() {
        Tensor x = Tensor.of(new double[] {1, 2, Double.NaN, -0.0});
        Tensor y = Tensor.of(new double[] {1, 3, Double.NaN, 0.0});
        assertThat(x.equal(y).toBooleanArray()).containsExactly(true, false, false, true);
        assertThat(x.notEqual(y).toBooleanArray()).containsExactly(false, true, true, false);
        assertThat(x.less(y).toBooleanArray()).containsExactly(false, true, false, false);
        assertThat(x.lessEqual(y).toBooleanArray()).containsExactly(true, true, false, true);
        assertThat(x.greater(y).toBooleanArray()).containsExactly(false, false, false, false);
        assertThat(x.greaterEqual(y).toBooleanArray()).containsExactly(true, false, false, true);
        assertThat(x.less(1.5).dtype()).isEqualTo(DType.BOOL);
    }

    @Test
    void whereBroadcastsAllThreeAndRoutesTheGradient() {
        Tensor c = Tensor.fromFlat(new boolean[] {true, false}, 2, 1);
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        Tensor y = Tensor.of(-1.0);
        Tensor w = Tensor.where(c, x, y);
        assertThat(w.shape().dims()).containsExactly(2, 3);
        assertThat(w.toDoubleArray()).containsExactly(1, 2, 3, -1, -1, -1);
        List<Tensor> g = gradOf(v -> Tensor.where(c, v[0], v[1]), x, y);
        assertThat(g.get(0).toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(g.get(1).toDoubleArray()).containsExactly(3);
    }

    @Test
    void unaryValuesAtKnownPoints() {
        assertThat(Tensor.of(0f).sigmoid().item()).isEqualTo(0.5);
        assertThat(Tensor.of(new double[] {-1000, 1000}).sigmoid().toDoubleArray()).containsExactly(0, 1);
        float[] s32 = Tensor.of(new float[] {-100, 100}).sigmoid().toFloatArray();
        assertThat(s32[0]).isCloseTo((float) Math.exp(-100), within(1e-45f));
        assertThat(s32[1]).isEqualTo(1f);
        assertThat(Tensor.of(new double[] {0.5, 1.5, 2.5, -0.5, -2.5, 2.4999}).round().toDoubleArray())
                .containsExactly(0, 2, 2, -0.0, -2, 2);
        assertThat(Tensor.of(new double[] {-2, 0, 3}).relu().toDoubleArray()).containsExactly(0, 0, 3);
        assertThat(Tensor.of(new double[] {-2, -0.0, 0, 3, Double.NaN}).sign().toDoubleArray())
                .containsExactly(-1, -0.0, 0, 1, Double.NaN);
        assertThat(Tensor.of(new double[] {4}).rsqrt().item()).isEqualTo(0.5);
        assertThat(Tensor.of(1e-10).log1p().item()).isCloseTo(1e-10 - 5e-21, within(1e-26));
        assertThat(Tensor.of(1.0).erf().item()).isCloseTo(0.8427007929497149, within(1e-16));
        assertThat(Tensor.of(new double[] {-3, 0.2, 5}).clip(-1, 1).toDoubleArray()).containsExactly(-1, 0.2, 1);
        assertThat(Tensor.of(new double[] {1, Double.NaN}).maximum(Tensor.of(2.0)).toDoubleArray())
                .containsExactly(2, Double.NaN);
    }

    @Test
    void derivativesAtTheEdgesMirrorPyTorch() {
        // maximum/minimum: ties split the gradient half and half.
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {2, 2, 2});
        List<Tensor> gmax = gradOf(v -> v[0].maximum(v[1]), a, b);
        assertThat(gmax.get(0).toDoubleArray()).containsExactly(0, 0.5, 1);
        assertThat(gmax.get(1).toDoubleArray()).containsExactly(1, 0.5, 0);
        List<Tensor> gmin = gradOf(v -> v[0].minimum(v[1]), a, b);
        assertThat(gmin.get(0).toDoubleArray()).containsExactly(1, 0.5, 0);
        assertThat(gmin.get(1).toDoubleArray()).containsExactly(0, 0.5, 1);
        // relu: no gradient at 0; abs: sign(x), so 0 at 0; sign: zero everywhere.
        Tensor z = Tensor.of(new double[] {-1, 0, 2});
        assertThat(gradOf(v -> v[0].relu(), z).get(0).toDoubleArray()).containsExactly(0, 0, 1);
        assertThat(gradOf(v -> v[0].abs(), z).get(0).toDoubleArray()).containsExactly(-1, 0, 1);
        assertThat(gradOf(v -> v[0].sign(), z).get(0).toDoubleArray()).containsExactly(0, 0, 0);
        // clip: the gradient passes at the bounds themselves.
        Tensor c = Tensor.of(new double[] {-2, -1, 0, 1, 2});
        assertThat(gradOf(v -> v[0].clip(-1, 1), c).get(0).toDoubleArray()).containsExactly(0, 1, 1, 1, 0);
        // pow at x == 0: d/dy is 0 where y >= 0; d/dx is 0 where y == 0.
        Tensor px = Tensor.of(new double[] {0, 0, 2});
        Tensor py = Tensor.of(new double[] {2, 0, 3});
        List<Tensor> gp = gradOf(v -> v[0].pow(v[1]), px, py);
        assertThat(gp.get(0).toDoubleArray()).containsExactly(0, 0, 12);
        assertThat(gp.get(1).toDoubleArray()[0]).isZero();
        assertThat(gp.get(1).toDoubleArray()[1]).isZero();
        assertThat(gp.get(1).toDoubleArray()[2]).isCloseTo(8 * Math.log(2), within(1e-15));
        // erf: 2/sqrt(pi) exp(-x^2)
        assertThat(gradOf(v -> v[0].erf(), Tensor.of(0.0)).get(0).item()).isCloseTo(2 / Math.sqrt(Math.PI),
                within(1e-15));
        // sigmoid stays finite and exact at large |x|.
        assertThat(gradOf(v -> v[0].sigmoid(), Tensor.of(new double[] {-800, 0, 800})).get(0).toDoubleArray())
                .containsExactly(0, 0.25, 0);
    }

    @Test
    void castCarriesTheGradientBetweenFloatDtypesOnly() {
        Tensor x = Tensor.of(new double[] {1.5, -2.25});
        Tensor f = x.cast(DType.FLOAT32);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        List<Tensor> g = gradOf(v -> v[0].cast(DType.FLOAT32).mul(Tensor.of(new float[] {2, 3})), x);
        assertThat(g.get(0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(g.get(0).toDoubleArray()).containsExactly(2, 3);
        assertThat(x.cast(DType.FLOAT64)).isSameAs(x);
        assertThat(x.cast(DType.INT64).toLongArray()).containsExactly(1, -2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.cast(DType.INT64).cast(DType.FLOAT64);
            assertThat(tape.gradient(y, x)).isNull();
        }
    }

    @Test
    void roundAndComparisonsAreNotDifferentiable() {
        Tensor x = Tensor.of(new double[] {0.4, 1.6});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.round().mul(x);
            assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(NotDifferentiableException.class)
                    .hasMessageContaining("round");
        }
        assertThat(new Compare(jgrad.ops.kernels.Elementwise.Comparison.LT).isDifferentiable()).isFalse();
    }

    @Test
    void clipRejectsBadBounds() {
        Tensor x = Tensor.zeros(3);
        assertThatThrownBy(() -> x.clip(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clip: min (2.0) must be <= max (1.0)");
        assertThatThrownBy(() -> x.clip(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clip: min and max must not be NaN");
        assertThat(x.clip(0, Double.POSITIVE_INFINITY).toFloatArray()).containsExactly(0, 0, 0);
    }

    @Test
    void secondDerivativeOfTanhThroughNestedTapes() {
        Tensor x = Tensor.of(new double[] {0.3, -1.2});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                dy = inner.gradient(x.tanh(), x);
            }
            Tensor d2 = outer.gradient(dy, x);
            double[] v = d2.toDoubleArray();
            for (int i = 0; i < 2; i++) {
                double t = Math.tanh(x.getDouble(i));
                assertThat(v[i]).isCloseTo(-2 * t * (1 - t * t), within(1e-15));
            }
        }
    }
}
