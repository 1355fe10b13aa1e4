package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * Long short-term memory over the time axis (Keras's {@code LSTM}, PyTorch's {@code nn.LSTM}; note
 * 002, 6.2): gates i, f, c, o in one [in, 4u] kernel, unit_forget_bias, states [h, c].
 *
 * <pre>{@code
 * new LSTM(32)
 * LSTM.builder(64).returnSequences(true).dropout(0.2).inputShape(28, 28).build()
 * }</pre>
 */
public final class LSTM extends RNN {
    public LSTM(int units) {
        this(builder(units));
    }

    private LSTM(Builder b) {
        super(b, cellName -> new LSTMCell(b, cellName));
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public LSTMCell cell() {
        return (LSTMCell) cell;
    }

    public int units() {
        return cell.units();
    }

    /** Rebuilds the layer from {@link #config()} (Keras's flat LSTM config). */
    public static LSTM fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readLayerConfig(c).build();
    }

    /** LSTM's keyword arguments (the cell's and the layer's), with Keras's defaults. */
    public static final class Builder extends RNN.Builder<Builder> {
        Builder(int units) {
            super(units);
        }

        public LSTM build() {
            return new LSTM(this);
        }
    }
}
