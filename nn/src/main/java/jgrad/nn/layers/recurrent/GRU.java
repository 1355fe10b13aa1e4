package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.nn.layers.LayerConfig;

/**
 * The gated recurrent unit of Cho et al. 2014 over the time axis (Keras's {@code GRU}, PyTorch's
 * {@code nn.GRU} when reset_after is true, the default); gates z, r, h in one [in, 3u] kernel.
 *
 * <pre>{@code
 * new GRU(32)
 * GRU.builder(64).returnSequences(true).dropout(0.2).inputShape(28, 28).build()
 * }</pre>
 */
public final class GRU extends RNN {
    public GRU(int units) {
        this(builder(units));
    }

    private GRU(Builder b) {
        super(b, cellName -> new GRUCell(b, cellName));
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public GRUCell cell() {
        return (GRUCell) cell;
    }

    public int units() {
        return cell.units();
    }

    /** Rebuilds the layer from {@link #config()} (Keras's flat GRU config). */
    public static GRU fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readLayerConfig(c).build();
    }

    /** GRU's keyword arguments (the cell's and the layer's), with Keras's defaults. */
    public static final class Builder extends RNN.Builder<Builder> {
        Builder(int units) {
            super(units);
        }

        public GRU build() {
            return new GRU(this);
        }
    }
}
