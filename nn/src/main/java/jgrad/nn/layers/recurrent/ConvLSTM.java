package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * The shared part of {@link ConvLSTM1D}, {@link ConvLSTM2D} and {@link ConvLSTM3D}: a
 * {@link ConvLSTMCell} run over the time axis of [batch, time, spatial..., channels] (Keras's
 * {@code ConvLSTM} base; defaults padding "valid", strides 1, no peepholes).
 */
public abstract class ConvLSTM extends RNN {
    private final int rank;

    ConvLSTM(Builder<?> b, int rank) {
        super(b, cellName -> new ConvLSTMCell(b, rank, cellName));
        this.rank = rank;
    }

    @Override
    public ConvLSTMCell cell() {
        return (ConvLSTMCell) cell;
    }

    public int filters() {
        return cell.units();
    }

    @Override
    protected int expectedStepRank() {
        return rank + 1;
    }

    @Override
    protected String expectedForm() {
        return switch (rank) {
            case 1 -> "(None, time, steps, channels)";
            case 2 -> "(None, time, rows, cols, channels)";
            default -> "(None, time, depth, rows, cols, channels)";
        };
    }

    /** A ConvLSTM's keyword arguments: the LSTM's plus kernel_size, strides, padding and dilation_rate. */
    public abstract static class Builder<B extends Builder<B>> extends RNN.Builder<B> {
        Builder(int filters, int[] kernelSize) {
            super(filters);
            this.kernelSize = kernelSize.clone();
        }

        /** One value for every spatial axis, or one each. */
        public B strides(int... strides) {
            this.strides = strides.clone();
            return self();
        }

        /** "valid" (default) or "same"; the recurrent convolution is always "same". */
        public B padding(String padding) {
            this.padding = padding;
            return self();
        }

        public B dilationRate(int... rate) {
            this.dilationRate = rate.clone();
            return self();
        }

        B readConvConfig(Map<String, Object> c) {
            readLayerConfig(c);
            if (c.containsKey("strides")) {
                strides(LayerConfig.ints(c, "strides"));
            }
            if (c.containsKey("dilation_rate")) {
                dilationRate(LayerConfig.ints(c, "dilation_rate"));
            }
            if (c.get("padding") instanceof String p) {
                padding(p);
            }
            return self();
        }
    }
}
