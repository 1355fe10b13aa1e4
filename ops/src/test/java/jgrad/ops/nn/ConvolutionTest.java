package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Epilogue;
import org.junit.jupiter.api.Test;

/**
 * The user-facing convolution API: Tensor's conv and pooling methods with Keras's defaults, the
 * {@link Convolution} options, transposed convolutions on the notes' Examples 5.2 and 5.3, and
 * the errors for arguments that cannot work.
 */
class ConvolutionTest {
    private static final Tensor EX43_X = Tensor.of(new double[][] {{1, 4, 1, 1, 2}, {4, 3, 1, 2, 1}, {5, 2, 2, 2, 5},
            {1, 3, 2, 4, 3}}).reshape(1, 4, 5, 1);
    private static final Tensor EX43_K = Tensor.of(new double[][] {{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}})
            .reshape(3, 3, 1, 1);

    private static double[][] plane(Tensor y) {
        return y.reshape(y.dim(1), y.dim(2)).toDoubleArray2D();
    }

    @Test
    void tensorConv2dHasKerasDefaults() {
        assertThat(plane(EX43_X.conv2d(EX43_K))).isEqualTo(new double[][] {{4, -9, 1}, {-5, -3, -4}});
        assertThat(plane(EX43_X.conv2d(EX43_K, 1, "same"))).isEqualTo(new double[][] {{-3, 22, -3, 1, 12},
                {17, 4, -9, 1, -4}, {27, -5, -3, -4, 28}, {-2, 12, 3, 18, 13}});
        assertThat(plane(EX43_X.conv2d(EX43_K, 2, "same"))).isEqualTo(new double[][] {{17, -9, -4}, {-2, 3, 13}});
    }

    @Test
    void oneSymmetricWidthPerAxisIsPyTorchsPadding() {
        Tensor y = Convolution.with().strides(2).padding(Padding.explicit(1, 1)).conv(EX43_X, EX43_K);
        assertThat(plane(y)).isEqualTo(new double[][] {{-3, -3, 12}, {27, -3, 28}});
        Tensor pairs = Convolution.with().strides(2).padding(Padding.explicit(new int[][] {{1, 1}, {1, 1}}))
                .conv(EX43_X, EX43_K);
        assertThat(pairs.contentEquals(y)).isTrue();
    }

