package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * A convolutional LSTM over [batch, time, depth, rows, cols, channels] (Keras's {@code ConvLSTM3D}; Shi et al. 2015
 * without peepholes). {@code ConvLSTM3D.builder(16, 3).padding("same").returnSequences(true).build()}.
 */
public final class ConvLSTM3D extends ConvLSTM {
    private ConvLSTM3D(Builder b) {
        super(b, 3);
    }

    /** {@code kernelSize}: one value for every spatial axis, or 3. */
    public static Builder builder(int filters, int... kernelSize) {
        return new Builder(filters, kernelSize);
    }

    public static ConvLSTM3D fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "filters"), LayerConfig.ints(c, "kernel_size")).readConvConfig(c).build();
    }

    /** ConvLSTM3D's keyword arguments. */
    public static final class Builder extends ConvLSTM.Builder<Builder> {
        Builder(int filters, int[] kernelSize) {
            super(filters, kernelSize);
        }

        public ConvLSTM3D build() {
            return new ConvLSTM3D(this);
        }
    }
}
