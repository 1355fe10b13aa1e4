package jgrad.nn.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.conv.BaseConv;
import jgrad.nn.layers.conv.BaseConvTranspose;
import jgrad.nn.layers.conv.DepthwiseConv2D;
import jgrad.nn.layers.conv.SeparableConv2D;

/**
 * PyTorch weights into Keras-layout layers: the layout conversions, and loading a PyTorch
 * {@code state_dict} saved as safetensors into a model's layers by a name map.
 *
 * <pre>{@code
 * // torch: save_file(net.state_dict(), "net.safetensors")  (or scripts/safetensors_tool.py)
 * TorchWeights.load(model, Path.of("net.safetensors"),
 *         Map.of("conv2d", "features.0", "conv2d_1", "features.3", "dense", "classifier"));
 * }</pre>
 *
 * <p>Layouts: PyTorch's Conv{1,2,3}d weight is {@code [out, in / groups, k...]}, Keras's kernel
 * {@code [k..., in / groups, out]}; ConvTranspose's {@code [in, out, k...]} becomes {@code [k...,
 * out, in]}; a depthwise Conv2d ({@code groups = in}) {@code [in * mult, 1, kh, kw]} becomes
 * DepthwiseConv2D's {@code [kh, kw, in, mult]}; Linear's {@code [out, in]} becomes Dense's
 * {@code [in, out]}; BatchNorm's weight, bias, running_mean and running_var become gamma, beta,
 * moving_mean and moving_variance (give the layer PyTorch's epsilon, 1e-5). A Linear layer after
 * {@code flatten} of NCHW features sees them in (C, H, W) order, Keras's Flatten of NHWC in
 * (H, W, C) order: convert its weight with {@link #reorderFlattenedInputs} first (or build the jgrad
 * model channels_first, whose Flatten order is PyTorch's).
 */
public final class TorchWeights {
    private TorchWeights() {}

    /** PyTorch's Conv1d/2d/3d weight {@code [out, in / groups, k...]} as a Keras kernel {@code [k..., in / groups, out]}. */
    public static Tensor convKernel(Tensor torchWeight) {
        return kSpatialFirst("convKernel", torchWeight);
    }

    /** PyTorch's ConvTranspose1d/2d/3d weight {@code [in, out, k...]} as a Keras kernel {@code [k..., out, in]}. */
    public static Tensor convTransposeKernel(Tensor torchWeight) {
        return kSpatialFirst("convTransposeKernel", torchWeight);
    }

    /**
     * A depthwise Conv weight ({@code groups = in}) {@code [in * mult, 1, k...]} as Keras's
     * depthwise kernel {@code [k..., in, mult]}: PyTorch's output channel {@code c * mult + j} is
     * input channel c's j-th filter, as in Keras.
     */
    public static Tensor depthwiseKernel(Tensor torchWeight, int channels) {
        int r = torchWeight.rank();
        if (r < 3 || torchWeight.dim(1) != 1 || channels <= 0 || torchWeight.dim(0) % channels != 0) {
            throw new IllegalArgumentException("depthwiseKernel: expected a PyTorch depthwise weight [channels * mult, 1,"
                    + " k...] for " + channels + " channels, got " + torchWeight.shape());
        }
        int[] split = new int[r];
        split[0] = channels;
        split[1] = torchWeight.dim(0) / channels;
        for (int i = 2; i < r; i++) {
            split[i] = torchWeight.dim(i);
        }
        int[] perm = new int[r];
        for (int i = 0; i < r - 2; i++) {
            perm[i] = i + 2;
        }
        perm[r - 2] = 0;
        perm[r - 1] = 1;
        return torchWeight.reshape(split).permute(perm).contiguous();
    }

    /** PyTorch's Linear weight {@code [out, in]} as a Keras Dense kernel {@code [in, out]}. */
    public static Tensor denseKernel(Tensor torchWeight) {
        if (torchWeight.rank() != 2) {
            throw new IllegalArgumentException("denseKernel: expected a PyTorch Linear weight [out, in], got "
                    + torchWeight.shape());
        }
        return torchWeight.transpose().contiguous();
    }