    @Test
    void explicitPaddingForAnotherRankIsRefused() {
        Tensor x = Tensor.zeros(1, 6, 1);
        assertThatThrownBy(() -> Convolution.with().padding(Padding.explicit(1, 1)).conv(x, Tensor.zeros(3, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv1d: explicit[1, 1] padding is for 2 spatial axes, x [1, 6, 1] has 1");
        assertThatThrownBy(() -> Padding.explicit(new int[][] {{1, 2, 3}}))
                .hasMessageContaining("{before, after} pairs");
        assertThatThrownBy(() -> Padding.explicit()).hasMessageContaining("one width per spatial axis");
        assertThatThrownBy(() -> Padding.of("full")).hasMessageContaining("expected 'valid', 'same' or 'causal',"
                + " got 'full'");
        assertThat(Padding.of("SAME")).isEqualTo(Padding.SAME);
        assertThat(Padding.explicit(new int[][] {{1, 2}}).toString()).isEqualTo("explicit[(1, 2)]");
    }

    @Test
    void oneDimensionalCrossCorrelationOfExample41() {
        Tensor x = Tensor.of(new double[] {1, 4, 2, 0, 9, 1, 3}).reshape(1, 7, 1);
        Tensor k = Tensor.of(new double[] {0.25, 0.5, 0.25}).reshape(3, 1, 1);
        assertThat(x.conv1d(k).reshape(-1).toDoubleArray()).containsExactly(2.75, 2.00, 2.75, 4.75, 3.50);
        assertThat(x.conv1d(k, 1, "causal").reshape(-1).toDoubleArray()).containsExactly(0.25, 1.5, 2.75, 2.00, 2.75,
                4.75, 3.50);
    }

    @Test
    void poolingMethodsStrideByThePoolSize() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 2, 9}, {5, 4, 1, 0}, {2, 8, 7, 6}, {0, 1, 2, 3}}).reshape(1, 4, 4, 1);
        assertThat(plane(x.maxPool2d(2))).isEqualTo(new double[][] {{5, 9}, {8, 7}});
        assertThat(plane(x.avgPool2d(2))).isEqualTo(new double[][] {{3.25, 3}, {2.75, 4.5}});
        assertThat(MaxPool.maxPool(x, new int[] {2, 2}, null, Padding.VALID).contentEquals(x.maxPool2d(2))).isTrue();
        assertThat(AvgPool.avgPool(x, new int[] {2, 2}, null, Padding.VALID).contentEquals(x.avgPool2d(2))).isTrue();
        assertThat(plane(x.maxPool2d(3, 2, "same")).length).isEqualTo(2);
        assertThat(x.reshape(1, 16, 1).maxPool1d(4).reshape(-1).toDoubleArray()).containsExactly(9, 5, 8, 3);
        assertThat(x.reshape(1, 2, 2, 4, 1).avgPool3d(2).reshape(-1).toDoubleArray()).containsExactly(3.0, 3.75);
        assertThat(x.reshape(1, 2, 2, 4, 1).maxPool3d(2).reshape(-1).toDoubleArray()).containsExactly(8, 9);
        assertThat(x.reshape(1, 16, 1).avgPool1d(8).reshape(-1).toDoubleArray()).containsExactly(3.125, 3.625);
    }

    /** Note 002, Example 5.2: the 2x2 input scattered through the 2x2 kernel, no flip. */
    @Test
    void transposedConvolutionOfExample52() {
        Tensor x = Tensor.of(new double[][] {{2, 0}, {5, 1}}).reshape(1, 2, 2, 1);
        Tensor k = Tensor.of(new double[][] {{1, 2}, {2, 3}}).reshape(2, 2, 1, 1);
        assertThat(plane(Convolution.with().convTranspose(x, k))).isEqualTo(new double[][] {{2, 4, 0}, {9, 17, 2},
                {10, 17, 3}});
        assertThat(plane(Convolution.with().strides(2).convTranspose(x, k))).isEqualTo(new double[][] {{2, 4, 0, 0},
                {4, 6, 0, 0}, {5, 10, 1, 2}, {10, 15, 2, 3}});
    }

    @Test
    void transposedConvolutionOfExample53() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {2, 1}}).reshape(1, 2, 2, 1);
        Tensor k = Tensor.of(new double[][] {{1, 2, 3}, {3, 1, 2}, {2, 1, 3}}).reshape(3, 3, 1, 1);
        assertThat(plane(Convolution.with().convTranspose(x, k))).isEqualTo(new double[][] {{1, 4, 7, 6},
                {5, 12, 12, 7}, {8, 10, 10, 8}, {4, 4, 7, 3}});
        assertThat(plane(Convolution.with().strides(2).convTranspose(x, k))).isEqualTo(new double[][] {
                {1, 2, 5, 4, 6}, {3, 1, 8, 2, 4}, {4, 5, 14, 4, 9}, {6, 2, 7, 1, 2}, {4, 2, 8, 1, 3}});
    }

    @Test
    void transposeIsTheAdjointOfTheConvolution() {
        // <conv(x), y> == <x, convT(y)> for the same kernel, strides and padding.
        jgrad.core.Rng rng = new jgrad.core.Rng(7);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 2, 8, 6, 3);
        Tensor k = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 3, 2, 3, 4);
        Tensor y = Convolution.with().strides(2, 1).padding("same").conv(x, k);
        Tensor v = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, y.shape().dims());
        // conv kernel [kh, kw, in 3, out 4] is the transpose's [kh, kw, filters 3, in 4]
        Tensor back = Convolution.with().strides(2, 1).padding("same").convTranspose(v, k);
        assertThat(back.shape()).isEqualTo(x.shape());
        assertThat(y.mul(v).sum().item()).isCloseTo(x.mul(back).sum().item(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void groupsSplitChannelsAndFilters() {
        jgrad.core.Rng rng = new jgrad.core.Rng(3);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 1, 5, 5, 4);
        Tensor k = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 3, 3, 2, 6);
        Tensor y = Convolution.with().groups(2).padding("same").activation("relu").conv(x, k);
        Tensor first = Convolution.with().padding("same").activation("relu").conv(x.slice(3, 0, 2), k.slice(3, 0, 3));
        assertThat(y.slice(3, 0, 3).allClose(first, 0, 1e-12)).isTrue();
        assertThat(y.min().item()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void gradientsFlowThroughGroupsAndTransposes() {
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 3, 3, 2);
        Tensor k = Tensor.ones(DType.FLOAT64, 2, 2, 3, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, k);
            Tensor y = Convolution.with().strides(2).convTranspose(x, k).sum();
            var g = tape.gradient(y, java.util.List.of(x, k));
            // every output pixel of the scatter receives each input pixel once per filter and tap
            assertThat(g.get(0).reshape(-1).toDoubleArray()).containsOnly(12.0);
            assertThat(g.get(1).reshape(-1).toDoubleArray()).containsOnly(9.0);
        }
    }

    @Test
    void badArgumentsNameTheOpAndShapes() {
        Tensor x = Tensor.zeros(1, 4, 4, 3);
        assertThatThrownBy(() -> Convolution.with().groups(2).conv(x, Tensor.zeros(3, 3, 1, 4)))
                .hasMessageContaining("conv2d: groups 2 must divide both the input channels 3 (x [1, 4, 4, 3])");
        assertThatThrownBy(() -> Convolution.with().groups(0).conv(x, Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("conv2d: groups must be >= 1, got 0");
        assertThatThrownBy(() -> Convolution.with().strides(0).conv(x, Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("conv2d: strides must be >= 1, got [0, 0]");
        assertThatThrownBy(() -> Convolution.with().dilations(1, 0).conv(x, Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("conv2d: dilations must be >= 1, got [1, 0]");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(5, 5, 3, 1)))
                .hasMessageContaining("conv2d: the window [5, 5] (dilations [1, 1]) does not fit x [1, 4, 4, 3]");
        assertThatThrownBy(() -> Convolution.with().activation("gelu").conv(x, Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("conv2d: activation must be 'linear', 'relu', 'sigmoid' or 'tanh'");
        assertThatThrownBy(() -> Convolution.with().strides(2).outputPadding(2).convTranspose(x,
                Tensor.zeros(3, 3, 1, 3)))
                .hasMessageContaining("conv2dTranspose: output padding 2 on spatial axis 0 must be >= 0 and smaller"
                        + " than the stride 2");
        assertThatThrownBy(() -> Convolution.with().padding("causal").convTranspose(Tensor.zeros(1, 4, 1),
                Tensor.zeros(2, 1, 1)))
                .hasMessageContaining("conv1dTranspose: causal padding has no transposed form");
        assertThatThrownBy(() -> Convolution.with().conv(x, Tensor.zeros(3, 3)))
                .hasMessageContaining("conv: kernel must have rank 3, 4 or 5");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(3, 3, 3, 4), 1, "causal"))
                .hasMessageContaining("conv2d: causal padding is for 1-D windows");
        assertThatThrownBy(() -> Tensor.zeros(4, 4, 3).conv2d(Tensor.zeros(3, 3, 3, 4)))
                .hasMessageContaining("conv2d: x must be channels-last [batch, height, width, channels] (rank 4), got"
                        + " [4, 4, 3]");
    }

    @Test
    void outputLengthsFollowKeras() {
        assertThat(Convolution.outputLength(0, 28, 5, 1, 1, Padding.SAME)).isEqualTo(28);
        assertThat(Convolution.outputLength(0, 14, 5, 1, 1, Padding.VALID)).isEqualTo(10);
        assertThat(Convolution.outputLength(0, 224, 11, 4, 1, Padding.VALID)).isEqualTo(54);
        assertThat(Convolution.outputLength(0, 7, 3, 2, 1, Padding.SAME)).isEqualTo(4);
        assertThat(Convolution.outputLength(0, 10, 3, 1, 4, Padding.CAUSAL)).isEqualTo(10);
        assertThat(Convolution.transposeOutputLength("t", 0, 7, 3, 2, 1, Padding.SAME, null)).isEqualTo(14);
        assertThat(Convolution.transposeOutputLength("t", 0, 7, 3, 2, 1, Padding.VALID, null)).isEqualTo(15);
        assertThat(Convolution.transposeOutputLength("t", 0, 7, 5, 2, 1, Padding.SAME, 1)).isEqualTo(14);
        assertThat(Convolution.transposeOutputLength("t", 0, 7, 4, 2, 1, Padding.explicit(1), 0)).isEqualTo(14);
        assertThat(Epilogue.Activation.RELU).isEqualTo(Convolution.activation("x", "ReLU"));
    }
}
