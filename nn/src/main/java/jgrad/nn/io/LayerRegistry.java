package jgrad.nn.io;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.nn.Layer;
import jgrad.nn.layers.Activation;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.Average;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Concatenate;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.Highway;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.Maximum;
import jgrad.nn.layers.Minimum;
import jgrad.nn.layers.Multiply;
import jgrad.nn.layers.Reshape;
import jgrad.nn.layers.Sampling;
import jgrad.nn.layers.Subtract;
import jgrad.nn.layers.activation.LeakyReLU;
import jgrad.nn.layers.regularization.GaussianDropout;
import jgrad.nn.layers.regularization.GaussianNoise;
import jgrad.nn.layers.conv.Conv1D;
import jgrad.nn.layers.conv.Conv1DTranspose;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.Conv2DTranspose;
import jgrad.nn.layers.conv.Conv3D;
import jgrad.nn.layers.conv.Conv3DTranspose;
import jgrad.nn.layers.conv.DepthwiseConv2D;
import jgrad.nn.layers.conv.SeparableConv2D;
import jgrad.nn.layers.activation.ReLU;
import jgrad.nn.layers.pooling.AveragePooling1D;
import jgrad.nn.layers.pooling.AveragePooling2D;
import jgrad.nn.layers.pooling.AveragePooling3D;
import jgrad.nn.layers.pooling.GlobalAveragePooling1D;
import jgrad.nn.layers.pooling.GlobalAveragePooling2D;
import jgrad.nn.layers.pooling.GlobalAveragePooling3D;
import jgrad.nn.layers.pooling.GlobalMaxPooling1D;
import jgrad.nn.layers.pooling.GlobalMaxPooling2D;
import jgrad.nn.layers.pooling.GlobalMaxPooling3D;
import jgrad.nn.layers.pooling.MaxPooling1D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.layers.pooling.MaxPooling3D;
import jgrad.nn.layers.reshaping.Cropping1D;
import jgrad.nn.layers.reshaping.Cropping2D;
import jgrad.nn.layers.reshaping.Cropping3D;
import jgrad.nn.layers.reshaping.UpSampling1D;
import jgrad.nn.layers.reshaping.UpSampling2D;
import jgrad.nn.layers.reshaping.UpSampling3D;
import jgrad.nn.layers.reshaping.ZeroPadding1D;
import jgrad.nn.layers.reshaping.ZeroPadding2D;
import jgrad.nn.layers.reshaping.ZeroPadding3D;
import jgrad.nn.layers.recurrent.Bidirectional;
import jgrad.nn.layers.recurrent.ConvLSTM1D;
import jgrad.nn.layers.recurrent.ConvLSTM2D;
import jgrad.nn.layers.recurrent.ConvLSTM3D;
import jgrad.nn.layers.recurrent.Embedding;
import jgrad.nn.layers.recurrent.GRU;
import jgrad.nn.layers.recurrent.GRUCell;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.LSTMCell;
import jgrad.nn.layers.recurrent.Masking;
import jgrad.nn.layers.recurrent.PeepholeLSTM;
import jgrad.nn.layers.recurrent.PeepholeLSTMCell;
import jgrad.nn.layers.recurrent.RepeatVector;
import jgrad.nn.layers.recurrent.SimpleRNN;
import jgrad.nn.layers.recurrent.SimpleRNNCell;
import jgrad.nn.layers.recurrent.TimeDistributed;

