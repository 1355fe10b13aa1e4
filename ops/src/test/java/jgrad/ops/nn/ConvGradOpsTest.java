package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.ops.kernels.Epilogue.Activation;
import org.junit.jupiter.api.Test;

/**
 * The ops behind a convolution's vjp, {@link ConvInputGrad} and {@link ConvFilterGrad}: their
 * values against the convolution's own gradients, their vjps by gradcheck and gradgradcheck (so
 * that a convolution can be differentiated three times), and their errors.
 */
class ConvGradOpsTest {
    private record Setup(List<Integer> strides, List<Integer> dilations, Padding padding, int[] x, int[] kernel) {}

    private static final List<Setup> SETUPS = List.of(
            new Setup(List.of(1, 1), List.of(1, 1), Padding.SAME, new int[] {2, 4, 5, 2}, new int[] {3, 3, 2, 3}),
            new Setup(List.of(2, 1), List.of(1, 2), Padding.VALID, new int[] {1, 5, 6, 3}, new int[] {2, 2, 3, 2}),
            new Setup(List.of(1), List.of(2), Padding.CAUSAL, new int[] {2, 6, 2}, new int[] {2, 2, 3}),
            new Setup(List.of(1, 1, 1), List.of(1, 1, 1), Padding.SAME, new int[] {1, 2, 3, 3, 1},
                    new int[] {2, 3, 2, 1, 2}));

