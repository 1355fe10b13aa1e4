package jgrad.nn.layers.reshaping;

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
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.conv.DataFormat;
import jgrad.nn.layers.conv.LayerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UpSampling, ZeroPadding and Cropping 1-D to 3-D: values, Keras's argument forms, shapes, errors, gradients. */
class ReshapingLayersTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    private static Tensor image(double[][] rows) {
        return Tensor.of(rows).reshape(1, rows.length, rows[0].length, 1);
    }

    private static double[][] plane(Tensor y) {
        return y.reshape(y.dim(1), y.dim(2)).toDoubleArray2D();
    }

    @Test
    void upsamplingRepeatsRowsAndColumns() {
        UpSampling2D up = new UpSampling2D(2);
        assertThat(plane(up.call(image(new double[][] {{1, 2}, {3, 4}})))).isEqualTo(new double[][] {
            {1, 1, 2, 2}, {1, 1, 2, 2}, {3, 3, 4, 4}, {3, 3, 4, 4}});
        assertThat(plane(new UpSampling2D(1, 3).call(image(new double[][] {{1, 2}})))).isEqualTo(new double[][] {
            {1, 1, 1, 2, 2, 2}});
        Tensor seq = Tensor.of(new double[] {1, 2, 3, 4}).reshape(1, 2, 2);
        assertThat(new UpSampling1D(3).call(seq).toDoubleArray()).containsExactly(1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4);
        Tensor vol = Tensor.arange(8).cast(DType.FLOAT64).reshape(1, 2, 2, 2, 1);
        Tensor y = new UpSampling3D(2, 1, 3).call(vol);
        assertThat(y.shape().dims()).containsExactly(1, 4, 2, 6, 1);
        assertThat(y.getDouble(0, 3, 1, 5, 0)).isEqualTo(7);
        assertThat(y.getDouble(0, 1, 0, 2, 0)).isEqualTo(0);
        Layer.resetNames();
        assertThat(new UpSampling2D().name()).isEqualTo("up_sampling2d");
    }

    @Test
    void bilinearUsesHalfPixelCentres() {
        // tf.image.resize / torch interpolate(align_corners=False): [1, 2] doubled is [1, 1.25, 1.75, 2].
        Tensor y = new UpSampling2D(2, "bilinear").call(image(new double[][] {{1, 2}}));
        assertThat(plane(y)).isEqualTo(new double[][] {{1, 1.25, 1.75, 2}, {1, 1.25, 1.75, 2}});
        Tensor x = random(3, 2, 3, 4, 2);
        Tensor c = new UpSampling2D(3, "bilinear").call(Tensor.ones(DType.FLOAT32, 1, 3, 3, 2));
        assertThat(c.toFloatArray()).containsOnly(1f);
        UpSampling2D up = UpSampling2D.builder(2, 3).interpolation("bilinear").build();
        up.setDtype(DType.FLOAT64);
        assertThat(up.call(x).shape().dims()).containsExactly(2, 6, 12, 2);
        assertThat(up.interpolation()).isEqualTo("bilinear");
    }

    @Test
    void zeroPaddingAcceptsKerasArgumentForms() {
        Tensor x = image(new double[][] {{1, 2}, {3, 4}});
        assertThat(plane(new ZeroPadding2D(1).call(x))).isEqualTo(new double[][] {{0, 0, 0, 0}, {0, 1, 2, 0},
            {0, 3, 4, 0}, {0, 0, 0, 0}});
        assertThat(plane(new ZeroPadding2D(0, 1).call(x))).isEqualTo(new double[][] {{0, 1, 2, 0}, {0, 3, 4, 0}});
        assertThat(plane(new ZeroPadding2D(new int[][] {{1, 0}, {0, 2}}).call(x))).isEqualTo(new double[][] {
            {0, 0, 0, 0}, {1, 2, 0, 0}, {3, 4, 0, 0}});
        Tensor seq = Tensor.of(new double[] {5, 6}).reshape(1, 2, 1);
        assertThat(new ZeroPadding1D(2, 1).call(seq).toDoubleArray()).containsExactly(0, 0, 5, 6, 0);
        assertThat(new ZeroPadding1D().call(seq).toDoubleArray()).containsExactly(0, 5, 6, 0);
        assertThat(new ZeroPadding3D(1, 0, 2).call(Input.of(2, 3, 4, 5)).shape().dims()).containsExactly(4, 3, 8, 5);
        assertThat(ZeroPadding2D.builder().padding(1, 2).dataFormat("channels_first").build()
                .call(Input.of(3, 5, 5)).shape().dims()).containsExactly(3, 7, 9);
        assertThat(new ZeroPadding2D().padding()).isEqualTo(new int[][] {{1, 1}, {1, 1}});
    }

    @Test
    void croppingAcceptsKerasArgumentForms() {
        Tensor x = Tensor.arange(20).cast(DType.FLOAT64).reshape(1, 4, 5, 1);
        assertThat(plane(new Cropping2D(1).call(x))).isEqualTo(new double[][] {{6, 7, 8}, {11, 12, 13}});
        assertThat(plane(new Cropping2D(new int[][] {{0, 2}, {1, 3}}).call(x))).isEqualTo(new double[][] {{1},
            {6}});
        assertThat(plane(new Cropping2D(1, 0).call(x))).isEqualTo(new double[][] {{5, 6, 7, 8, 9},
            {10, 11, 12, 13, 14}});
        assertThat(new Cropping2D().call(x).shape().dims()).containsExactly(1, 4, 5, 1);
        Tensor seq = Tensor.arange(6).cast(DType.FLOAT64).reshape(1, 6, 1);
        assertThat(new Cropping1D().call(seq).toDoubleArray()).containsExactly(1, 2, 3, 4);
        assertThat(new Cropping1D(2, 1).call(seq).toDoubleArray()).containsExactly(2, 3, 4);
        assertThat(new Cropping3D().call(Input.of(4, 5, 6, 2)).shape().dims()).containsExactly(2, 3, 4, 2);
        assertThat(Cropping3D.builder().cropping(new int[][] {{0, 1}, {1, 1}, {2, 0}}).dataFormat("channels_first")
                .build().call(Input.of(2, 4, 5, 6)).shape().dims()).containsExactly(2, 3, 3, 4);
    }

    @Test
    void channelsFirstGivesTheSameNumbersAsChannelsLast() {
        Tensor x = random(1, 2, 4, 5, 3);
        Tensor xf = DataFormat.CHANNELS_FIRST.fromChannelsLast(x);
        List<Layer[]> pairs = List.of(
                new Layer[] {new UpSampling2D(2, 3), UpSampling2D.builder(2, 3).dataFormat("channels_first").build()},
                new Layer[] {new UpSampling2D(2, "bilinear"), UpSampling2D.builder(2).interpolation("bilinear")
                    .dataFormat("channels_first").build()},
                new Layer[] {new ZeroPadding2D(new int[][] {{1, 2}, {0, 1}}), ZeroPadding2D.builder()
                    .padding(new int[][] {{1, 2}, {0, 1}}).dataFormat("channels_first").build()},
                new Layer[] {new Cropping2D(new int[][] {{1, 0}, {1, 2}}), Cropping2D.builder()
                    .cropping(new int[][] {{1, 0}, {1, 2}}).dataFormat("channels_first").build()});
        for (Layer[] p : pairs) {
            p[0].setDtype(DType.FLOAT64);
            p[1].setDtype(DType.FLOAT64);
            close(DataFormat.CHANNELS_FIRST.toChannelsLast(p[1].call(xf)), p[0].call(x), 1e-14, p[0].className());
        }
        Tensor v = random(2, 1, 2, 3, 2, 2);
        Tensor vf = DataFormat.CHANNELS_FIRST.fromChannelsLast(v);
        UpSampling3D a = new UpSampling3D(2, 1, 2);
        UpSampling3D b = UpSampling3D.builder(2, 1, 2).dataFormat("channels_first").build();
        a.setDtype(DType.FLOAT64);
        b.setDtype(DType.FLOAT64);
        close(DataFormat.CHANNELS_FIRST.toChannelsLast(b.call(vf)), a.call(v), 0, "UpSampling3D");
    }

    @Test
    void badArgumentsFailClearly() {
        assertThatThrownBy(() -> UpSampling2D.builder(2).interpolation("bicubic").build())
                .hasMessage("UpSampling2D: interpolation must be 'nearest' or 'bilinear', got 'bicubic'");
        assertThatThrownBy(() -> UpSampling3D.builder(2).interpolation("bilinear").build())
                .hasMessage("UpSampling3D: interpolation must be 'nearest', got 'bilinear'");
        assertThatThrownBy(() -> new UpSampling2D(0)).hasMessage("UpSampling2D: size must be positive, got (0, 0)");
        assertThatThrownBy(() -> new ZeroPadding2D(-1))
                .hasMessageContaining("ZeroPadding2D: padding must be pairs of non-negative integers");
        assertThatThrownBy(() -> ZeroPadding3D.builder().padding(1, 2).build())
                .hasMessageContaining("ZeroPadding3D: padding must be one integer, 3 integers (one per axis), or 3"
                        + " (before, after) pairs, got (1, 2)");
        assertThatThrownBy(() -> new Cropping2D(new int[][] {{1, 1}}))
                .hasMessageContaining("one (before, after) pair per spatial axis (2)");
        assertThatThrownBy(() -> new Cropping2D(2).call(Tensor.zeros(1, 4, 6, 1)))
                .hasMessageContaining("(Cropping2D) cannot be built for input (None, 4, 6, 1)")
                .hasMessageContaining("cropping ((2, 2), (2, 2)) leaves nothing of the input's spatial size (4, 6)");
        assertThatThrownBy(() -> new UpSampling2D(2).call(Tensor.zeros(1, 4, 4)))
                .hasMessageContaining("(UpSampling2D)").hasMessageContaining("rank 4");
    }

    @Test
    void configsRoundTrip() {
        List<Layer> layers = List.of(new UpSampling1D(3), UpSampling2D.builder(2, 3).interpolation("bilinear")
                .dataFormat("channels_first").build(), new UpSampling3D(1, 2, 3), new ZeroPadding1D(1, 2),
                new ZeroPadding2D(new int[][] {{1, 2}, {3, 4}}), new ZeroPadding3D(2), new Cropping1D(0, 3),
                new Cropping2D(1, 2), new Cropping3D(new int[][] {{0, 1}, {1, 0}, {2, 2}}));
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            assertThat(LayerRegistry.create(l.className(), c).config()).as(l.className()).isEqualTo(c);
        }
        assertThat(layers.get(0).config()).containsEntry("size", 3);
        assertThat(layers.get(1).config()).containsEntry("size", List.of(2, 3)).containsEntry("interpolation",
                "bilinear");
        assertThat(layers.get(3).config()).containsEntry("padding", List.of(1, 2));
        assertThat(layers.get(4).config()).containsEntry("padding", List.of(List.of(1, 2), List.of(3, 4)));
        // Keras's other forms load too: an int, and one symmetric width per axis.
        Layer fromInt = LayerRegistry.create("ZeroPadding2D", Map.of("padding", 2));
        assertThat(((ZeroPadding2D) fromInt).padding()).isEqualTo(new int[][] {{2, 2}, {2, 2}});
        Layer fromList = LayerRegistry.create("Cropping2D", Map.of("cropping", List.of(1, 3)));
        assertThat(((Cropping2D) fromList).cropping()).isEqualTo(new int[][] {{1, 1}, {3, 3}});
    }

    @Test
    void gradientsOfEveryOrderWithRespectToTheInput() {
        List<Layer> layers = List.of(new UpSampling1D(2), new UpSampling2D(2, 1), new UpSampling2D(2, "bilinear"),
                UpSampling2D.builder(3, 2).interpolation("bilinear").dataFormat("channels_first").build(),
                new UpSampling3D(2), new ZeroPadding1D(1, 2), new ZeroPadding2D(1),
                ZeroPadding3D.builder().padding(1).dataFormat("channels_first").build(), new Cropping1D(1, 0),
                new Cropping2D(1), new Cropping3D(new int[][] {{1, 0}, {0, 1}, {0, 0}}));
        int[][] shapes = {{1, 3, 2}, {1, 2, 3, 2}, {1, 2, 3, 2}, {1, 2, 2, 3}, {1, 2, 1, 2, 1}, {1, 3, 2},
            {1, 2, 2, 2}, {1, 2, 2, 1, 2}, {1, 4, 2}, {1, 4, 4, 1}, {1, 3, 3, 2, 1}};
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setDtype(DType.FLOAT64);
            LayerFixtures.gradCheck(layers.get(i), random(20 + i, shapes[i]));
        }
        assertThat(Arrays.stream(shapes).count()).isEqualTo(layers.size());
    }
}
