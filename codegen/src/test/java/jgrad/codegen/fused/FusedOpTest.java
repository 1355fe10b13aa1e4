package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.ops.math.Add;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Tanh;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FusedOpTest {
    @BeforeAll
    static void synchronous() {
        Kernels.setSynchronous(true);
    }

    @AfterAll
    static void asynchronous() {
        Kernels.setSynchronous(false);
    }

    /** y = exp(x0 * x1 + x2). */
    static FusedGroup mulAddExp() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x0 = b.input();
        int x1 = b.input();
        int x2 = b.input();
        int m = b.node(new Mul(), x0, x1);
        int a = b.node(new Add(), m, x2);
        b.node(new Exp(), a);
        return b.build();
    }

    @Test
    void forwardMatchesUnfusedWithBiasBroadcast() {
        Rng rng = new Rng(1);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 5, 37);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 5, 37);
        Tensor bias = Tensor.randomUniform(rng, -1, 1, 37);
        FusedOp op = new FusedOp(mulAddExp());
        Tensor fused = op.apply(x, y, bias);
        Tensor expected = x.mul(y).add(bias).exp();
        assertThat(fused.shape()).isEqualTo(expected.shape());
        assertThat(fused.allClose(expected, 1e-6, 1e-6)).isTrue();
        assertThat(Kernels.all()).anySatisfy(k -> assertThat(k.source()).contains("y = exp(x0 * x1 + x2)"));
    }

    @Test
    void otherBroadcastPatternsAreExpandedFirst() {
        Rng rng = new Rng(13);
        FusedOp op = new FusedOp(mulAddExp());
        Tensor x = Tensor.randomUniform(rng, -1, 1, 3, 1, 5);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 1, 4, 1);
        Tensor z = Tensor.randomUniform(rng, -1, 1, 4, 5);
        Tensor fused = op.apply(x, y, z);
        assertThat(fused.shape().dims()).containsExactly(3, 4, 5);
        assertThat(fused.allClose(op.unfused(x, y, z), 1e-6, 1e-6)).isTrue();
        List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 2, 1, 3),
                Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 1, 2, 1), Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3));
        GradCheck.check(t -> op.apply(t.get(0), t.get(1), t.get(2)), in).assertPassed();
    }

    @Test
    void broadcastGradientsAreSummedInTheKernelAcrossThreads() {
        // Large enough to be split across threads: each chunk sums the bias, per-row and scalar
        // gradients into arrays of its own.
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int bias = b.input();
        int col = b.input();
        int s = b.input();
        b.node(new Tanh(), b.node(new Mul(), b.node(new Add(), b.node(new Mul(), x, s), bias), col));
        FusedOp op = new FusedOp(b.build());
        Rng rng = new Rng(14);
        for (DType dtype : DType.values()) {
            if (!dtype.isFloating()) {
                continue;
            }
            Tensor[] in = {Tensor.randomUniform(rng, dtype, -1, 1, 300, 257), Tensor.randomUniform(rng, dtype, -1, 1, 257),
                Tensor.randomUniform(rng, dtype, -1, 1, 300, 1), Tensor.randomUniform(rng, dtype, -1, 1)};
            Tensor w = Tensor.randomUniform(rng, dtype, -1, 1, 300, 257);
            List<Tensor> fused = RandomChainTest.gradients(in, w, op::apply);
            List<Tensor> unfused = RandomChainTest.gradients(in, w, op::unfused);
            double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-10;
            for (int i = 0; i < in.length; i++) {
                assertThat(fused.get(i).shape()).isEqualTo(in[i].shape());
                assertThat(fused.get(i).allClose(unfused.get(i), tol, tol)).as("%s input %d", dtype, i).isTrue();
            }
        }
        assertThat(Kernels.all().getLast().source()).contains("summed over the rows: one value per column");
    }

    @Test
    void nameListsTheOps() {
        assertThat(new FusedOp(mulAddExp()).name()).isEqualTo("fused[mul,add,exp]");
    }

    @Test
    void gradientsPassGradCheckFirstAndSecondOrder() {
        Rng rng = new Rng(2);
        FusedOp op = new FusedOp(mulAddExp());
        List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 4),
                Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 4), Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 4));
        GradCheck.check(t -> op.apply(t.get(0), t.get(1), t.get(2)), in).assertPassed();
        GradCheck.gradGradCheck(t -> op.apply(t.get(0), t.get(1), t.get(2)), in).assertPassed();
    }

    @Test
    void sumEpilogue() {
        Rng rng = new Rng(3);
        FusedGroup.Builder b = FusedGroup.builder();
        int x0 = b.input();
        int t = b.node(new Tanh(), x0);
        b.node(new Sum(new int[] {-1}, false), t);
        FusedOp op = new FusedOp(b.build());
        Tensor x = Tensor.randomUniform(rng, -2, 2, 7, 65);
        assertThat(op.apply(x).allClose(x.tanh().sum(-1), 1e-5, 1e-5)).isTrue();
        List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 4));
        GradCheck.check(s -> op.apply(s.get(0)), in).assertPassed();
    }

    @Test
    void boolMaskInputsScalarsAndEmptyTensors() {
        FusedGroup.Builder b = FusedGroup.builder();
        int c = b.input();
        int x = b.input();
        int y = b.input();
        b.node(new Exp(), b.node(new jgrad.ops.math.Where(), c, x, b.node(new Mul(), y, y)));
        FusedOp op = new FusedOp(b.build());
        Rng rng = new Rng(4);
        // A per-column mask over [3, 17], a full x, a scalar y.
        Tensor mask = Tensor.randomUniform(rng, -1, 1, 17).greater(0);
        Tensor xs = Tensor.randomUniform(rng, -1, 1, 3, 17);
        Tensor ys = Tensor.of(0.5f);
        assertThat(op.apply(mask, xs, ys).allClose(op.unfused(mask, xs, ys), 1e-6, 1e-6)).isTrue();
        // Everything scalar: a rank-0 result.
        Tensor r = op.apply(Tensor.of(true), Tensor.of(2f), ys);
        assertThat(r.shape().rank()).isZero();
        assertThat(r.item()).isCloseTo(Math.exp(2), org.assertj.core.api.Assertions.within(1e-5));
        // Zero elements.
        assertThat(op.apply(Tensor.zeros(jgrad.core.DType.BOOL, 0, 17), Tensor.zeros(0, 17), ys).shape().dims())
                .containsExactly(0, 17);
        assertThatThrownBy(() -> op.apply(xs, xs, ys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 0 is a condition and must be bool, got float32 [3, 17]");
    }

    @Test
    void nanAndSignedZerosBehaveAsTheOps() {
        float[] v = {Float.NaN, -0f, 0f, 1f, -1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f, -2f};
        float[] big = new float[37];
        for (int i = 0; i < big.length; i++) {
            big[i] = v[i % v.length];
        }
        Tensor x = Tensor.of(big);
        Tensor y = Tensor.of(big).neg();
        FusedGroup.Builder b = FusedGroup.builder();
        int a = b.input();
        int c = b.input();
        int m = b.node(new jgrad.ops.math.Maximum(), b.node(new jgrad.ops.math.Relu(), a), c);
        int n = b.node(new jgrad.ops.math.Minimum(), b.node(new jgrad.ops.math.Sign(), m), b.node(new jgrad.ops.math.Clip(-0.25, 0.75), c));
        b.node(new jgrad.ops.math.Add(), n, b.node(new jgrad.ops.math.Sign(), a));
        FusedOp op = new FusedOp(b.build());
        Tensor fused = op.apply(x, y);
        Tensor unfused = op.unfused(x, y);
        assertThat(fused.contentEquals(unfused)).as("fused %s, unfused %s", fused, unfused).isTrue();
    }

    @Test
    void aLongGroupRunsAsStagesOfOneKernelEach() {
        // 100 nodes: sin, mul by x1, tanh, add x2, repeated; cut into stages of at most 48 nodes.
        FusedGroup.Builder b = FusedGroup.builder();
        int x0 = b.input();
        int x1 = b.input();
        int x2 = b.input();
        int cur = x0;
        for (int i = 0; i < 25; i++) {
            cur = b.node(new jgrad.ops.math.Add(), b.node(new Tanh(), b.node(new Mul(), b.node(new jgrad.ops.math.Sin(),
                    cur), x1)), x2);
        }
        FusedOp op = new FusedOp(b.build());
        Rng rng = new Rng(12);
        Tensor a = Tensor.randomUniform(rng, -1, 1, 5, 33);
        Tensor c = Tensor.randomUniform(rng, -1, 1, 33);
        Tensor d = Tensor.randomUniform(rng, -1, 1, 5, 1);
        long before = Kernels.compilations();
        Tensor fused = op.apply(a, c, d);
        // Stages of 48, 48 and 4 nodes; the first two are the same group, so they share a kernel.
        assertThat(Kernels.compilations() - before).isEqualTo(2);
        assertThat(fused.allClose(op.unfused(a, c, d), 1e-5, 1e-5)).isTrue();
        assertThat(Kernels.all().getLast().fusedOps()).hasSizeLessThanOrEqualTo(FusionRules.MAX_GROUP_NODES);

        List<Tensor> in = List.of(Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 2, 3),
                Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3), Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 2, 1));
        GradCheck.check(t -> op.apply(t.get(0), t.get(1), t.get(2)), in).assertPassed();
    }

    @Test
    void badDtypeNamesTheInput() {
        FusedOp op = new FusedOp(mulAddExp());
        assertThatThrownBy(() -> op.apply(Tensor.zeros(2), Tensor.zeros(DType.FLOAT64, 2), Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fused[mul,add,exp]: dtype mismatch: input 1 is float64 [2]");
        assertThatThrownBy(() -> op.apply(Tensor.zeros(2), Tensor.zeros(DType.INT64, 2), Tensor.zeros(2)))
                .hasMessageContaining("fused[mul,add,exp]: input 1 must be float32 or float64, got int64 [2]");
        assertThatThrownBy(() -> op.apply(Tensor.zeros(2, 3), Tensor.zeros(4), Tensor.zeros(3)))
                .hasMessageContaining("fused[mul,add,exp] (node 0, mul): cannot broadcast");
        assertThatThrownBy(() -> op.apply(Tensor.zeros(2))).hasMessageContaining("expected 3 inputs, got 1");
    }
}
