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
 * The fused attention op against the lecture's numbers, against the same function built from
 * matmul and softmax (values and gradients, float32 and float64, several key blocks, masks,
 * causal, dropout), gradcheck and gradgradcheck, all-masked rows and bad input.
 */
class ScaledDotProductAttentionTest {
    private static final Tensor X = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});

    private static Tensor random(Rng rng, DType dt, int... shape) {
        return Tensor.randomUniform(rng, dt, -1, 1, shape);
    }

    @Test
    void parameterFreeSelfAttentionGivesTheNotesNumbers() {
        // Note 002, eqs. 6.5-6.8: omega = X X^T without scaling, A = softmax(omega), Z = A X.
        Tensor a = ScaledDotProductAttention.referenceWeights(X, X, null, false, 1.0);
        Tensor z = ScaledDotProductAttention.scaledDotProductAttention(X, X, X, null, false, 0, null, 1.0);
        double[] ea = {.4223, .1554, .4223, .1554, .4223, .4223, .2119, .2119, .5761};
        double[] ez = {.8446, .5777, .5777, .8446, .7881, .7881};
        assertClose(a.toDoubleArray(), ea, 5e-5);
        assertClose(z.toDoubleArray(), ez, 5e-5);
    }

    @Test
    void scaledAttentionGivesTheNotesNumbers() {
        // Eq. 6.12 with Q = K = V = X and d_k = 2: softmax(X X^T / sqrt 2).
        Tensor a = ScaledDotProductAttention.referenceWeights(X, X, null, false, Double.NaN);
        assertClose(a.toDoubleArray(), new double[] {.4011, .1978, .4011, .1978, .4011, .4011, .2483, .2483, .5035},
                5e-5);
        Tensor z = ScaledDotProductAttention.scaledDotProductAttention(X, X, X, null, false);
        assertClose(z.toDoubleArray(), a.matmul(X).toDoubleArray(), 1e-12);
    }

    private static void assertClose(double[] got, double[] want, double tol) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("entry %d", i).isCloseTo(want[i], within(tol));
        }
    }

    private record Case(int[] q, int[] k, int dv, boolean causal, boolean mask, double dropout) {}

    private static final List<Case> CASES = List.of(
            new Case(new int[] {2, 3, 5, 20}, new int[] {2, 3, 300, 20}, 37, false, false, 0),  // two key blocks
            new Case(new int[] {2, 2, 33, 16}, new int[] {2, 2, 33, 16}, 32, true, false, 0),
            new Case(new int[] {3, 7, 8}, new int[] {3, 270, 8}, 5, false, true, 0),
            new Case(new int[] {2, 9, 32}, new int[] {2, 9, 32}, 32, true, true, 0.3),
            new Case(new int[] {1, 6, 4}, new int[] {1, 20, 4}, 3, false, false, 0.5));

    private static Tensor maskFor(Rng rng, Case c) {
        if (!c.mask) {
            return null;
        }
        int tq = c.q[c.q.length - 2];
        int tk = c.k[c.k.length - 2];
        boolean[] m = new boolean[c.q[0] * tq * tk];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < 0.7;
        }
        // Row 1 of batch 0 sees no key at all.
        for (int j = 0; j < tk; j++) {
            m[tk + j] = false;
        }
        // [batch, 1, tq, tk] for rank 4, [batch, tq, tk] for rank 3
        return c.q.length == 4 ? Tensor.fromFlat(m, c.q[0], 1, tq, tk) : Tensor.fromFlat(m, c.q[0], tq, tk);
    }

    @Test
    void fusedMatchesThePlainOpsInValuesAndGradients() {
        Rng rng = new Rng(4);
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dt == DType.FLOAT64 ? 1e-11 : 2e-5;
            for (Case c : CASES) {
                Tensor q = random(rng, dt, c.q);
                Tensor k = random(rng, dt, c.k).mul(3);
                int[] vs = c.k.clone();
                vs[vs.length - 1] = c.dv;
                Tensor v = random(rng, dt, vs);
                Tensor mask = maskFor(rng, c);
                long seed = 99;
                Tensor y;
                Tensor yr;
                List<Tensor> g;
                List<Tensor> gr;
                Tensor w = random(rng, dt, q.shape().dims().length == 4
                        ? new int[] {c.q[0], c.q[1], c.q[2], c.dv} : new int[] {c.q[0], c.q[1], c.dv});
                try (GradientTape t = GradientTape.persistent()) {
                    t.watch(q, k, v);
                    ScaledDotProductAttention op = new ScaledDotProductAttention(Double.NaN, c.causal, c.dropout, seed);
                    y = mask == null ? op.apply(q, k, v) : op.apply(q, k, v, mask);
                    yr = ScaledDotProductAttention.reference(q, k, v, mask, c.causal, c.dropout, seed, Double.NaN);
                    g = t.gradient(y.mul(w).sum(), List.of(q, k, v), null, UnconnectedGradients.ZERO);
                    gr = t.gradient(yr.mul(w).sum(), List.of(q, k, v), null, UnconnectedGradients.ZERO);
                }
                assertThat(y.shape()).isEqualTo(yr.shape());
                assertClose(y.toDoubleArray(), yr.toDoubleArray(), tol);
                for (int i = 0; i < 3; i++) {
                    assertClose(g.get(i).toDoubleArray(), gr.get(i).toDoubleArray(), tol * 10);
                }
                for (double x : y.toDoubleArray()) {
                    assertThat(x).isFinite();
                }
            }
        }
    }

    @Test
    void headsReadInPlaceFromAPermutedProjectionGiveTheSameValuesAndGradients() {
        // A multi-head layer's q, k, v are [b, t, h, d] views permuted to [b, h, t, d]: the kernels read
        // them in place and lay out the output and the gradients the same way (AttentionLayout).
        Rng rng = new Rng(21);
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dt == DType.FLOAT64 ? 1e-11 : 2e-5;
            for (boolean causal : new boolean[] {false, true}) {
                Tensor qs = random(rng, dt, 2, 37, 3, 8);
                Tensor ks = random(rng, dt, 2, 140, 3, 8).mul(2);
                Tensor vs = random(rng, dt, 2, 140, 3, 5);
                Tensor w = random(rng, dt, 2, 3, 37, 5);
                Tensor y;
                Tensor yc;
                List<Tensor> g;
                List<Tensor> gc;
                try (GradientTape t = GradientTape.persistent()) {
                    t.watch(qs, ks, vs);
                    Tensor q = qs.permute(0, 2, 1, 3);
                    Tensor k = ks.permute(0, 2, 1, 3);
                    Tensor v = vs.permute(0, 2, 1, 3);
                    assertThat(q.isContiguous()).isFalse();
                    y = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, null, causal);
                    yc = ScaledDotProductAttention.scaledDotProductAttention(q.contiguous(), k.contiguous(),
                            v.contiguous(), null, causal);
                    g = t.gradient(y.mul(w).sum(), List.of(qs, ks, vs));
                    gc = t.gradient(yc.mul(w).sum(), List.of(qs, ks, vs));
                }
                // The heads of the output are interleaved: merging them is a free reshape.
                assertThat(y.permute(0, 2, 1, 3).isContiguous()).isTrue();
                assertThat(yc.isContiguous()).isTrue();
                assertClose(y.toDoubleArray(), yc.toDoubleArray(), tol);
                for (int i = 0; i < 3; i++) {
                    assertThat(g.get(i).shape()).isEqualTo(gc.get(i).shape());
                    assertClose(g.get(i).toDoubleArray(), gc.get(i).toDoubleArray(), tol * 10);
                }
            }
        }
        Tensor qs = random(rng, DType.FLOAT64, 1, 3, 2, 2);
        Tensor ks = random(rng, DType.FLOAT64, 1, 4, 2, 2);
        Tensor vs = random(rng, DType.FLOAT64, 1, 4, 2, 3);
        java.util.function.Function<List<Tensor>, Tensor> f = in -> ScaledDotProductAttention.scaledDotProductAttention(
                in.get(0).permute(0, 2, 1, 3), in.get(1).permute(0, 2, 1, 3), in.get(2).permute(0, 2, 1, 3), null,
                true);
        GradCheck.check(f, List.of(qs, ks, vs)).assertPassed();
        GradCheck.gradGradCheck(f, List.of(qs, ks, vs)).assertPassed();
    }

    @Test
    void gradcheckAndGradgradcheckWithMaskCausalAndDropout() {
        Rng rng = new Rng(8);
        for (Case c : List.of(
                new Case(new int[] {2, 3, 2}, new int[] {2, 4, 2}, 3, false, true, 0),
                new Case(new int[] {1, 4, 3}, new int[] {1, 4, 3}, 2, true, false, 0),
                new Case(new int[] {1, 3, 2}, new int[] {1, 5, 2}, 2, true, true, 0.4))) {
            Tensor q = random(rng, DType.FLOAT64, c.q);
            Tensor k = random(rng, DType.FLOAT64, c.k);
            int[] vs = c.k.clone();
            vs[vs.length - 1] = c.dv;
            Tensor v = random(rng, DType.FLOAT64, vs);
            Tensor mask = maskFor(rng, c);
            java.util.function.Function<List<Tensor>, Tensor> f = in -> {
                ScaledDotProductAttention op = new ScaledDotProductAttention(Double.NaN, c.causal, c.dropout, 5);
                return mask == null ? op.apply(in.get(0), in.get(1), in.get(2))
                        : op.apply(in.get(0), in.get(1), in.get(2), mask);
            };
            GradCheck.check(f, List.of(q, k, v)).assertPassed();
            GradCheck.gradGradCheck(f, List.of(q, k, v)).assertPassed();
        }
    }

    @Test
    void theGradientOpHasAGradientToo() {
        // gradcheck of AttentionGrad itself (through the op's vjp): third derivatives of attention.
        Rng rng = new Rng(12);
        Tensor q = random(rng, DType.FLOAT64, 2, 3, 2);
        Tensor k = random(rng, DType.FLOAT64, 2, 4, 2);
        Tensor v = random(rng, DType.FLOAT64, 2, 4, 3);
        Tensor g = random(rng, DType.FLOAT64, 2, 3, 3);
        java.util.function.Function<List<Tensor>, Tensor> f = in -> {
            try (GradientTape t = new GradientTape()) {
                t.watch(in.get(0), in.get(1), in.get(2));
                Tensor y = ScaledDotProductAttention.scaledDotProductAttention(in.get(0), in.get(1), in.get(2), null,
                        true);
                List<Tensor> gs = t.gradient(y.mul(in.get(3)).sum(), List.of(in.get(0), in.get(1), in.get(2)));
                return gs.get(0).square().sum().add(gs.get(1).mul(gs.get(2).sum()).sum()).add(gs.get(2).sum());
            }
        };
        GradCheck.check(f, List.of(q, k, v, g)).assertPassed();
    }

    @Test
    void aRowThatSeesNoKeyIsZeroWithZeroGradients() {
        Tensor q = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor k = Tensor.of(new float[][] {{1, 0}, {0, 1}, {2, 2}});
        Tensor v = Tensor.of(new float[][] {{1, 1}, {2, 2}, {3, 3}});
        Tensor mask = Tensor.fromFlat(new boolean[] {true, false, true, false, false, false}, 2, 3);
        try (GradientTape t = new GradientTape()) {
            t.watch(q, k, v);
            Tensor y = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, mask, false);
            assertThat(y.toFloatArray2D()[1]).containsExactly(0f, 0f);
            List<Tensor> g = t.gradient(y.sum(), List.of(q, k, v));
            assertThat(g.get(0).toFloatArray2D()[1]).containsExactly(0f, 0f);
            for (Tensor x : g) {
                for (float f : x.toFloatArray()) {
                    assertThat(f).isFinite();
                }
            }
            // Key 1 is masked for every row: no gradient reaches it.
            assertThat(g.get(1).toFloatArray2D()[1]).containsExactly(0f, 0f);
            assertThat(g.get(2).toFloatArray2D()[1]).containsExactly(0f, 0f);
        }
    }

    @Test
    void causalGivesNoWeightToTheFuture() {
        Rng rng = new Rng(3);
        Tensor q = random(rng, DType.FLOAT32, 6, 4);
        Tensor k = random(rng, DType.FLOAT32, 6, 4);
        Tensor v = random(rng, DType.FLOAT32, 6, 3);
        Tensor y = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, null, true);
        // Changing the last key and value changes only the last output row.
        Tensor k2 = k.add(Tensor.fromFlat(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            5, 5, 5, 5}, 6, 4));
        Tensor y2 = ScaledDotProductAttention.scaledDotProductAttention(q, k2, v, null, true);
        float[][] a = y.toFloatArray2D();
        float[][] b = y2.toFloatArray2D();
        for (int i = 0; i < 5; i++) {
            assertThat(b[i]).containsExactly(a[i]);
        }
        assertThat(b[5]).isNotEqualTo(a[5]);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ScaledDotProductAttention.scaledDotProductAttention(Tensor.zeros(2, 3, 4),
                Tensor.zeros(2, 5, 4), Tensor.zeros(2, 6, 4), null, false))
                .hasMessageContaining("k [2, 5, 4] and v [2, 6, 4] must have the same length");
        assertThatThrownBy(() -> ScaledDotProductAttention.scaledDotProductAttention(Tensor.zeros(2, 3, 4),
                Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 4), Tensor.fromFlat(new boolean[12], 3, 4), false))
                .hasMessageContaining("mask [3, 4] does not broadcast to [batch..., tq, tk] = [2, 3, 5]");
        assertThatThrownBy(() -> ScaledDotProductAttention.scaledDotProductAttention(Tensor.zeros(2, 3, 4),
                Tensor.zeros(DType.FLOAT64, 2, 5, 4), Tensor.zeros(2, 5, 4), null, false))
                .hasMessageContaining("must have the same dtype");
        assertThatThrownBy(() -> new ScaledDotProductAttention(Double.NaN, false, 1.0, 0))
                .hasMessageContaining("dropout must be in [0, 1)");
    }
}