    private static Tensor random(Rng rng, int... shape) {
        return Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, shape);
    }

    private static int[] outShape(Setup s, Tensor x, Tensor k) {
        int[] strides = s.strides().stream().mapToInt(Integer::intValue).toArray();
        int[] dil = s.dilations().stream().mapToInt(Integer::intValue).toArray();
        return Conv.conv(x, k, null, strides, dil, s.padding(), Activation.LINEAR).shape().dims();
    }

    @Test
    void theyAreTheConvolutionsGradients() {
        Rng rng = new Rng(21);
        for (Setup s : SETUPS) {
            Tensor x = random(rng, s.x());
            Tensor k = random(rng, s.kernel());
            int[] strides = s.strides().stream().mapToInt(Integer::intValue).toArray();
            int[] dil = s.dilations().stream().mapToInt(Integer::intValue).toArray();
            Tensor dz = random(rng, outShape(s, x, k));
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x, k);
                Tensor y = Conv.conv(x, k, null, strides, dil, s.padding(), Activation.LINEAR);
                grads = tape.gradient(y, List.of(x, k), dz, jgrad.core.UnconnectedGradients.ZERO);
            }
            Tensor dx = new ConvInputGrad(s.strides(), s.dilations(), s.padding(), x.shape()).apply(dz, k);
            Tensor dk = new ConvFilterGrad(s.strides(), s.dilations(), s.padding(), k.shape()).apply(x, dz);
            assertThat(dx.toDoubleArray()).containsExactly(grads.get(0).toDoubleArray());
            assertThat(dk.toDoubleArray()).containsExactly(grads.get(1).toDoubleArray());
            // <conv(x, k), dz> == <x, dx> == <k, dk>
            double y = Conv.conv(x, k, null, strides, dil, s.padding(), Activation.LINEAR).mul(dz).sum().item();
            assertThat(x.mul(dx).sum().item()).isCloseTo(y, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(k.mul(dk).sum().item()).isCloseTo(y, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void theirGradientsPassGradcheckAndGradgradcheck() {
        Rng rng = new Rng(22);
        for (Setup s : SETUPS) {
            Tensor x = random(rng, s.x());
            Tensor k = random(rng, s.kernel());
            Tensor dz = random(rng, outShape(s, x, k));
            Function<List<Tensor>, Tensor> input = in -> new ConvInputGrad(s.strides(), s.dilations(), s.padding(),
                    x.shape()).apply(in.get(0), in.get(1));
            Function<List<Tensor>, Tensor> filter = in -> new ConvFilterGrad(s.strides(), s.dilations(), s.padding(),
                    k.shape()).apply(in.get(0), in.get(1));
            GradCheck check = GradCheck.withDefaults();
            check.jacobianCheck(input, List.of(dz, k)).assertPassed();
            check.secondOrder(input, List.of(dz, k)).assertPassed();
            check.jacobianCheck(filter, List.of(x, dz)).assertPassed();
            check.secondOrder(filter, List.of(x, dz)).assertPassed();
        }
    }

    @Test
    void activationGradGivesTheBitsOfTheComposedOpsAndPassesGradgradcheck() {
        Rng rng = new Rng(23);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // Odd lengths leave vector tails; a NaN and both zeros in y check ReLU's comparison.
            Tensor grad = Tensor.randomNormal(rng, dt, 0, 1, 3, 37);
            Tensor z = Tensor.randomNormal(rng, dt, 0, 2, 3, 37);
            for (Activation act : Activation.values()) {
                Tensor y = act.apply(z);
                if (act == Activation.RELU) {
                    double[] v = y.toDoubleArray();
                    v[1] = Double.NaN;
                    v[2] = -0.0;
                    v[3] = 0.0;
                    y = Tensor.fromFlat(v, 3, 37).cast(dt);
                }
                Tensor expected = act.gradient(grad, y);
                Tensor actual = new ActivationGrad(act).apply(grad, y);
                assertThat(actual.dtype()).isEqualTo(dt);
                assertThat(actual.toDoubleArray()).as("%s %s", act, dt).containsExactly(expected.toDoubleArray());
                // One value broadcast (a sum's gradient), passed without being written out.
                Tensor one = Tensor.full(dt, 0.75, 1, 1).expand(3, 37);
                assertThat(new ActivationGrad(act).apply(one, y).toDoubleArray()).as("%s %s broadcast", act, dt)
                        .containsExactly(act.gradient(one, y).toDoubleArray());
            }
        }
        for (Activation act : Activation.values()) {
            // y need not be an activation's output here; uniform in [-1, 1] stays away from
            // ReLU's kink at 0 (where a numerical derivative is meaningless) with probability 1.
            Tensor y = random(rng, 2, 5);
            Function<List<Tensor>, Tensor> f = in -> new ActivationGrad(act).apply(in.get(0), in.get(1));
            Function<List<Tensor>, Tensor> composed = in -> act.gradient(in.get(0), in.get(1));
            List<Tensor> inputs = List.of(random(rng, 2, 5), y);
            GradCheck.withDefaults().jacobianCheck(f, inputs).assertPassed();
            GradCheck.withDefaults().secondOrder(f, inputs).assertPassed();
            // The same first derivatives as the composition it replaces.
            List<Tensor> a;
            List<Tensor> e;
            Tensor u = random(rng, 2, 5);
            try (GradientTape tape = new GradientTape()) {
                tape.watch(inputs.toArray(new Tensor[0]));
                a = tape.gradient(f.apply(inputs).mul(u).sum(), inputs, null, jgrad.core.UnconnectedGradients.ZERO);
            }
            try (GradientTape tape = new GradientTape()) {
                tape.watch(inputs.toArray(new Tensor[0]));
                e = tape.gradient(composed.apply(inputs).mul(u).sum(), inputs, null,
                        jgrad.core.UnconnectedGradients.ZERO);
            }
            for (int i = 0; i < 2; i++) {
                double[] ai = a.get(i).toDoubleArray();
                double[] ei = e.get(i).toDoubleArray();
                for (int j = 0; j < ai.length; j++) {
                    assertThat(ai[j]).as("%s d%d", act, i).isCloseTo(ei[j], org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
        assertThatThrownBy(() -> new ActivationGrad(Activation.RELU).apply(Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .hasMessageContaining("activationGrad: grad float32 [2, 3] and y float32 [3, 2] must have one shape");
    }

    @Test
    void biasGradIsTheSumOverAllButTheLastAxis() {
        Rng rng = new Rng(24);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int f : new int[] {1, 3, 6, 16, 17, 64}) {
                // Enough rows for whole periods of lcm(f, vector length), and a ragged tail.
                Tensor dz = Tensor.randomNormal(rng, dt, 0, 1, 5, 13, f);
                Tensor expected = dz.reshape(-1, f).sum(0);
                Tensor actual = new BiasGrad().apply(dz);
                assertThat(actual.shape().dims()).containsExactly(f);
                double[] a = actual.toDoubleArray();
                double[] e = expected.toDoubleArray();
                for (int q = 0; q < f; q++) {
                    assertThat(a[q]).as("%s f=%d", dt, f).isCloseTo(e[q],
                            org.assertj.core.api.Assertions.within(dt == DType.FLOAT32 ? 1e-4 : 1e-12));
                }
            }
        }
        // Large enough for several blocks of partial sums (and two threads where there are two).
        Tensor big = Tensor.randomNormal(rng, DType.FLOAT32, 0, 1, 2048, 10, 16);
        double[] a = new BiasGrad().apply(big).toDoubleArray();
        double[] e = big.cast(DType.FLOAT64).reshape(-1, 16).sum(0).toDoubleArray();
        for (int q = 0; q < 16; q++) {
            assertThat(a[q]).isCloseTo(e[q], org.assertj.core.api.Assertions.within(1e-2));
        }
        assertThat(new BiasGrad().apply(big).toDoubleArray()).containsExactly(a);
        Function<List<Tensor>, Tensor> fn = in -> new BiasGrad().apply(in.get(0)).mul(new BiasGrad().apply(in.get(0)));
        List<Tensor> inputs = List.of(random(rng, 2, 3, 6));
        GradCheck.withDefaults().jacobianCheck(fn, inputs).assertPassed();
        GradCheck.withDefaults().secondOrder(fn, inputs).assertPassed();
        assertThatThrownBy(() -> new BiasGrad().apply(Tensor.scalar(1.0, DType.FLOAT32)))
                .hasMessageContaining("biasGrad: dz must have a filters axis");
    }

    @Test
    void mismatchedShapesAreRefusedWithTheShapes() {
        Tensor k = Tensor.zeros(3, 3, 2, 4);
        ConvInputGrad dx = new ConvInputGrad(List.of(1, 1), List.of(1, 1), Padding.VALID, Shape.of(1, 5, 5, 2));
        assertThatThrownBy(() -> dx.apply(Tensor.zeros(1, 3, 3, 5), k))
                .hasMessageContaining("convInputGrad: dz must be float32 [1, 3, 3, 4]")
                .hasMessageContaining("got float32 [1, 3, 3, 5]");
        assertThatThrownBy(() -> dx.apply(Tensor.zeros(1, 3, 3, 4), Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("has 2 channels but kernel [3, 3, 3, 4] expects 3");
        ConvFilterGrad dk = new ConvFilterGrad(List.of(1, 1), List.of(1, 1), Padding.VALID, Shape.of(3, 3, 2, 4));
        assertThatThrownBy(() -> dk.apply(Tensor.zeros(1, 5, 5, 2), Tensor.zeros(1, 4, 3, 4)))
                .hasMessageContaining("convFilterGrad: dz must be float32 [1, 3, 3, 4]");
        assertThatThrownBy(() -> dk.apply(Tensor.zeros(1, 5, 5, 3), Tensor.zeros(1, 3, 3, 4)))
                .hasMessageContaining("x [1, 5, 5, 3] has 3 channels but the kernel [3, 3, 2, 4] expects 2");
        assertThatThrownBy(() -> new ConvFilterGrad(List.of(1, 1), List.of(1, 1), Padding.VALID, Shape.of(3, 2, 4)))
                .hasMessageContaining("kernelShape [3, 2, 4] must have rank 4");
    }
}
