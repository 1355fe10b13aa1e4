package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * The Elman network of note 002, 6.1 (Keras's {@code SimpleRNN}, PyTorch's {@code nn.RNN} with
 * tanh): h_t = tanh(x_t W + h_{t-1} U + b) over the time axis of [batch, timesteps, features].
 *
 * <pre>{@code
 * new SimpleRNN(32)
 * SimpleRNN.builder(64).returnSequences(true).dropout(0.2).inputShape(28, 28).build()
 * }</pre>
 */
public final class SimpleRNN extends RNN {
    public SimpleRNN(int units) {
        this(builder(units));
    }

    private SimpleRNN(Builder b) {
        super(b, cellName -> new SimpleRNNCell(b, cellName));
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public SimpleRNNCell cell() {
        return (SimpleRNNCell) cell;
    }

    public int units() {
        return cell.units();
    }

    /** Rebuilds the layer from {@link #config()} (Keras's flat SimpleRNN config). */
    public static SimpleRNN fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readLayerConfig(c).build();
    }

    /** SimpleRNN's keyword arguments (the cell's and the layer's), with Keras's defaults. */
    public static final class Builder extends RNN.Builder<Builder> {
        Builder(int units) {
            super(units);
        }

        public SimpleRNN build() {
            return new SimpleRNN(this);
        }
    }
}
