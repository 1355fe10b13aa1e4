package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * A convolutional LSTM over [batch, time, steps, channels] (Keras's {@code ConvLSTM1D}; Shi et al. 2015
 * without peepholes). {@code ConvLSTM1D.builder(16, 3).padding("same").returnSequences(true).build()}.
 */
public final class ConvLSTM1D extends ConvLSTM {
    private ConvLSTM1D(Builder b) {
        super(b, 1);
    }

    /** {@code kernelSize}: one value for every spatial axis, or 1. */
    public static Builder builder(int filters, int... kernelSize) {
        return new Builder(filters, kernelSize);
    }

    public static ConvLSTM1D fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "filters"), LayerConfig.ints(c, "kernel_size")).readConvConfig(c).build();
    }

    /** ConvLSTM1D's keyword arguments. */
    public static final class Builder extends ConvLSTM.Builder<Builder> {
        Builder(int filters, int[] kernelSize) {
            super(filters, kernelSize);
        }

        public ConvLSTM1D build() {
            return new ConvLSTM1D(this);
        }
    }
}
