package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Epilogue.Activation;

/**
 * Specs of the convolution and pooling ops, listed by {@link NeuralSpecs#all()}: small
 * channels-last shapes covering 1-D, 2-D and 3-D windows, strides, dilations, every padding mode,
 * bias and fused activations, and an empty batch.
 */
public final class ConvSpecs {
    private ConvSpecs() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>();
        all.add(conv("conv1d", new int[] {1}, new int[] {1}, Padding.VALID, Activation.LINEAR)
                .shapes(new int[] {2, 5, 3}, new int[] {3, 3, 2}, new int[] {2})
                .shapes(new int[] {1, 4, 1}, new int[] {2, 1, 1})
                .shapes(new int[] {0, 4, 2}, new int[] {3, 2, 2}, new int[] {2})
                .error("conv1d: x [2, 5, 3] has 3 channels but kernel [3, 2, 2] expects 2", Tensor.zeros(2, 5, 3),
                        Tensor.zeros(3, 2, 2))
                .error("conv1d: kernel must be [width, in channels, filters] (rank 3), got [3, 3]",
                        Tensor.zeros(2, 5, 3), Tensor.zeros(3, 3))
                .error("conv1d: the window [6] (dilations [1]) does not fit x [1, 5, 1] with valid padding",
                        Tensor.zeros(1, 5, 1), Tensor.zeros(6, 1, 1))
                .error("conv1d: x must be channels-last [batch, width, channels] (rank 3), got [5, 1]",
                        Tensor.zeros(5, 1), Tensor.zeros(2, 1, 1))
                .error("conv1d: bias must be a float32 vector of 2 entries", Tensor.zeros(1, 5, 1),
                        Tensor.zeros(2, 1, 2), Tensor.zeros(3))
                .build());
        all.add(conv("conv1d(same, stride 2, tanh)", new int[] {2}, new int[] {1}, Padding.SAME, Activation.TANH)
                .shapes(new int[] {2, 7, 2}, new int[] {3, 2, 3}, new int[] {3})
                .build());
        all.add(conv("conv1d(causal, dilation 2, sigmoid)", new int[] {1}, new int[] {2}, Padding.CAUSAL,
                Activation.SIGMOID)
                .shapes(new int[] {2, 6, 1}, new int[] {2, 1, 2}, new int[] {2})
                .build());
        all.add(conv("conv2d", new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, Activation.LINEAR)
                .shapes(new int[] {2, 4, 5, 2}, new int[] {3, 2, 2, 3}, new int[] {3})
                .shapes(new int[] {1, 3, 3, 1}, new int[] {2, 2, 1, 1})
                .error("conv2d: kernel must be [height, width, in channels, filters] (rank 4), got [3, 3, 2]",
                        Tensor.zeros(1, 4, 4, 2), Tensor.zeros(3, 3, 2))
                .build());
        all.add(conv("conv2d(same, relu)", new int[] {1, 1}, new int[] {1, 1}, Padding.SAME, Activation.RELU)
                .shapes(new int[] {1, 4, 5, 2}, new int[] {3, 3, 2, 2}, new int[] {2})
                .build());
        all.add(conv("conv2d(explicit 1, stride 2)", new int[] {2, 2}, new int[] {1, 1}, Padding.explicit(1, 1),
                Activation.LINEAR)
                .shapes(new int[] {2, 4, 5, 1}, new int[] {3, 3, 1, 2})
                .build());
        all.add(conv("conv2d(dilation 2, strides 1x2)", new int[] {1, 2}, new int[] {2, 2}, Padding.VALID,
                Activation.LINEAR)
                .shapes(new int[] {1, 5, 6, 2}, new int[] {2, 2, 2, 2}, new int[] {2})
                .build());
        all.add(conv("conv3d", new int[] {1, 2, 1}, new int[] {1, 1, 1}, Padding.VALID, Activation.LINEAR)
                .shapes(new int[] {1, 3, 4, 3, 2}, new int[] {2, 2, 2, 2, 2}, new int[] {2})
                .build());
        all.add(conv("conv3d(same)", new int[] {1, 1, 1}, new int[] {1, 1, 1}, Padding.SAME, Activation.LINEAR)
                .shapes(new int[] {1, 2, 3, 3, 1}, new int[] {2, 3, 2, 1, 2})
                .build());
        all.add(grouped("conv2d(groups 2)", 2, new int[] {1, 1}, Padding.VALID)
                .shapes(new int[] {1, 4, 4, 4}, new int[] {2, 2, 2, 6}, new int[] {6})
                .error("conv2d: groups 2 must divide both the input channels 3", Tensor.zeros(1, 4, 4, 3),
                        Tensor.zeros(2, 2, 1, 4))
                .error("conv2d: with 2 groups the kernel must have 2 input channels per group",
                        Tensor.zeros(1, 4, 4, 4),
                        Tensor.zeros(2, 2, 4, 4))
                .build());
        all.add(grouped("depthwise conv2d(groups 3, same, stride 2)", 3, new int[] {2, 2}, Padding.SAME)
                .shapes(new int[] {2, 5, 4, 3}, new int[] {3, 3, 1, 6})
                .build());
        all.add(grouped("conv1d(groups 2, causal)", 2, new int[] {1}, Padding.CAUSAL)
                .shapes(new int[] {2, 5, 4}, new int[] {2, 2, 2}, new int[] {2})
                .build());
        all.add(transpose("conv2dTranspose(valid)", new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, null)
                .shapes(new int[] {2, 3, 3, 2}, new int[] {2, 2, 3, 2}, new int[] {3})
                .shapes(new int[] {0, 2, 2, 1}, new int[] {2, 2, 1, 1})
                .error("conv2dTranspose: x [1, 3, 3, 2] has 2 channels but kernel [2, 2, 2, 3] expects 3",
                        Tensor.zeros(1, 3, 3, 2), Tensor.zeros(2, 2, 2, 3))
                .error("conv2dTranspose: kernel must be [height, width, filters, in channels] (rank 4), got [2, 2]",
                        Tensor.zeros(1, 3, 3, 2), Tensor.zeros(2, 2))
                .build());
        all.add(transpose("conv2dTranspose(same, stride 2)", new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, null)
                .shapes(new int[] {1, 3, 2, 2}, new int[] {3, 3, 2, 2}, new int[] {2})
                .build());
        all.add(transpose("conv2dTranspose(same, stride 2, output padding 0x1)", new int[] {2, 2}, new int[] {1, 1},
                Padding.SAME, new int[] {0, 1})
                .shapes(new int[] {1, 3, 2, 1}, new int[] {3, 3, 2, 1})
                .error("conv2dTranspose: an output of [1, 4, 3, 2] convolved with window [2, 2], strides [2, 2] and"
                        + " same padding gives [1, 2, 2, 1], not x [1, 3, 2, 1]", Tensor.zeros(1, 3, 2, 1),
                        Tensor.zeros(2, 2, 2, 1))
                .build());
        all.add(transpose("conv1dTranspose(explicit 1, stride 2, dilation 2)", new int[] {2}, new int[] {2},
                Padding.explicit(1), null)
                .shapes(new int[] {2, 4, 2}, new int[] {3, 3, 2}, new int[] {3})
                .build());
        all.add(transpose("conv3dTranspose(valid, strides 2x1x2)", new int[] {2, 1, 2}, new int[] {1, 1, 1},
                Padding.VALID, null)
                .shapes(new int[] {1, 2, 2, 2, 2}, new int[] {2, 2, 2, 1, 2})
                .build());
        all.add(OpSpec.builder("convInputGrad(same, strides 2x1)", in -> new ConvInputGrad(List.of(2, 1),
                        List.of(1, 1), Padding.SAME, Shape.of(2, 5, 4, 3)).apply(in.get(0), in.get(1)))
                .shapes(new int[] {2, 3, 4, 2}, new int[] {3, 2, 3, 2})
                .error("convInputGrad: dz must be float32 [2, 3, 4, 2]", Tensor.zeros(2, 3, 3, 2),
                        Tensor.zeros(3, 2, 3, 2))
                .build());
        all.add(OpSpec.builder("convInputGrad(valid, dilation 2)", in -> new ConvInputGrad(List.of(1), List.of(2),
                        Padding.VALID, Shape.of(1, 7, 2)).apply(in.get(0), in.get(1)))
                .shapes(new int[] {1, 3, 3}, new int[] {3, 2, 3})
                .build());
        all.add(OpSpec.builder("convFilterGrad(same, strides 2x1)", in -> new ConvFilterGrad(List.of(2, 1),
                        List.of(1, 1), Padding.SAME, Shape.of(3, 2, 3, 2)).apply(in.get(0), in.get(1)))
                .shapes(new int[] {2, 5, 4, 3}, new int[] {2, 3, 4, 2})
                .build());
        all.add(OpSpec.builder("convFilterGrad(causal, dilation 2)", in -> new ConvFilterGrad(List.of(1),
                        List.of(2), Padding.CAUSAL, Shape.of(2, 2, 3)).apply(in.get(0), in.get(1)))
                .shapes(new int[] {2, 6, 2}, new int[] {2, 6, 3})
                .build());
        all.add(OpSpec.builder("im2col", in -> new Im2Col(List.of(2, 3), List.of(2, 1), List.of(1, 1), Padding.SAME)
                        .apply(in.get(0)))
                .shapes(new int[] {2, 3, 4, 2})
                .build());
        all.add(OpSpec.builder("col2im", in -> new Col2Im(List.of(2, 3), List.of(2, 1), List.of(1, 1), Padding.SAME,
                        Shape.of(2, 3, 4, 2)).apply(in.get(0)))
                .shapes(new int[] {2, 2, 4, 12})
                .error("col2im: cols [2, 2, 4, 11] do not fit an input of [2, 3, 4, 2] with windows [2, 3]: expected"
                        + " [2, 2, 4, 12]", Tensor.zeros(2, 2, 4, 11))
                .build());
        for (String kind : new String[] {"maxPool", "avgPool"}) {
            all.add(pool(kind, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID)
                    .shapes(new int[] {2, 4, 5, 3})
                    .shapes(new int[] {0, 2, 2, 1})
                    .error(kind + "2d: x must be channels-last [batch, height, width, channels] (rank 4), got [4, 4]",
                            Tensor.zeros(4, 4))
                    .build());
            all.add(pool(kind, new int[] {3, 2}, new int[] {2, 1}, Padding.SAME).shapes(new int[] {1, 5, 4, 2}).build());
            all.add(pool(kind, new int[] {3}, new int[] {2}, Padding.SAME).shapes(new int[] {2, 7, 2}).build());
            all.add(pool(kind, new int[] {2, 2, 2}, new int[] {1, 2, 2}, Padding.VALID)
                    .shapes(new int[] {1, 3, 4, 4, 1}).build());
            all.add(pool(kind, new int[] {3, 3}, new int[] {2, 2}, Padding.explicit(1, 1))
                    .shapes(new int[] {1, 4, 4, 1}).build());
        }
        all.add(OpSpec.builder("avgPoolGrad", in -> new AvgPoolGrad(List.of(3, 2), List.of(2, 1), Padding.SAME,
                        Shape.of(1, 5, 4, 2)).apply(in.get(0)))
                .shapes(new int[] {1, 3, 4, 2})
                .error("avgPoolGrad: grad [1, 3, 3, 2] does not fit an input of [1, 5, 4, 2] pooled by [3, 2]",
                        Tensor.zeros(1, 3, 3, 2))
                .build());
        return List.copyOf(all);
    }

    private static OpSpec.Builder conv(String name, int[] strides, int[] dilations, Padding padding,
            Activation activation) {
        return OpSpec.builder(name, in -> Conv.conv(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, strides,
                dilations, padding, activation));
    }

    private static OpSpec.Builder grouped(String name, int groups, int[] strides, Padding padding) {
        int[] ones = new int[strides.length];
        java.util.Arrays.fill(ones, 1);
        return OpSpec.builder(name, in -> Convolution.conv(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null,
                strides, ones, padding, groups, "linear"));
    }

    private static OpSpec.Builder transpose(String name, int[] strides, int[] dilations, Padding padding,
            int[] outputPadding) {
        return OpSpec.builder(name, in -> Convolution.convTranspose(in.get(0), in.get(1),
                in.size() > 2 ? in.get(2) : null, strides, dilations, padding, outputPadding));
    }

    private static OpSpec.Builder pool(String kind, int[] size, int[] strides, Padding padding) {
        String name = kind + size.length + "d(" + padding + ", size " + java.util.Arrays.toString(size) + ", strides "
                + java.util.Arrays.toString(strides) + ")";
        return OpSpec.builder(name, in -> kind.equals("maxPool") ? MaxPool.maxPool(in.get(0), size, strides, padding)
                : AvgPool.avgPool(in.get(0), size, strides, padding));
    }
}
