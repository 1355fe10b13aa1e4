package jgrad.nn.layers.pooling;

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
import jgrad.nn.layers.conv.DataFormat;
import jgrad.nn.layers.conv.LayerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Max, average and global pooling layers, 1-D to 3-D: the notes' example, Keras's defaults, shapes, errors. */
class PoolingLayersTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.randomNormal(new Rng(seed), DType.FLOAT64, 0, 1, shape);
    }

    @Test
    void example48MaxPoolingWithStrides1By2() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 2, 9}, {5, 4, 1, 0}, {2, 8, 7, 6}}).reshape(1, 3, 4, 1);
        MaxPooling2D pool = MaxPooling2D.builder(2).strides(1, 2).build();
        Tensor y = pool.call(x);
        assertThat(y.shape().dims()).containsExactly(1, 2, 2, 1);
        assertThat(y.toDoubleArray()).containsExactly(5, 9, 8, 7);
    }

    @Test
    void stridesDefaultToThePoolSize() {
        MaxPooling2D pool = new MaxPooling2D(2);
        assertThat(pool.strides()).containsExactly(2, 2);
        Tensor x = Tensor.arange(16).cast(DType.FLOAT64).reshape(1, 4, 4, 1);
        assertThat(pool.call(x).toDoubleArray()).containsExactly(5, 7, 13, 15);
        assertThat(new AveragePooling1D().poolSize()).containsExactly(2);
        assertThat(new MaxPooling3D().strides()).containsExactly(2, 2, 2);
        assertThat(MaxPooling3D.builder(3).build().strides()).containsExactly(3, 3, 3);
        assertThat(new MaxPooling2D(3, 1).strides()).containsExactly(1, 1);
        assertThat(pool.name()).isEqualTo("max_pooling2d");
        assertThat(new AveragePooling2D().name()).isEqualTo("average_pooling2d");
        assertThat(new GlobalAveragePooling2D().name()).isEqualTo("global_average_pooling2d");
    }

    @Test
    void averagePoolingSameDoesNotCountThePadding() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}).reshape(1, 3, 3, 1);
        AveragePooling2D pool = AveragePooling2D.builder(2).padding("same").build();
        assertThat(pool.call(x).toDoubleArray()).containsExactly(3, 4.5, 7.5, 9);
        // LeNet's pooling: 28 -> 14 and 10 -> 5.
        AveragePooling2D lenet = AveragePooling2D.builder(2).padding("same").strides(2).build();
        assertThat(lenet.call(Input.of(28, 28, 6)).shape().dims()).containsExactly(14, 14, 6);
        assertThat(AveragePooling2D.builder(2).padding("same").strides(2).build().call(Input.of(10, 10, 16)).shape()
                .dims()).containsExactly(5, 5, 16);
    }

    @Test
    void symbolicShapesMatchTheForwardPass() {
        int[][] cases = {{1, 9, 3, 2, 0}, {1, 9, 3, 2, 1}, {2, 7, 3, 2, 0}, {2, 7, 2, 3, 1}, {2, 5, 5, 1, 0},
            {3, 5, 2, 2, 1}, {3, 6, 3, 1, 0}};
        for (int[] c : cases) {
            String padding = c[4] == 1 ? "same" : "valid";
            for (boolean max : new boolean[] {true, false}) {
                BasePooling p = switch (c[0]) {
                    case 1 -> max ? MaxPooling1D.builder(c[2]).strides(c[3]).padding(padding).build()
                            : AveragePooling1D.builder(c[2]).strides(c[3]).padding(padding).build();
                    case 2 -> max ? MaxPooling2D.builder(c[2]).strides(c[3]).padding(padding).build()
                            : AveragePooling2D.builder(c[2]).strides(c[3]).padding(padding).build();
                    default -> max ? MaxPooling3D.builder(c[2]).strides(c[3]).padding(padding).build()
                            : AveragePooling3D.builder(c[2]).strides(c[3]).padding(padding).build();
                };
                int[] in = new int[c[0] + 1];
                Arrays.fill(in, c[1]);
                in[c[0]] = 2;
                SymbolicTensor out = p.call(Input.of(in));
                int[] batch = new int[in.length + 1];
                batch[0] = 3;
                System.arraycopy(in, 0, batch, 1, in.length);
                Tensor y = p.call(random(1, batch));
                assertThat(y.shape().dims()).as(Arrays.toString(c)).isEqualTo(jgrad.nn.Shapes.withBatch(3,
                        out.shape()));
                int expected = c[4] == 1 ? (c[1] + c[3] - 1) / c[3] : (c[1] - c[2]) / c[3] + 1;
                assertThat(out.shape().get(0)).as(Arrays.toString(c)).isEqualTo(expected);
            }
        }
    }

    @Test
    void globalPoolingReducesEverySpatialAxis() {
        // The layers compute in float32, their default dtype.
        Tensor x = LayerFixtures.cast(random(2, 2, 3, 4, 5), DType.FLOAT32);
        close(new GlobalAveragePooling2D().call(x), x.mean(new int[] {1, 2}, false), 1e-6, "gap");
        close(new GlobalMaxPooling2D().call(x), x.max(new int[] {1, 2}, false), 0, "gmp");
        Tensor kept = new GlobalAveragePooling2D(true).call(x);
        assertThat(kept.shape().dims()).containsExactly(2, 1, 1, 5);
        Tensor first = GlobalMaxPooling2D.builder().dataFormat("channels_first").build().call(x);
        close(first, x.max(new int[] {2, 3}, false), 0, "channels_first gmp");
        assertThat(new GlobalMaxPooling1D().call(Input.of(7, 3)).shape().dims()).containsExactly(3);
        assertThat(GlobalAveragePooling3D.builder().keepdims(true).dataFormat("channels_first").build()
                .call(Input.of(4, 2, 3, 5)).shape().dims()).containsExactly(4, 1, 1, 1);
    }

    @Test
    void channelsFirstGivesTheSameNumbersAsChannelsLast() {
        for (int rank = 1; rank <= 3; rank++) {
            int[] s = new int[rank + 2];
            Arrays.fill(s, 5);
            s[0] = 2;
            s[rank + 1] = 3;
            Tensor x = random(rank, s);
            Tensor xf = DataFormat.CHANNELS_FIRST.fromChannelsLast(x);
            List<Layer[]> pairs = switch (rank) {
                case 1 -> List.of(
                        new Layer[] {MaxPooling1D.builder(2).strides(1).padding("same").build(),
                            MaxPooling1D.builder(2).strides(1).padding("same").dataFormat("channels_first").build()},
                        new Layer[] {AveragePooling1D.builder(3).strides(2).padding("same").build(),
                            AveragePooling1D.builder(3).strides(2).padding("same").dataFormat("channels_first").build()},
                        new Layer[] {GlobalAveragePooling1D.builder().keepdims(true).build(),
                            GlobalAveragePooling1D.builder().keepdims(true).dataFormat("channels_first").build()});
                case 2 -> List.of(
                        new Layer[] {MaxPooling2D.builder(3).strides(2).padding("same").build(),
                            MaxPooling2D.builder(3).strides(2).padding("same").dataFormat("channels_first").build()},
                        new Layer[] {AveragePooling2D.builder(2, 3).padding("same").build(),
                            AveragePooling2D.builder(2, 3).padding("same").dataFormat("channels_first").build()},
                        new Layer[] {GlobalMaxPooling2D.builder().keepdims(true).build(),
                            GlobalMaxPooling2D.builder().keepdims(true).dataFormat("channels_first").build()});
                default -> List.of(
                        new Layer[] {MaxPooling3D.builder(2).padding("same").build(),
                            MaxPooling3D.builder(2).padding("same").dataFormat("channels_first").build()},
                        new Layer[] {AveragePooling3D.builder(2).strides(1).build(),
                            AveragePooling3D.builder(2).strides(1).dataFormat("channels_first").build()},
                        new Layer[] {GlobalAveragePooling3D.builder().keepdims(true).build(),
                            GlobalAveragePooling3D.builder().keepdims(true).dataFormat("channels_first").build()});
            };
            for (Layer[] p : pairs) {
                Tensor yl = p[0].call(x);
                Tensor yf = p[1].call(xf);
                close(DataFormat.CHANNELS_FIRST.toChannelsLast(yf), yl, 1e-6, p[0].className());
            }
        }
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> new MaxPooling2D(2).call(Tensor.zeros(2, 28, 28)))
                .hasMessageContaining("layer 'max_pooling2d' (MaxPooling2D)")
                .hasMessageContaining("rank 4 (batch, height, width, channels)")
                .hasMessageContaining("(None, 28, 28)");
        assertThatThrownBy(() -> new AveragePooling2D(3).call(Tensor.zeros(1, 2, 5, 1)))
                .hasMessageContaining("(AveragePooling2D)")
                .hasMessageContaining("pool_size (3, 3) is larger than the input's spatial size (2, 5)");
        assertThatThrownBy(() -> MaxPooling2D.builder(2).strides(0).build())
                .hasMessage("MaxPooling2D: strides must be positive, got (0, 0)");
        assertThatThrownBy(() -> MaxPooling1D.builder(0).build())
                .hasMessage("MaxPooling1D: pool_size must be positive, got (0,)");
        assertThatThrownBy(() -> MaxPooling3D.builder(2, 2).build())
                .hasMessageContaining("pool_size must be 1 or 3 integers, got (2, 2)");
        assertThatThrownBy(() -> MaxPooling1D.builder(2).padding("causal").build())
                .hasMessageContaining("padding must be 'valid' or 'same', got 'causal'");
        assertThatThrownBy(() -> new GlobalAveragePooling2D().call(Input.of(5, 3)))
                .hasMessageContaining("(GlobalAveragePooling2D)").hasMessageContaining("(None, 5, 3)");
        // A channels_first image into a channels_last pooling layer that cannot fit it.
        assertThatThrownBy(() -> new MaxPooling2D(3).call(Tensor.zeros(4, 1, 28, 28)))
                .hasMessageContaining("looks channels_first (None, 1, 28, 28)");
    }

    @Test
    void configsRoundTrip() {
        List<Layer> layers = List.of(MaxPooling1D.builder(3).strides(2).padding("same").build(),
                new MaxPooling2D(2), MaxPooling3D.builder(2, 1, 2).dataFormat("channels_first").build(),
                new AveragePooling1D(4), AveragePooling2D.builder(2).padding("same").strides(1, 2).build(),
                new AveragePooling3D(), new GlobalMaxPooling1D(), new GlobalMaxPooling2D(true),
                GlobalMaxPooling3D.builder().dataFormat("channels_first").build(), new GlobalAveragePooling1D(),
                new GlobalAveragePooling2D(), new GlobalAveragePooling3D(true));
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            assertThat(LayerRegistry.create(l.className(), c).config()).as(l.className()).isEqualTo(c);
        }
        assertThat(layers.get(1).config()).containsEntry("pool_size", List.of(2, 2))
                .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "valid");
        // Keras's short aliases load too, with strides defaulting to the pool size when absent.
        Layer alias = LayerRegistry.create("MaxPool2D", Map.of("pool_size", List.of(3, 3), "name", "mp"));
        assertThat(((MaxPooling2D) alias).strides()).containsExactly(3, 3);
    }

    @Test
    void gradientsOfEveryOrderWithRespectToTheInput() {
        List<Layer> layers = List.of(MaxPooling1D.builder(2).strides(1).build(),
                MaxPooling2D.builder(2).padding("same").build(),
                MaxPooling3D.builder(2).build(),
                AveragePooling1D.builder(3).strides(2).padding("same").build(),
                AveragePooling2D.builder(2).strides(1).dataFormat("channels_first").build(),
                AveragePooling3D.builder(2).padding("same").build(),
                new GlobalMaxPooling1D(), new GlobalMaxPooling2D(), new GlobalMaxPooling3D(),
                new GlobalAveragePooling1D(), new GlobalAveragePooling2D(true), new GlobalAveragePooling3D());
        int[][] shapes = {{1, 5, 2}, {1, 3, 3, 2}, {1, 2, 2, 4, 1}, {1, 5, 2}, {1, 2, 3, 3}, {1, 3, 2, 3, 1},
            {1, 4, 2}, {1, 3, 2, 2}, {1, 2, 2, 2, 2}, {1, 4, 2}, {1, 3, 2, 2}, {1, 2, 2, 2, 2}};
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setDtype(DType.FLOAT64);
            LayerFixtures.gradCheck(layers.get(i), random(10 + i, shapes[i]));
        }
    }
}
