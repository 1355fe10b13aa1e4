package jgrad.nn.layers.conv;

import java.util.Locale;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Where a spatial layer finds the channels: {@code channels_last} ({@code [batch, spatial...,
 * channels]}, Keras's default and jgrad's native layout) or {@code channels_first} ({@code [batch,
 * channels, spatial...]}, PyTorch's NCHW). Layers given channels_first data permute it to
 * channels-last, compute, and permute the result back, so both give the same numbers.
 */
public enum DataFormat {
    CHANNELS_LAST("channels_last"),
    CHANNELS_FIRST("channels_first");

    private final String kerasName;

    DataFormat(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling: {@code "channels_last"} or {@code "channels_first"}. */
    public String kerasName() {
        return kerasName;
    }

    @Override
    public String toString() {
        return kerasName;
    }

    /** By Keras name (case-insensitive); null means channels_last, Keras's default. */
    public static DataFormat of(String name) {
        if (name == null) {
            return CHANNELS_LAST;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "channels_last" -> CHANNELS_LAST;
            case "channels_first" -> CHANNELS_FIRST;
            default -> throw new IllegalArgumentException("data_format must be 'channels_last' or 'channels_first', got '"
                    + name + "'");
        };
    }

    /** The channel count of a per-sample shape in this format. */
    public int channels(Shape perSample) {
        return this == CHANNELS_LAST ? perSample.get(-1) : perSample.get(0);
    }

    /** The spatial sizes of a per-sample shape in this format. */
    public int[] spatial(Shape perSample) {
        int[] d = perSample.dims();
        int[] s = new int[d.length - 1];
        System.arraycopy(d, this == CHANNELS_LAST ? 0 : 1, s, 0, s.length);
        return s;
    }

    /** A per-sample shape in this format from spatial sizes and a channel count. */
    public Shape shape(int[] spatial, int channels) {
        int[] d = new int[spatial.length + 1];
        if (this == CHANNELS_LAST) {
            System.arraycopy(spatial, 0, d, 0, spatial.length);
            d[spatial.length] = channels;
        } else {
            d[0] = channels;
            System.arraycopy(spatial, 0, d, 1, spatial.length);
        }
        return Shape.of(d);
    }

    /** A batch in this format as channels-last ({@code [batch, spatial..., channels]}); a view, no copy. */
    public Tensor toChannelsLast(Tensor x) {
        if (this == CHANNELS_LAST) {
            return x;
        }
        int r = x.rank();
        int[] axes = new int[r];
        for (int i = 1; i < r - 1; i++) {
            axes[i] = i + 1;
        }
        axes[r - 1] = 1;
        return x.permute(axes);
    }

    /** A channels-last batch back in this format. */
    public Tensor fromChannelsLast(Tensor y) {
        if (this == CHANNELS_LAST) {
            return y;
        }
        int r = y.rank();
        int[] axes = new int[r];
        axes[1] = r - 1;
        for (int i = 2; i < r; i++) {
            axes[i] = i - 1;
        }
        return y.permute(axes);
    }
}