    /**
     * Reorders the input columns of a PyTorch Linear weight {@code [out, C * H * W]} that follows
     * {@code flatten} of NCHW features, so that it reads features flattened from NHWC (Keras's
     * Flatten of channels-last data). The result is still PyTorch-shaped {@code [out, H * W * C]}.
     */
    public static Tensor reorderFlattenedInputs(Tensor torchWeight, int channels, int... spatial) {
        int features = channels;
        for (int s : spatial) {
            features *= s;
        }
        if (torchWeight.rank() != 2 || torchWeight.dim(1) != features) {
            throw new IllegalArgumentException("reorderFlattenedInputs: a Linear weight [out, " + features + "] for "
                    + channels + " channels of " + java.util.Arrays.toString(spatial) + " was expected, got "
                    + torchWeight.shape());
        }
        int d = spatial.length;
        int[] split = new int[d + 2];
        split[0] = torchWeight.dim(0);
        split[1] = channels;
        System.arraycopy(spatial, 0, split, 2, d);
        int[] perm = new int[d + 2];
        for (int i = 0; i < d; i++) {
            perm[1 + i] = 2 + i;
        }
        perm[d + 1] = 1;
        return torchWeight.reshape(split).permute(perm).reshape(torchWeight.dim(0), features).contiguous();
    }

    /** {@code [a, b, k...]} to {@code [k..., b, a]}: every PyTorch conv layout to Keras's. */
    private static Tensor kSpatialFirst(String what, Tensor w) {
        int r = w.rank();
        if (r < 3 || r > 5) {
            throw new IllegalArgumentException(what + ": expected a PyTorch convolution weight of rank 3 to 5 ([out, in,"
                    + " k...] or [in, out, k...]), got " + w.shape());
        }
        int[] perm = new int[r];
        for (int i = 0; i < r - 2; i++) {
            perm[i] = i + 2;
        }
        perm[r - 2] = 1;
        perm[r - 1] = 0;
        return w.permute(perm).contiguous();
    }

    /** Reads a safetensors file and loads it with {@link #load(Model, Map, Map)}. */
    public static void load(Model model, Path safetensors, Map<String, String> layerToPrefix) {
        load(model, SafeTensors.read(safetensors), layerToPrefix);
    }

