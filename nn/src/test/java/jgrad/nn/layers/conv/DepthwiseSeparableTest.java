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
import jgrad.nn.constraints.UnitNorm;
import jgrad.nn.io.LayerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DepthwiseConv2D and SeparableConv2D: Keras's layouts and channel order, counts, errors, configs, gradients. */
class DepthwiseSeparableTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(8);
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    /** Output channel c * multiplier + j is input channel c convolved with depthwise kernel [:, :, c, j]. */
    @Test
    void depthwiseIsOneConvolutionPerChannelInKerasOrder() {
        int channels = 3;
        int mult = 2;
        DepthwiseConv2D dw = DepthwiseConv2D.builder(3, 2).depthMultiplier(mult).strides(2, 1).padding("same")
                .biasInitializer("random_normal").build();
        dw.setDtype(DType.FLOAT64);
        Tensor x = random(1, 2, 6, 7, channels);
        Tensor y = dw.call(x);
        assertThat(dw.kernel().shape()).isEqualTo(Shape.of(3, 2, channels, mult));
        assertThat(dw.bias().shape()).isEqualTo(Shape.of(channels * mult));
        for (int c = 0; c < channels; c++) {
            Conv2D one = Conv2D.builder(mult, 3, 2).strides(2, 1).padding("same").build();
            one.setDtype(DType.FLOAT64);
            Tensor xc = x.slice(3, c, c + 1);
            one.call(xc);
            one.kernel().assign(dw.kernel().value().slice(2, c, c + 1));
            one.bias().assign(dw.bias().value().slice(0, c * mult, (c + 1) * mult));
            close(y.slice(3, c * mult, (c + 1) * mult), one.call(xc), 1e-12, "channel " + c);
        }
        assertThat(dw.name()).isEqualTo("depthwise_conv2d");
    }

    @Test
    void separableIsDepthwiseThenPointwise() {
        SeparableConv2D sep = SeparableConv2D.builder(5, 3).depthMultiplier(2).strides(2).padding("same")
                .activation("relu").build();
        sep.setDtype(DType.FLOAT64);
        Tensor x = random(2, 2, 7, 6, 3);
        Tensor y = sep.call(x);
        assertThat(sep.depthwiseKernel().shape()).isEqualTo(Shape.of(3, 3, 3, 2));
        assertThat(sep.pointwiseKernel().shape()).isEqualTo(Shape.of(1, 1, 6, 5));
        assertThat(sep.countParams()).isEqualTo(3 * 3 * 3 * 2 + 6 * 5 + 5);
        assertThat(sep.weights().stream().map(v -> v.name()).toList()).containsExactly(
                "separable_conv2d/depthwise_kernel", "separable_conv2d/pointwise_kernel", "separable_conv2d/bias");
        DepthwiseConv2D dw = DepthwiseConv2D.builder(3).depthMultiplier(2).strides(2).padding("same").useBias(false)
                .build();
        Conv2D pw = new Conv2D(5, 1, "relu");
        dw.setDtype(DType.FLOAT64);
        pw.setDtype(DType.FLOAT64);
        Tensor mid = dw.call(x);
        pw.call(mid);
        dw.kernel().assign(sep.depthwiseKernel().value());
        pw.kernel().assign(sep.pointwiseKernel().value());
        pw.bias().assign(Tensor.randomNormal(new Rng(3), DType.FLOAT64, 0, 1, 5));
        sep.bias().assign(pw.bias().value());
        close(sep.call(x), pw.call(dw.call(x)), 1e-12, "separable");
        assertThat(y.shape().dims()).containsExactly(2, 4, 3, 5);
    }

    @Test
    void parameterCountsAndShapes() {
        DepthwiseConv2D dw = DepthwiseConv2D.builder(3).depthMultiplier(2).build();
        assertThat(dw.call(Input.of(10, 10, 8)).shape().dims()).containsExactly(8, 8, 16);
        assertThat(dw.countParams()).isEqualTo(3 * 3 * 8 * 2 + 16);
        SeparableConv2D sep = new SeparableConv2D(16, 3, "relu");
        assertThat(sep.call(Input.of(10, 10, 8)).shape().dims()).containsExactly(8, 8, 16);
        assertThat(sep.countParams()).isEqualTo(72 + 128 + 16);
        DepthwiseConv2D cf = DepthwiseConv2D.builder(3).depthMultiplier(3).dataFormat("channels_first").build();
        assertThat(cf.call(Input.of(2, 9, 9)).shape().dims()).containsExactly(6, 7, 7);
    }

    @Test
    void channelsFirstGivesTheSameNumbers() {
        Tensor x = random(4, 2, 5, 6, 3);
        Tensor xFirst = DataFormat.CHANNELS_FIRST.fromChannelsLast(x);
        DepthwiseConv2D a = DepthwiseConv2D.builder(3).depthMultiplier(2).padding("same").build();
        DepthwiseConv2D b = DepthwiseConv2D.builder(3).depthMultiplier(2).padding("same").dataFormat("channels_first")
                .build();
        SeparableConv2D c = SeparableConv2D.builder(4, 2).dilationRate(2).build();
        SeparableConv2D d = SeparableConv2D.builder(4, 2).dilationRate(2).dataFormat("channels_first").build();
        for (Layer l : List.of(a, b, c, d)) {
            l.setDtype(DType.FLOAT64);
        }
        a.call(x);
        b.call(xFirst);
        b.setWeights(a.getWeights());
        c.call(x);
        d.call(xFirst);
        d.setWeights(c.getWeights());
        close(DataFormat.CHANNELS_FIRST.toChannelsLast(b.call(xFirst)), a.call(x), 1e-12, "depthwise");
        close(DataFormat.CHANNELS_FIRST.toChannelsLast(d.call(xFirst)), c.call(x), 1e-12, "separable");
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> DepthwiseConv2D.builder(3).depthMultiplier(0).build())
                .hasMessage("DepthwiseConv2D: depth_multiplier must be > 0, got 0");
        assertThatThrownBy(() -> new DepthwiseConv2D(5).call(Tensor.zeros(1, 4, 4, 2)))
                .hasMessageContaining("(DepthwiseConv2D)").hasMessageContaining("kernel_size (5, 5)")
                .hasMessageContaining("(4, 4)");
        assertThatThrownBy(() -> new SeparableConv2D(4, 3).call(Tensor.zeros(1, 8, 8)))
                .hasMessageContaining("(SeparableConv2D)").hasMessageContaining("rank 4");
        assertThatThrownBy(() -> SeparableConv2D.builder(4, 3).padding("causal").build())
                .hasMessageContaining("SeparableConv2D: padding must be 'valid' or 'same'");
        DepthwiseConv2D built = new DepthwiseConv2D(3);
        built.call(Tensor.zeros(1, 5, 5, 3));
        assertThatThrownBy(() -> built.call(Tensor.zeros(1, 5, 5, 4)))
                .hasMessageContaining("expects 3 input channels").hasMessageContaining("(None, 5, 5, 4)");
    }

    @Test
    void configRoundTrips() {
        List<Layer> layers = List.of(
                DepthwiseConv2D.builder(3, 5).depthMultiplier(2).strides(2).padding("same").activation("relu")
                        .depthwiseConstraint(new UnitNorm(new int[] {0, 1})).dataFormat("channels_first").build(),
                SeparableConv2D.builder(8, 3).depthMultiplier(3).dilationRate(2).useBias(false).build());
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            assertThat(LayerRegistry.create(l.className(), c).config()).isEqualTo(c);
        }
        assertThat(layers.get(0).config()).containsEntry("depth_multiplier", 2).containsKey("depthwise_initializer")
                .containsKey("depthwise_constraint");
        assertThat(layers.get(1).config()).containsKey("pointwise_initializer");
    }

    @Test
    void gradientsOfEveryOrderWithRespectToTheInput() {
        DepthwiseConv2D dw = DepthwiseConv2D.builder(2).depthMultiplier(2).padding("same").activation("tanh").build();
        SeparableConv2D sep = SeparableConv2D.builder(2, 2).strides(2, 1).dataFormat("channels_first").build();
        dw.setDtype(DType.FLOAT64);
        sep.setDtype(DType.FLOAT64);
        LayerFixtures.gradCheck(dw, random(1, 1, 3, 3, 2));
        LayerFixtures.gradCheck(sep, random(2, 1, 2, 4, 3));
    }
}
