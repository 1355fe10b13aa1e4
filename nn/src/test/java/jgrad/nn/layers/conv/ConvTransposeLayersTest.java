package jgrad.nn.layers.conv;

import static jgrad.nn.layers.conv.LayerFixtures.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.io.LayerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conv1D/2D/3DTranspose: Examples 5.2 and 5.3 of note 002 (and their stride-2 variants), the
 * adjoint identity with Conv1D/2D/3D, Keras's output lengths, errors, configs and gradients.
 */
class ConvTransposeLayersTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(6);
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    private static Tensor transpose2d(double[][] x, double[][] k, int stride) {
        Conv2DTranspose t = Conv2DTranspose.builder(1, k.length).strides(stride).useBias(false).build();
        t.setDtype(DType.FLOAT64);
        Tensor in = Tensor.of(x).reshape(1, x.length, x[0].length, 1);
        t.call(in);
        t.kernel().assign(Tensor.of(k).reshape(k.length, k[0].length, 1, 1));
        Tensor y = t.call(in);
        return y.reshape(y.dim(1), y.dim(2));
    }

    @Test
    void example52() {
        double[][] x = {{2, 0}, {5, 1}};
        double[][] k = {{1, 2}, {2, 3}};
        assertThat(transpose2d(x, k, 1).toDoubleArray2D()).isEqualTo(new double[][] {{2, 4, 0}, {9, 17, 2},
            {10, 17, 3}});
        assertThat(transpose2d(x, k, 2).toDoubleArray2D()).isEqualTo(new double[][] {{2, 4, 0, 0}, {4, 6, 0, 0},
            {5, 10, 1, 2}, {10, 15, 2, 3}});
    }

    @Test
    void example53() {
        double[][] x = {{1, 2}, {2, 1}};
        double[][] k = {{1, 2, 3}, {3, 1, 2}, {2, 1, 3}};
        assertThat(transpose2d(x, k, 1).toDoubleArray2D()).isEqualTo(new double[][] {{1, 4, 7, 6}, {5, 12, 12, 7},
            {8, 10, 10, 8}, {4, 4, 7, 3}});
        assertThat(transpose2d(x, k, 2).toDoubleArray2D()).isEqualTo(new double[][] {{1, 2, 5, 4, 6},
            {3, 1, 8, 2, 4}, {4, 5, 14, 4, 9}, {6, 2, 7, 1, 2}, {4, 2, 8, 1, 3}});
    }

    /** {@code <conv(z), x> = <convT(x), z>} with one kernel: the transposed convolution is the adjoint. */
    @Test
    void isTheAdjointOfTheConvolution() {
        int[][] cases = { // rank, in, kernel, stride, dilation, same?
            {1, 5, 3, 2, 1, 1}, {1, 4, 2, 3, 1, 0}, {1, 6, 3, 1, 2, 1},
            {2, 4, 3, 2, 1, 1}, {2, 3, 5, 2, 1, 1}, {2, 4, 4, 2, 1, 1}, {2, 3, 3, 3, 1, 0}, {2, 4, 2, 1, 2, 0},
            {3, 3, 2, 2, 1, 1}, {3, 2, 3, 1, 1, 0},
        };
        for (int[] c : cases) {
            int rank = c[0];
            String padding = c[5] == 1 ? "same" : "valid";
            BaseConvTranspose t = switch (rank) {
                case 1 -> Conv1DTranspose.builder(3, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding)
                        .useBias(false).build();
                case 2 -> Conv2DTranspose.builder(3, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding)
                        .useBias(false).build();
                default -> Conv3DTranspose.builder(3, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding)
                        .useBias(false).build();
            };
            BaseConv f = switch (rank) {
                case 1 -> Conv1D.builder(2, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding).useBias(false)
                        .build();
                case 2 -> Conv2D.builder(2, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding).useBias(false)
                        .build();
                default -> Conv3D.builder(2, c[2]).strides(c[3]).dilationRate(c[4]).padding(padding).useBias(false)
                        .build();
            };
            t.setDtype(DType.FLOAT64);
            f.setDtype(DType.FLOAT64);
            int[] xs = new int[rank + 2];
            Arrays.fill(xs, c[1]);
            xs[0] = 2;
            xs[rank + 1] = 2;
            Tensor x = random(c[1] * 10L + c[2], xs);
            Tensor y = t.call(x);
            Tensor z = random(7, y.shape().dims());
            f.call(z);
            f.kernel().assign(t.kernel().value());
            Tensor fz = f.call(z);
            String what = Arrays.toString(c);
            assertThat(fz.shape()).as(what).isEqualTo(x.shape());
            assertThat(fz.mul(x).sum().item()).as(what).isCloseTo(y.mul(z).sum().item(),
                    org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void outputLengthsAreKerasDeconvOutputLength() {
        // in, kernel, stride, dilation, padding, output padding (-1: None) -> Keras's length
        int[][] cases = {
            {5, 3, 2, 1, 0, -1, 11}, {4, 2, 3, 1, 0, -1, 12}, {5, 3, 2, 1, 1, -1, 10}, {5, 3, 2, 1, 1, 1, 10},
            {5, 3, 2, 1, 1, 0, 9}, {5, 4, 2, 1, 1, 1, 9}, {3, 3, 2, 2, 0, 1, 10}, {7, 5, 1, 1, 1, -1, 7},
        };
        for (int[] c : cases) {
            Conv1DTranspose t = Conv1DTranspose.builder(2, c[1]).strides(c[2]).dilationRate(c[3])
                    .padding(c[4] == 1 ? "same" : "valid").outputPadding(c[5] < 0 ? null : new int[] {c[5]}).build();
            SymbolicTensor out = t.call(Input.of(c[0], 3));
            assertThat(out.shape().dims()).as(Arrays.toString(c)).containsExactly(c[6], 2);
            assertThat(t.call(Tensor.ones(1, c[0], 3)).shape().dims()).as(Arrays.toString(c))
                    .containsExactly(1, c[6], 2);
        }
        Conv2DTranspose dcgan = Conv2DTranspose.builder(64, 5).strides(2).padding("same").useBias(false).build();
        assertThat(dcgan.call(Input.of(7, 7, 128)).shape().dims()).containsExactly(14, 14, 64);
        assertThat(dcgan.countParams()).isEqualTo(5 * 5 * 64 * 128);
        assertThat(dcgan.kernel().shape().dims()).containsExactly(5, 5, 64, 128);
        assertThat(dcgan.name()).isEqualTo("conv2d_transpose");
    }

    @Test
    void channelsFirstGivesTheSameNumbersAsChannelsLast() {
        for (int rank = 1; rank <= 3; rank++) {
            BaseConvTranspose last = make(rank, null);
            BaseConvTranspose first = make(rank, "channels_first");
            int[] s = new int[rank + 2];
            Arrays.fill(s, 3);
            s[0] = 2;
            s[rank + 1] = 4;
            Tensor x = random(rank, s);
            Tensor xFirst = DataFormat.CHANNELS_FIRST.fromChannelsLast(x);
            last.call(x);
            first.call(xFirst);
            first.setWeights(last.getWeights());
            close(DataFormat.CHANNELS_FIRST.toChannelsLast(first.call(xFirst)), last.call(x), 1e-12, "rank " + rank);
        }
    }

    private static BaseConvTranspose make(int rank, String format) {
        BaseConvTranspose t = switch (rank) {
            case 1 -> Conv1DTranspose.builder(3, 3).strides(2).padding("same").biasInitializer("random_normal")
                    .dataFormat(format).build();
            case 2 -> Conv2DTranspose.builder(3, 3, 2).strides(2, 1).outputPadding(1, 0).activation("tanh")
                    .biasInitializer("random_normal").dataFormat(format).build();
            default -> Conv3DTranspose.builder(3, 2).strides(2).padding("same").biasInitializer("random_normal")
                    .dataFormat(format).build();
        };
        t.setDtype(DType.FLOAT64);
        return t;
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> Conv2DTranspose.builder(1, 3).strides(2).outputPadding(2).build())
                .hasMessage("Conv2DTranspose: output_padding (2, 2) must be smaller than strides (2, 2) on every axis");
        assertThatThrownBy(() -> Conv1DTranspose.builder(1, 3).padding("causal").build())
                .hasMessageContaining("Conv1DTranspose: padding must be 'valid' or 'same', got 'causal'");
        assertThatThrownBy(() -> Conv3DTranspose.builder(1, 3).strides(1, 0, 1).build())
                .hasMessageContaining("Conv3DTranspose: strides must be positive, got (1, 0, 1)");
        assertThatThrownBy(() -> new Conv2DTranspose(4, 3).call(Tensor.zeros(2, 5, 5)))
                .hasMessageContaining("(Conv2DTranspose)")
                .hasMessageContaining("rank 4")
                .hasMessageContaining("(None, 5, 5)");
        // 'same' with an even kernel, stride 1 and output padding 0 gives one row too few to be the adjoint.
        assertThatThrownBy(() -> Conv1DTranspose.builder(1, 2).padding("same").outputPadding(0).build()
                .call(Tensor.zeros(1, 5, 1)))
                .hasMessageContaining("(Conv1DTranspose)")
                .hasMessageContaining("do not fit the input (None, 5, 1)");
        Conv2DTranspose built = new Conv2DTranspose(4, 3);
        built.call(Tensor.zeros(1, 4, 4, 2));
        assertThatThrownBy(() -> built.call(Tensor.zeros(1, 2, 4, 4)))
                .hasMessageContaining("expects 2 input channels on the last axis")
                .hasMessageContaining("(None, 2, 4, 4)");
    }

    @Test
    void configRoundTrips() {
        List<Layer> layers = List.of(
                Conv1DTranspose.builder(4, 3).strides(2).padding("same").activation("relu").build(),
                Conv2DTranspose.builder(8, 3, 5).strides(2, 3).outputPadding(1, 2).dilationRate(1)
                        .dataFormat("channels_first").useBias(false).kernelInitializer("he_uniform").build(),
                Conv3DTranspose.builder(2, 2).build());
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            Layer back = LayerRegistry.create(l.className(), c);
            assertThat(back.getClass()).isEqualTo(l.getClass());
            assertThat(back.config()).isEqualTo(c);
        }
        assertThat(layers.get(1).config()).containsEntry("output_padding", List.of(1, 2));
        assertThat(layers.get(0).config()).containsEntry("output_padding", null);
    }

    @Test
    void gradientsOfEveryOrderWithRespectToTheInput() {
        Conv1DTranspose t1 = Conv1DTranspose.builder(2, 3).strides(2).padding("same").activation("tanh").build();
        Conv2DTranspose t2 = Conv2DTranspose.builder(2, 3, 2).strides(2, 1).outputPadding(1, 0).build();
        Conv3DTranspose t3 = Conv3DTranspose.builder(1, 2).strides(2).build();
        Conv2DTranspose cf = Conv2DTranspose.builder(2, 2).strides(2).dataFormat("channels_first")
                .activation("sigmoid").build();
        for (Layer l : List.of(t1, t2, t3, cf)) {
            l.setDtype(DType.FLOAT64);
        }
        LayerFixtures.gradCheck(t1, random(1, 1, 4, 2));
        LayerFixtures.gradCheck(t2, random(2, 1, 2, 3, 2));
        LayerFixtures.gradCheck(t3, random(3, 1, 2, 2, 1, 2));
        LayerFixtures.gradCheck(cf, random(4, 1, 2, 2, 2));
    }
}
