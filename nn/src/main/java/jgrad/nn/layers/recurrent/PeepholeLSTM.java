package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * The peephole LSTM of Gers &amp; Schmidhuber 2000 over the time axis (TF's
 * {@code PeepholeLSTMCell} in an RNN): the gates also see the cell state; with zero peepholes it is {@link LSTM}.
 *
 * <pre>{@code
 * new PeepholeLSTM(32)
 * PeepholeLSTM.builder(64).returnSequences(true).dropout(0.2).inputShape(28, 28).build()
 * }</pre>
 */
public final class PeepholeLSTM extends RNN {
    public PeepholeLSTM(int units) {
        this(builder(units));
    }

    private PeepholeLSTM(Builder b) {
        super(b, cellName -> new PeepholeLSTMCell(b, cellName));
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public PeepholeLSTMCell cell() {
        return (PeepholeLSTMCell) cell;
    }

    public int units() {
        return cell.units();
    }

    /** Rebuilds the layer from {@link #config()} (Keras's flat PeepholeLSTM config). */
    public static PeepholeLSTM fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readLayerConfig(c).build();
    }

    /** PeepholeLSTM's keyword arguments (the cell's and the layer's), with Keras's defaults. */
    public static final class Builder extends RNN.Builder<Builder> {
        Builder(int units) {
            super(units);
        }

        public PeepholeLSTM build() {
            return new PeepholeLSTM(this);
        }
    }
}
