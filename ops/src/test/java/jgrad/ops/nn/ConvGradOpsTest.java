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