    /**
     * Loads a PyTorch state_dict into built layers: {@code layerToPrefix} maps a jgrad layer
     * name to a PyTorch module prefix ({@code "conv2d" -> "features.0"} reads
     * {@code features.0.weight} and {@code features.0.bias}). Conv, transposed conv, depthwise,
     * separable ({@code prefix.depthwise.weight}, {@code prefix.pointwise.weight},
     * {@code prefix.pointwise.bias}), Dense and BatchNormalization layers are converted; values
     * are cast to each weight's dtype. Every shape is checked before any weight changes; keys the
     * map does not mention are ignored.
     */
    public static void load(Model model, Map<String, Tensor> stateDict, Map<String, String> layerToPrefix) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stateDict, "stateDict");
        Map<Variable, Tensor> assignments = new LinkedHashMap<>();
        try (Scope _ = GradientTape.noGrad()) {
            for (Map.Entry<String, String> e : layerToPrefix.entrySet()) {
                Layer layer = model.getLayer(e.getKey());
                if (!layer.isBuilt()) {
                    throw new IllegalStateException("TorchWeights: layer '" + layer.name() + "' is not built; build the"
                            + " model (call it, or start it with Input.of(...)) before loading weights");
                }
                plan(layer, e.getValue(), stateDict, assignments);
            }
            for (Map.Entry<Variable, Tensor> a : assignments.entrySet()) {
                a.getKey().assign(a.getValue());
            }
        }
    }

    private static void plan(Layer layer, String prefix, Map<String, Tensor> sd, Map<Variable, Tensor> out) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        switch (layer) {
            case BaseConv c -> {
                put(out, layer, c.kernel(), p + "weight", convKernel(get(sd, layer, p + "weight")));
                bias(out, layer, c.bias(), p + "bias", sd);
            }
            case BaseConvTranspose c -> {
                put(out, layer, c.kernel(), p + "weight", convTransposeKernel(get(sd, layer, p + "weight")));
                bias(out, layer, c.bias(), p + "bias", sd);
            }
            case DepthwiseConv2D c -> {
                put(out, layer, c.kernel(), p + "weight", depthwiseKernel(get(sd, layer, p + "weight"), c.kernel().dim(2)));
                bias(out, layer, c.bias(), p + "bias", sd);
            }
            case SeparableConv2D c -> {
                put(out, layer, c.depthwiseKernel(), p + "depthwise.weight",
                        depthwiseKernel(get(sd, layer, p + "depthwise.weight"), c.depthwiseKernel().dim(2)));
                put(out, layer, c.pointwiseKernel(), p + "pointwise.weight",
                        convKernel(get(sd, layer, p + "pointwise.weight")));
                bias(out, layer, c.bias(), p + "pointwise.bias", sd);
            }
            case Dense d -> {
                put(out, layer, d.kernel(), p + "weight", denseKernel(get(sd, layer, p + "weight")));
                bias(out, layer, d.bias(), p + "bias", sd);
            }
            case BatchNormalization bn -> {
                String[][] names = {{"gamma", "weight"}, {"beta", "bias"}, {"moving_mean", "running_mean"},
                    {"moving_variance", "running_var"}};
                for (String[] n : names) {
                    Variable v = weight(layer, n[0]);
                    if (v != null) {
                        put(out, layer, v, p + n[1], get(sd, layer, p + n[1]));
                    }
                }
            }
            default -> throw new IllegalArgumentException("TorchWeights: layer '" + layer.name() + "' ("
                    + layer.className() + ") has no PyTorch conversion; supported: Conv1D/2D/3D, Conv1D/2D/3DTranspose,"
                    + " DepthwiseConv2D, SeparableConv2D, Dense, BatchNormalization");
        }
    }

    private static Variable weight(Layer layer, String name) {
        for (Variable v : layer.weights()) {
            if (v.name().equals(layer.name() + "/" + name)) {
                return v;
            }
        }
        return null;
    }

    private static void bias(Map<Variable, Tensor> out, Layer layer, Variable bias, String key, Map<String, Tensor> sd) {
        Tensor t = sd.get(key);
        if (bias == null && t != null) {
            throw new IllegalArgumentException("TorchWeights: '" + key + "' is a bias, but layer '" + layer.name()
                    + "' has use_bias=false");
        }
        if (bias != null) {
            put(out, layer, bias, key, get(sd, layer, key));
        }
    }

    private static Tensor get(Map<String, Tensor> sd, Layer layer, String key) {
        Tensor t = sd.get(key);
        if (t == null) {
            String prefix = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
            TreeSet<String> near = new TreeSet<>();
            for (String k : sd.keySet()) {
                if (k.startsWith(prefix)) {
                    near.add(k);
                }
            }
            throw new IllegalArgumentException("TorchWeights: the state_dict has no '" + key + "' for layer '"
                    + layer.name() + "' (" + layer.className() + "); keys " + (prefix.isEmpty() ? "" : "under '"
                            + prefix + "' ") + ": " + (near.isEmpty() ? new TreeSet<>(sd.keySet()) : near));
        }
        return t;
    }

    private static void put(Map<Variable, Tensor> out, Layer layer, Variable v, String key, Tensor value) {
        if (!value.shape().equals(v.shape())) {
            throw new IllegalArgumentException("TorchWeights: '" + key + "' converted to Keras's layout is "
                    + value.shape() + ", but '" + v.name() + "' of layer '" + layer.name() + "' (" + layer.className()
                    + ") is " + v.shape());
        }
        out.put(v, value.dtype() == v.dtype() ? value : value.cast(v.dtype()));
    }
}
