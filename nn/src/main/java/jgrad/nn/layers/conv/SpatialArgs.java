package jgrad.nn.layers.conv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.Shape;
import jgrad.nn.Shapes;
import jgrad.ops.nn.Padding;

/**
 * Argument checks and shape arithmetic shared by the convolution, pooling and reshaping layers:
 * Keras's "an int or a tuple of {@code rank} ints" arguments, padding names, the output length of
 * a window, and the error messages that name the layer, the argument and the shapes.
 */
public final class SpatialArgs {
    private SpatialArgs() {}

    /** One value for every spatial axis, or exactly {@code rank} values (Keras's int-or-tuple). */
    public static int[] tuple(String who, String arg, int[] values, int rank) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(who + ": " + arg + " must be 1 or " + rank + " integers, got "
                    + (values == null ? "null" : text(values)));
        }
        if (values.length == rank) {
            return values.clone();
        }
        int[] out = new int[rank];
        Arrays.fill(out, values[0]);
        return out;
    }

    /** {@link #tuple}, then every value must be > 0. */
    public static int[] positive(String who, String arg, int[] values, int rank) {
        int[] t = tuple(who, arg, values, rank);
        for (int v : t) {
            if (v <= 0) {
                throw new IllegalArgumentException(who + ": " + arg + " must be positive, got " + text(t));
            }
        }
        return t;
    }

    /** {@link #tuple}, then every value must be >= 0. */
    public static int[] nonNegative(String who, String arg, int[] values, int rank) {
        int[] t = tuple(who, arg, values, rank);
        for (int v : t) {
            if (v < 0) {
                throw new IllegalArgumentException(who + ": " + arg + " must be >= 0, got " + text(t));
            }
        }
        return t;
    }

    /** "valid", "same" or (when allowed) "causal", lower case. */
    public static String padding(String who, String padding, boolean causalAllowed) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (p.equals("causal") && causalAllowed)) {
            return p;
        }
        throw new IllegalArgumentException(who + ": padding must be " + (causalAllowed ? "'valid', 'same' or 'causal'"
                : "'valid' or 'same'") + ", got '" + padding + "'" + (p.equals("causal")
                        ? " ('causal' is only for 1-D layers such as Conv1D)" : ""));
    }

    /** The op-level padding for a layer's padding name. */
    public static Padding opPadding(String padding) {
        return switch (padding) {
            case "valid" -> Padding.VALID;
            case "same" -> Padding.SAME;
            case "causal" -> Padding.CAUSAL;
            default -> throw new IllegalArgumentException("unknown padding '" + padding + "'");
        };
    }

    /**
     * Output length of a window of {@code kernel} taps, dilated by {@code dilation}, moved by
     * {@code stride} over {@code n} positions: Keras's {@code conv_output_length}. "same" and
     * "causal" give {@code ceil(n / stride)}, "valid" {@code floor((n - eff) / stride) + 1}, -1
     * when the dilated window does not fit ({@code eff > n}).
     */
    public static int outputLength(int n, int kernel, int stride, int dilation, String padding) {
        int eff = (kernel - 1) * dilation + 1;
        if (padding.equals("valid")) {
            return n < eff ? -1 : (n - eff) / stride + 1;
        }
        return (n + stride - 1) / stride;
    }

    /** Keras's tuple spelling: {@code (3, 3)}. */
    public static String text(int... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values[i]);
        }
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }

    /** A per-sample shape as Keras prints a batch shape: {@code (None, 28, 28, 1)}. */
    public static String batch(Shape perSample) {
        return Shapes.batchShape(perSample);
    }

    /** The axis names of a spatial input, for messages: {@code (batch, height, width, channels)}. */
    public static String layout(int spatialRank, DataFormat format) {
        List<String> names = switch (spatialRank) {
            case 1 -> List.of("steps");
            case 2 -> List.of("height", "width");
            default -> List.of("depth", "height", "width");
        };
        return format == DataFormat.CHANNELS_LAST ? "(batch, " + String.join(", ", names) + ", channels)"
                : "(batch, channels, " + String.join(", ", names) + ")";
    }

    /**
     * Fails unless a per-sample shape has {@code spatialRank + 1} axes. The message starts with
     * "expects"; callers put the layer's name in front.
     */
    public static void requireRank(Shape perSample, int spatialRank, DataFormat format) {
        if (perSample.rank() != spatialRank + 1) {
            throw new IllegalArgumentException("expects inputs of rank " + (spatialRank + 2) + " "
                    + layout(spatialRank, format) + ", got " + batch(perSample) + " (rank " + (perSample.rank() + 1)
                    + ")" + (perSample.rank() == spatialRank ? "; add a channels axis (e.g. reshape to "
                            + batch(withChannel(perSample, format)) + ")" : ""));
        }
    }

    private static Shape withChannel(Shape s, DataFormat format) {
        return format.shape(s.dims(), 1);
    }

    /**
     * A hint added to shape errors of a channels_last layer whose input looks channels_first
     * (a small leading axis and a larger last axis), empty otherwise.
     */
    public static String formatHint(Shape perSample, DataFormat format) {
        if (format == DataFormat.CHANNELS_LAST && perSample.rank() >= 2 && perSample.get(0) <= 4
                && perSample.get(-1) > perSample.get(0)) {
            return "; the input looks channels_first " + batch(perSample)
                    + ": give the layer dataFormat(\"channels_first\") or permute the data to channels_last";
        }
        if (format == DataFormat.CHANNELS_FIRST && perSample.rank() >= 2 && perSample.get(-1) <= 4
                && perSample.get(0) > perSample.get(-1)) {
            return "; the input looks channels_last " + batch(perSample)
                    + ": drop dataFormat(\"channels_first\") or permute the data to channels_first";
        }
        return "";
    }
}
