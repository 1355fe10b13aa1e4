package jgrad.nn.layers.conv;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.activations.Activations;
import jgrad.nn.constraints.Constraint;
import jgrad.nn.constraints.Constraints;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.regularizers.Regularizer;

/** What the convolution layers share: activation fusion, input checks, config entries. */
final class ConvSupport {
    /** Activations the convolution kernel applies in its epilogue instead of as a separate op. */
    private static final Set<String> FUSED = Set.of("linear", "relu", "sigmoid", "tanh");

    private ConvSupport() {}

    static UnaryOperator<Tensor> activation(String name) {
        return name == null || name.equals("linear") ? null : Activations.get(name);
    }

    /** The name to fuse into the convolution, or null when the activation must run afterwards. */
    static String fusedName(UnaryOperator<Tensor> activation) {
        String n = Activations.nameOf(activation);
        return n != null && FUSED.contains(n) ? n : null;
    }

    /** The activation left to apply after the convolution, or null. */
    static UnaryOperator<Tensor> unfused(UnaryOperator<Tensor> activation) {
        return activation == null || fusedName(activation) != null ? null : activation;
    }

    static String who(Layer layer) {
        return "layer '" + layer.name() + "' (" + layer.className() + ")";
    }

    /**
     * Checks a per-sample input against the rank and, once built, the channel count; returns its
     * spatial sizes. Messages name the argument and the shapes; callers add the layer.
     */
    static int[] checkInput(Shape perSample, int rank, DataFormat format, int expectedChannels, Shape kernelShape) {
        SpatialArgs.requireRank(perSample, rank, format);
        int channels = format.channels(perSample);
        if (expectedChannels > 0 && channels != expectedChannels) {
            throw new IllegalArgumentException("expects " + expectedChannels + " input channels on the "
                    + (format == DataFormat.CHANNELS_LAST ? "last" : "first") + " axis (data_format='" + format
                    + "', kernel " + SpatialArgs.text(kernelShape.dims()) + "), got input " + SpatialArgs.batch(perSample)
                    + SpatialArgs.formatHint(perSample, format));
        }
        return format.spatial(perSample);
    }

    /** Output sizes of a forward convolution, failing when the dilated kernel is larger than the (padded) input. */
    static int[] outputSizes(int[] in, int[] kernel, int[] strides, int[] dilation, String padding, Shape perSample,
            DataFormat format) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = SpatialArgs.outputLength(in[i], kernel[i], strides[i], dilation[i], padding);
            if (out[i] <= 0) {
                int[] eff = new int[kernel.length];
                for (int j = 0; j < eff.length; j++) {
                    eff[j] = (kernel[j] - 1) * dilation[j] + 1;
                }
                throw new IllegalArgumentException("kernel_size " + SpatialArgs.text(kernel) + " (dilation_rate "
                        + SpatialArgs.text(dilation) + ", spanning " + SpatialArgs.text(eff) + ") is larger than the"
                        + " input's spatial size " + SpatialArgs.text(in) + " with padding '" + padding + "' (input "
                        + SpatialArgs.batch(perSample) + ", data_format='" + format + "')"
                        + SpatialArgs.formatHint(perSample, format));
            }
        }
        return out;
    }

    static void putCommon(Layer layer, Map<String, Object> m, String prefix, Initializer init, Regularizer reg,
            Constraint constraint) {
        m.put(prefix + "_initializer", LayerConfig.initializer(layer, init));
        m.put(prefix + "_regularizer", LayerConfig.regularizer(layer, reg));
        m.put(prefix + "_constraint", Constraints.toConfig(layer.name(), constraint));
    }

    static int[] intsOr(Map<String, Object> c, String key, int[] fallback) {
        return c.get(key) == null ? fallback : LayerConfig.ints(c, key);
    }
}
