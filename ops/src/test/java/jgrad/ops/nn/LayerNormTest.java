package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.Normalization;
import org.junit.jupiter.api.Test;

/**
 * The fused {@link LayerNorm} against the composition of ops {@link Normalization#layerNorm} at
 * sizes the op suite's small samples do not reach: rows longer than a vector plus a tail (so the
 * float32 kernel's vector loops and scalar tails both run) and more rows than one partial-sum
 * block of the parameters' gradients. The op suite does gradcheck and gradgradcheck.
 */
class LayerNormTest {
    @Test
    void float32MatchesTheCompositionForwardAndBackward() {
        for (int[] shape : new int[][] {{3, 70, 131}, {200, 128}, {5, 7}}) {
            compare(shape, DType.FLOAT32, 2e-5);
            compare(shape, DType.FLOAT64, 1e-12);
        }
    }

    private static void compare(int[] shape, DType dtype, double tol) {
        Rng rng = new Rng(7);
        int n = shape[shape.length - 1];
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0.5, 2, shape);
        Tensor gamma = Tensor.randomNormal(rng, DType.FLOAT64, 1, 0.5, n);
        Tensor beta = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, n);
        Tensor w = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, shape);
        Tensor xf = x.cast(dtype);
        Tensor gf = gamma.cast(dtype);
        Tensor bf = beta.cast(dtype);
        List<Tensor> fused;
        Tensor yFused;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(xf, gf, bf);
            yFused = LayerNorm.layerNorm(xf, gf, bf, 1e-5);
            fused = tape.gradient(yFused.mul(w.cast(dtype)).sum(), xf, gf, bf);
        }
        List<Tensor> ref;
        Tensor yRef;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, gamma, beta);
            yRef = Normalization.layerNorm(x, gamma, beta, new int[] {-1}, 1e-5);
            ref = tape.gradient(yRef.mul(w).sum(), x, gamma, beta);
        }
        assertThat(yFused.dtype()).isEqualTo(dtype);
        assertClose(yFused, yRef, tol, "y");
        // dgamma and dbeta are sums over up to 210 rows: a looser bound in float32.
        assertClose(fused.get(0), ref.get(0), tol, "dx");
        assertClose(fused.get(1), ref.get(1), tol * 20, "dgamma");
        assertClose(fused.get(2), ref.get(2), tol * 20, "dbeta");
    }

    private static void assertClose(Tensor got, Tensor want, double tol, String what) {
        double[] g = got.toDoubleArray();
        double[] e = want.toDoubleArray();
        assertThat(g).as(what).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(g[i] - e[i])).as(what + "[" + i + "]").isLessThanOrEqualTo(tol * (1 + Math.abs(e[i])));
        }
    }

    @Test
    void aConstantRowNormalizesToBeta() {
        Tensor x = Tensor.of(new float[] {3, 3, 3, 3}).reshape(1, 4);
        Tensor y = LayerNorm.layerNorm(x, Tensor.of(new float[] {2, 2, 2, 2}), Tensor.of(new float[] {1, 2, 3, 4}), 1e-5);
        assertThat(y.toFloatArray()).containsExactly(1, 2, 3, 4);
    }
}
