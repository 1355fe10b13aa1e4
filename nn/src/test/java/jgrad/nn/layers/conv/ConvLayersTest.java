package jgrad.nn.layers.conv;

import static jgrad.nn.layers.conv.LayerFixtures.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.constraints.MaxNorm;
import jgrad.nn.constraints.NonNeg;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.regularizers.L2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv1D, Conv2D and Conv3D: the notes' examples, Keras's defaults, shapes, errors, configs and gradients. */
class ConvLayersTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(5);
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    /** A float64 layer built for x with a given kernel (Keras layout) and no bias. */
    private static <L extends BaseConv> L withKernel(L layer, Tensor x, Tensor kernel) {
        layer.setDtype(DType.FLOAT64);
        layer.call(x);
        layer.kernel().assign(kernel);
        return layer;
    }

    private static Tensor image(double[][] rows) {
        return Tensor.of(rows).reshape(1, rows.length, rows[0].length, 1);
    }

    private static Tensor kernel2d(double[][] rows) {
        return Tensor.of(rows).reshape(rows.length, rows[0].length, 1, 1);
    }

    private static final double[][] X43 = {{1, 4, 1, 1, 2}, {4, 3, 1, 2, 1}, {5, 2, 2, 2, 5}, {1, 3, 2, 4, 3}};
    private static final double[][] K43 = {{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}};

    @Test
    void example41OneDimensionalCrossCorrelation() {
        Tensor x = Tensor.of(new double[] {1, 4, 2, 0, 9, 1, 3}).reshape(1, 7, 1);
        Conv1D c = withKernel(Conv1D.builder(1, 3).useBias(false).build(), x,
                Tensor.of(new double[] {0.25, 0.5, 0.25}).reshape(3, 1, 1));
        assertThat(c.call(x).toDoubleArray()).containsExactly(2.75, 2.0, 2.75, 4.75, 3.5);
    }

    @Test
    void examples43To45ThroughTheConv2DLayer() {
        Tensor x = image(X43);
        Conv2D valid = withKernel(Conv2D.builder(1, 3).useBias(false).build(), x, kernel2d(K43));
        assertThat(valid.call(x).toDoubleArray()).containsExactly(4, -9, 1, -5, -3, -4);
        Conv2D same = withKernel(Conv2D.builder(1, 3).padding("same").useBias(false).build(), x, kernel2d(K43));
        assertThat(same.call(x).toDoubleArray()).containsExactly(-3, 22, -3, 1, 12, 17, 4, -9, 1, -4, 27, -5, -3, -4,
                28, -2, 12, 3, 18, 13);
        // Keras 'same' at stride 2 (the odd padding after): SEEDS-4-8's [[17,-9,-4],[-2,3,13]].
        Conv2D strided = withKernel(Conv2D.builder(1, 3).strides(2).padding("same").useBias(false).build(), x,
                kernel2d(K43));
        Tensor y = strided.call(x);
        assertThat(y.shape().dims()).containsExactly(1, 2, 3, 1);
        assertThat(y.toDoubleArray()).containsExactly(17, -9, -4, -2, 3, 13);
    }

    @Test
    void multipleInputChannelsAreSummed() {
        // d2l's check (SEEDS-4-8 4.3.5): channels [[0..8]] and [[1..9]], kernels [[0,1],[2,3]] and [[1,2],[3,4]].
        double[] c0 = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] inter = new double[18];
        for (int i = 0; i < 9; i++) {
            inter[2 * i] = c0[i];
            inter[2 * i + 1] = c0[i] + 1;
        }
        Tensor x = Tensor.fromFlat(inter, 1, 3, 3, 2);
        Tensor k = Tensor.fromFlat(new double[] {0, 1, 1, 2, 2, 3, 3, 4}, 2, 2, 2, 1);
        Conv2D c = withKernel(Conv2D.builder(1, 2).useBias(false).build(), x, k);
        assertThat(c.call(x).toDoubleArray()).containsExactly(56, 72, 104, 120);
    }

    @Test
    void allOnesVolumeWithAllOnesKernelGivesEights() {
        Conv3D c = Conv3D.builder(1, 2).useBias(false).kernelInitializer(Initializers.ones()).build();
        Tensor y = c.call(Tensor.ones(1, 3, 3, 3, 1));
        assertThat(y.shape().dims()).containsExactly(1, 2, 2, 2, 1);
        assertThat(y.toFloatArray()).containsOnly(8f);
        assertThat(c.countParams()).isEqualTo(8);
    }

    @Test
    void buildsKerasLayoutsNamesAndDefaults() {
        Conv2D c = new Conv2D(6, 5, "sigmoid");
        Tensor y = c.call(Tensor.ones(2, 28, 28, 1));
        assertThat(y.shape().dims()).containsExactly(2, 24, 24, 6);
        assertThat(c.name()).isEqualTo("conv2d");
        assertThat(c.kernel().name()).isEqualTo("conv2d/kernel");
        assertThat(c.kernel().shape()).isEqualTo(Shape.of(5, 5, 1, 6));
        assertThat(c.bias().toFloatArray()).containsOnly(0f);
        assertThat(c.countParams()).isEqualTo(156);
        // glorot_uniform with Keras's fans for a kernel: receptive field times in and out channels.
        double limit = Math.sqrt(6.0 / (25 * 1 + 25 * 6));
        for (float w : c.kernel().toFloatArray()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo((float) limit);
        }
        assertThat(y.min().item()).isGreaterThan(0.0);
        assertThat(c.strides()).containsExactly(1, 1);
        assertThat(c.dilationRate()).containsExactly(1, 1);
        assertThat(c.padding()).isEqualTo("valid");
        assertThat(c.groups()).isEqualTo(1);
        assertThat(c.dataFormat()).isEqualTo(DataFormat.CHANNELS_LAST);
        assertThat(new Conv1D(2, 3).name()).isEqualTo("conv1d");
        assertThat(new Conv3D(2, 3).name()).isEqualTo("conv3d");
        assertThat(new Conv2D(2, 3).name()).isEqualTo("conv2d_1");
        Conv2D grouped = Conv2D.builder(6, 3).groups(3).build();
        grouped.call(Tensor.ones(1, 5, 5, 9));
        assertThat(grouped.kernel().shape()).isEqualTo(Shape.of(3, 3, 3, 6));
        assertThat(grouped.countParams()).isEqualTo(3 * 3 * 3 * 6 + 6);
        assertThat(grouped.toString()).contains("filters=6", "kernel_size=(3, 3)", "groups=3");
    }

    @Test
    void symbolicShapesAreExactAndMatchForward() {
        int[][] cases = { // rank, in, kernel, stride, dilation, padding (0 valid, 1 same, 2 causal), groups
            {1, 10, 3, 1, 1, 0, 1}, {1, 10, 3, 2, 1, 1, 1}, {1, 9, 3, 1, 2, 2, 1}, {1, 11, 4, 3, 1, 1, 2},
            {2, 7, 3, 2, 1, 0, 1}, {2, 8, 3, 3, 1, 1, 2}, {2, 9, 2, 1, 3, 0, 1}, {2, 5, 5, 2, 1, 1, 1},
            {3, 5, 2, 1, 1, 0, 1}, {3, 6, 3, 2, 1, 1, 1}, {3, 7, 2, 2, 2, 0, 2},
        };
        String[] pads = {"valid", "same", "causal"};
        for (int[] c : cases) {
            int rank = c[0];
            int[] in = new int[rank + 1];
            java.util.Arrays.fill(in, c[1]);
            in[rank] = 4;
            BaseConv layer = switch (rank) {
                case 1 -> Conv1D.builder(6, c[2]).strides(c[3]).dilationRate(c[4]).padding(pads[c[5]]).groups(c[6])
                        .build();
                case 2 -> Conv2D.builder(6, c[2]).strides(c[3]).dilationRate(c[4]).padding(pads[c[5]]).groups(c[6])
                        .build();
                default -> Conv3D.builder(6, c[2]).strides(c[3]).dilationRate(c[4]).padding(pads[c[5]])
                        .groups(c[6]).build();
            };
            SymbolicTensor out = layer.call(Input.of(in));
            int[] batch = new int[rank + 2];
            batch[0] = 2;
            System.arraycopy(in, 0, batch, 1, in.length);
            Tensor y = layer.call(Tensor.ones(batch));
            assertThat(y.shape().dims()).as(java.util.Arrays.toString(c))
                    .isEqualTo(jgrad.nn.Shapes.withBatch(2, out.shape()));
            int expected = c[5] == 0 ? (c[1] - ((c[2] - 1) * c[4] + 1)) / c[3] + 1 : (c[1] + c[3] - 1) / c[3];
            assertThat(out.shape().get(0)).as(java.util.Arrays.toString(c)).isEqualTo(expected);
        }
    }

    @Test
    void channelsFirstGivesTheSameNumbersAsChannelsLast() {
        List<int[]> shapes = List.of(new int[] {2, 9, 4}, new int[] {2, 7, 6, 4}, new int[] {1, 5, 4, 6, 4});
        for (int[] s : shapes) {
            int rank = s.length - 2;
            for (String padding : new String[] {"valid", "same"}) {
                BaseConv last = build(rank, padding, null);
                BaseConv first = build(rank, padding, "channels_first");
                Tensor x = random(3, s);
                last.call(x);
                Tensor xFirst = DataFormat.CHANNELS_FIRST.fromChannelsLast(x);
                first.call(xFirst);
                first.setWeights(last.getWeights());
                Tensor yLast = last.call(x);
                Tensor yFirst = first.call(xFirst);
                assertThat(yFirst.dim(1)).isEqualTo(4);
                close(DataFormat.CHANNELS_FIRST.toChannelsLast(yFirst), yLast, 1e-12, "rank " + rank + " " + padding);
                // The symbolic shape of the channels_first layer is channels first too.
                int[] perSample = java.util.Arrays.copyOfRange(xFirst.shape().dims(), 1, s.length);
                assertThat(first.call(Input.of(perSample)).shape().dims())
                        .isEqualTo(java.util.Arrays.copyOfRange(yFirst.shape().dims(), 1, s.length));
            }
        }
    }

    private static BaseConv build(int rank, String padding, String format) {
        BaseConv c = switch (rank) {
            case 1 -> Conv1D.builder(4, 3).strides(2).padding(padding).groups(2).activation("tanh")
                    .biasInitializer("random_normal").dataFormat(format).build();
            case 2 -> Conv2D.builder(4, 3, 2).strides(2, 1).padding(padding).groups(2).biasInitializer("random_normal")
                    .dataFormat(format).build();
            default -> Conv3D.builder(4, 2).dilationRate(1, 2, 1).padding(padding).activation("elu")
                    .biasInitializer("random_normal").dataFormat(format).build();
        };
        c.setDtype(DType.FLOAT64);
        return c;
    }

    @Test
    void unfusedActivationsRunAfterTheConvolution() {
        Tensor x = random(4, 2, 6, 6, 3);
        Conv2D linear = Conv2D.builder(5, 3).build();
        Conv2D softmax = Conv2D.builder(5, 3).activation("softmax").build();
        Conv2D relu = Conv2D.builder(5, 3).activation("relu").build();
        for (Conv2D c : List.of(linear, softmax, relu)) {
            c.setDtype(DType.FLOAT64);
            c.call(x);
        }
        softmax.setWeights(linear.getWeights());
        relu.setWeights(linear.getWeights());
        Tensor z = linear.call(x);
        close(softmax.call(x), z.softmax(-1), 1e-12, "softmax");
        close(relu.call(x), z.relu(), 1e-12, "fused relu");
    }

    @Test
    void badInputsFailNamingTheLayerTheArgumentAndTheShapes() {
        assertThatThrownBy(() -> new Conv2D(6, 5).call(Tensor.zeros(2, 28, 28)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 'conv2d' (Conv2D)")
                .hasMessageContaining("rank 4 (batch, height, width, channels)")
                .hasMessageContaining("(None, 28, 28)")
                .hasMessageContaining("(None, 28, 28, 1)");
        assertThatThrownBy(() -> new Conv2D(1, 5).call(Tensor.zeros(1, 3, 3, 1)))
                .hasMessageContaining("(Conv2D)")
                .hasMessageContaining("kernel_size (5, 5)")
                .hasMessageContaining("larger than the input's spatial size (3, 3)")
                .hasMessageContaining("'valid'");
        assertThatThrownBy(() -> Conv2D.builder(1, 3).dilationRate(3).build().call(Tensor.zeros(1, 6, 6, 1)))
                .hasMessageContaining("dilation_rate (3, 3), spanning (7, 7)");
        assertThatThrownBy(() -> Conv2D.builder(1, 3).strides(0).build())
                .hasMessage("Conv2D: strides must be positive, got (0, 0)");
        assertThatThrownBy(() -> Conv1D.builder(1, 3).dilationRate(0).build())
                .hasMessage("Conv1D: dilation_rate must be positive, got (0,)");
        assertThatThrownBy(() -> Conv3D.builder(1, 3, 3).build())
                .hasMessageContaining("Conv3D: kernel_size must be 1 or 3 integers, got (3, 3)");
        assertThatThrownBy(() -> Conv2D.builder(5, 3).groups(2).build())
                .hasMessageContaining("Conv2D: groups 2 must divide filters 5");
        assertThatThrownBy(() -> Conv2D.builder(4, 3).groups(2).build().call(Tensor.zeros(1, 5, 5, 3)))
                .hasMessageContaining("(Conv2D)")
                .hasMessageContaining("groups 2 must divide the input channels 3")
                .hasMessageContaining("(None, 5, 5, 3)");
        assertThatThrownBy(() -> Conv2D.builder(4, 3).padding("causal").build())
                .hasMessageContaining("Conv2D: padding must be 'valid' or 'same', got 'causal'")
                .hasMessageContaining("only for 1-D");
        assertThatThrownBy(() -> new Conv2D(0, 3)).hasMessageContaining("filters must be > 0, got 0");
        assertThatThrownBy(() -> Conv2D.builder(4, 3).dataFormat("nchw").build())
                .hasMessageContaining("data_format must be 'channels_last' or 'channels_first'");
        // A channels_first batch given to a layer built for channels_last (28, 28, 1).
        Conv2D lenet1 = new Conv2D(6, 5, "same", "relu");
        lenet1.call(Tensor.zeros(4, 28, 28, 1));
        assertThatThrownBy(() -> lenet1.call(Tensor.zeros(4, 1, 28, 28)))
                .hasMessageContaining("(Conv2D)")
                .hasMessageContaining("expects 1 input channels on the last axis")
                .hasMessageContaining("(None, 1, 28, 28)")
                .hasMessageContaining("looks channels_first");
        // ... and symbolically, at model construction.
        Conv2D built = new Conv2D(6, 5);
        built.call(Input.of(28, 28, 1));
        assertThatThrownBy(() -> built.call(Input.of(1, 28, 28)))
                .hasMessageContaining("cannot take input (None, 1, 28, 28)")
                .hasMessageContaining("expects 1 input channels");
    }

    @Test
    void configRoundTripsThroughTheRegistry() {
        List<Layer> layers = List.of(
                Conv1D.builder(4, 3).padding("causal").dilationRate(2).activation("relu").name("c1").build(),
                Conv2D.builder(8, 3, 5).strides(2, 1).padding("same").groups(2).useBias(false)
                        .kernelInitializer("he_normal").kernelRegularizer(new L2(0.01))
                        .kernelConstraint(new MaxNorm(3, new int[] {0, 1, 2})).dataFormat("channels_first").build(),
                Conv3D.builder(2, 2).biasConstraint(new NonNeg()).activation("sigmoid").build());
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            Layer back = LayerRegistry.create(l.className(), c);
            assertThat(back.getClass()).isEqualTo(l.getClass());
            assertThat(back.config()).isEqualTo(c);
        }
        Map<String, Object> c = layers.get(1).config();
        assertThat(c).containsEntry("kernel_size", List.of(3, 5)).containsEntry("strides", List.of(2, 1))
                .containsEntry("padding", "same").containsEntry("groups", 2).containsEntry("use_bias", false)
                .containsEntry("data_format", "channels_first").containsEntry("activation", "linear");
        assertThat(c.get("kernel_constraint").toString()).contains("MaxNorm", "max_value=3.0", "axis=[0, 1, 2]");
    }

    @Test
    void sequentialOfConvLayersRoundTripsAsJson() {
        Sequential m = KerasModelsTest.lenet();
        Tensor x = Tensor.randomUniform(new Rng(2), 0, 1, 2, 28, 28, 1);
        Model back = Model.fromJson(m.toJson());
        back.setWeights(m.getWeights());
        assertThat(back.summaryString()).isEqualTo(m.summaryString());
        assertThat(back.predict(x).contentEquals(m.predict(x))).isTrue();
    }

    @Test
    void gradientsOfEveryOrderWithRespectToTheInput() {
        Conv1D c1 = Conv1D.builder(2, 3).padding("causal").dilationRate(2).activation("tanh").build();
        Conv2D c2 = Conv2D.builder(4, 2).strides(2, 1).padding("same").groups(2).activation("sigmoid").build();
        Conv3D c3 = Conv3D.builder(2, 2).padding("valid").build();
        Conv2D cf = Conv2D.builder(2, 2).dataFormat("channels_first").activation("softplus").build();
        c1.setDtype(DType.FLOAT64);
        c2.setDtype(DType.FLOAT64);
        c3.setDtype(DType.FLOAT64);
        cf.setDtype(DType.FLOAT64);
        LayerFixtures.gradCheck(c1, random(1, 1, 6, 2));
        LayerFixtures.gradCheck(c2, random(2, 1, 4, 3, 2));
        LayerFixtures.gradCheck(c3, random(3, 1, 3, 3, 2, 1));
        LayerFixtures.gradCheck(cf, random(4, 1, 2, 3, 3));
    }
}
