package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * A convolutional LSTM over [batch, time, rows, cols, channels] (Keras's {@code ConvLSTM2D}; Shi et al. 2015
 * without peepholes). {@code ConvLSTM2D.builder(16, 3).padding("same").returnSequences(true).build()}.
 */
public final class ConvLSTM2D extends ConvLSTM {
    private ConvLSTM2D(Builder b) {
        super(b, 2);
    }

    /** {@code kernelSize}: one value for every spatial axis, or 2. */
    public static Builder builder(int filters, int... kernelSize) {
        return new Builder(filters, kernelSize);
    }

    public static ConvLSTM2D fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "filters"), LayerConfig.ints(c, "kernel_size")).readConvConfig(c).build();
    }

    /** ConvLSTM2D's keyword arguments. */
    public static final class Builder extends ConvLSTM.Builder<Builder> {
        Builder(int filters, int[] kernelSize) {
            super(filters, kernelSize);
        }

        public ConvLSTM2D build() {
            return new ConvLSTM2D(this);
        }
    }
}