/**
 * Turns a layer's class name and {@link Layer#config()} back into a layer, for loading models
 * saved as an architecture (Keras's {@code custom_objects} / {@code register_keras_serializable}).
 * Built-in layers are registered; register a custom layer once before loading:
 *
 * <pre>{@code
 * LayerRegistry.register("Scale", config -> new Scale((String) config.get("name")));
 * }</pre>
 *
 * The class name is the layer's {@link Layer#className()} (its simple class name by default).
 * Sequential and Functional models are handled by {@link jgrad.nn.Model#fromJson}.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("Dense", Dense::fromConfig);
        register("Activation", Activation::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("BatchNormalization", BatchNormalization::fromConfig);
        register("LayerNormalization", LayerNormalization::fromConfig);
        register("Flatten", Flatten::fromConfig);
        register("Reshape", Reshape::fromConfig);
        register("Add", Add::fromConfig);
        register("Subtract", Subtract::fromConfig);
        register("Multiply", Multiply::fromConfig);
        register("Average", Average::fromConfig);
        register("Maximum", Maximum::fromConfig);
        register("Minimum", Minimum::fromConfig);
        register("Concatenate", Concatenate::fromConfig);
        // Convolution-family layers (issue 20); Keras's short aliases (MaxPool2D, ...) map to the same classes.
        register("Conv1D", Conv1D::fromConfig);
        register("Conv2D", Conv2D::fromConfig);
        register("Conv3D", Conv3D::fromConfig);
        register("DepthwiseConv2D", DepthwiseConv2D::fromConfig);
        register("SeparableConv2D", SeparableConv2D::fromConfig);
        register("Conv1DTranspose", Conv1DTranspose::fromConfig);
        register("Conv2DTranspose", Conv2DTranspose::fromConfig);
        register("Conv3DTranspose", Conv3DTranspose::fromConfig);
        register("ReLU", ReLU::fromConfig);
        register("LeakyReLU", LeakyReLU::fromConfig);
        register("MaxPooling1D", MaxPooling1D::fromConfig);
        register("MaxPooling2D", MaxPooling2D::fromConfig);
        register("MaxPooling3D", MaxPooling3D::fromConfig);
        register("AveragePooling1D", AveragePooling1D::fromConfig);
        register("AveragePooling2D", AveragePooling2D::fromConfig);
        register("AveragePooling3D", AveragePooling3D::fromConfig);
        register("MaxPool1D", MaxPooling1D::fromConfig);
        register("MaxPool2D", MaxPooling2D::fromConfig);
        register("MaxPool3D", MaxPooling3D::fromConfig);
        register("AvgPool1D", AveragePooling1D::fromConfig);
        register("AvgPool2D", AveragePooling2D::fromConfig);
        register("AvgPool3D", AveragePooling3D::fromConfig);
        register("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig);
        register("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
        register("GlobalMaxPooling3D", GlobalMaxPooling3D::fromConfig);
        register("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig);
        register("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
        register("GlobalAveragePooling3D", GlobalAveragePooling3D::fromConfig);
        register("UpSampling1D", UpSampling1D::fromConfig);
        register("UpSampling2D", UpSampling2D::fromConfig);
        register("UpSampling3D", UpSampling3D::fromConfig);
        register("ZeroPadding1D", ZeroPadding1D::fromConfig);
        register("ZeroPadding2D", ZeroPadding2D::fromConfig);
        register("ZeroPadding3D", ZeroPadding3D::fromConfig);
        register("Cropping1D", Cropping1D::fromConfig);
        register("Cropping2D", Cropping2D::fromConfig);
        register("Cropping3D", Cropping3D::fromConfig);
        // Recurrent layers and cells (issue 10).
        register("Bidirectional", Bidirectional::fromConfig);
        register("ConvLSTM1D", ConvLSTM1D::fromConfig);
        register("ConvLSTM2D", ConvLSTM2D::fromConfig);
        register("ConvLSTM3D", ConvLSTM3D::fromConfig);
        register("Embedding", Embedding::fromConfig);
        register("GRU", GRU::fromConfig);
        register("GRUCell", GRUCell::fromConfig);
        register("LSTM", LSTM::fromConfig);
        register("LSTMCell", LSTMCell::fromConfig);
        register("Masking", Masking::fromConfig);
        register("PeepholeLSTM", PeepholeLSTM::fromConfig);
        register("PeepholeLSTMCell", PeepholeLSTMCell::fromConfig);
        register("RepeatVector", RepeatVector::fromConfig);
        register("SimpleRNN", SimpleRNN::fromConfig);
        register("SimpleRNNCell", SimpleRNNCell::fromConfig);
        register("TimeDistributed", TimeDistributed::fromConfig);
        // Autoencoders and the VAE (issue 12).
        register("GaussianNoise", GaussianNoise::fromConfig);
        register("GaussianDropout", GaussianDropout::fromConfig);
        register("Sampling", Sampling::fromConfig);
        // Attention and Transformers (issue 11).
        register("Attention", jgrad.nn.layers.attention.Attention::fromConfig);
        register("AdditiveAttention", jgrad.nn.layers.attention.AdditiveAttention::fromConfig);
        register("MultiHeadAttention", jgrad.nn.layers.attention.MultiHeadAttention::fromConfig);
        register("SinePositionEncoding", jgrad.nn.layers.attention.SinePositionEncoding::fromConfig);
        register("PositionEmbedding", jgrad.nn.layers.attention.PositionEmbedding::fromConfig);
        register("TransformerEncoder", jgrad.nn.layers.attention.TransformerEncoder::fromConfig);
        register("TransformerDecoder", jgrad.nn.layers.attention.TransformerDecoder::fromConfig);
        // Highway networks (issue 14).
        register("Highway", Highway::fromConfig);
    }

    private LayerRegistry() {}

    /** Registers (or replaces) the factory for layers of this class name. */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(Objects.requireNonNull(className, "className"), Objects.requireNonNull(factory, "factory"));
    }

    public static boolean isRegistered(String className) {
        return FACTORIES.containsKey(className);
    }

    /**
     * A new layer from its class name and config; the config's {@code dtype} and
     * {@code trainable} entries are applied after the factory runs.
     */
    public static Layer create(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer class '" + className + "'; register it with"
                    + " LayerRegistry.register(\"" + className + "\", config -> ...) before loading (known: "
                    + new TreeSet<>(FACTORIES.keySet()) + ")");
        }
        Layer layer = f.apply(config);
        Object dtype = config.get("dtype");
        if (dtype instanceof String s && !s.equals(layer.dtype().toString()) && !layer.isBuilt()) {
            layer.setDtype(parseDType(s));
        }
        if (Boolean.FALSE.equals(config.get("trainable"))) {
            layer.setTrainable(false);
        }
        return layer;
    }

    /** {@code "float32"} etc. to the DType. */
    public static DType parseDType(String s) {
        for (DType d : DType.values()) {
            if (d.toString().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + s + "'");
    }
}
