package jgrad.nn.layers.attention;

import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;

/**
 * The Transformer's sinusoidal position encoding (Vaswani et al. 2017; note 002 eqs. 6.3-6.4;
 * KerasHub's {@code SinePositionEncoding}): {@code PE(pos, 2i) = sin(pos / 10000^(2i/d))}, {@code
 * PE(pos, 2i+1) = cos(pos / 10000^(2i/d))}, positions from 0. Called on {@code [batch, length, d]}
 * it returns the encoding broadcast to that shape (no weights); add it to the embeddings, as
 * KerasHub does: {@code x.add(pe.call(x))}.
 */
public final class SinePositionEncoding extends Layer {
    private final double maxWavelength;

    public SinePositionEncoding() {
        this(10000, null);
    }

    public SinePositionEncoding(double maxWavelength, String name) {
        super(name);
        if (!(maxWavelength > 0)) {
            throw new IllegalArgumentException("SinePositionEncoding: max_wavelength must be > 0, got " + maxWavelength);
        }
        this.maxWavelength = maxWavelength;
    }

    /** The [length, d] encoding table. */
    public static Tensor encoding(int length, int d, double maxWavelength, DType dtype) {
        double[] pe = new double[length * d];
        for (int pos = 0; pos < length; pos++) {
            for (int c = 0; c < d; c++) {
                int i2 = c - (c % 2);   // 2i
                double angle = pos / Math.pow(maxWavelength, (double) i2 / d);
                pe[pos * d + c] = c % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        Tensor t = Tensor.fromFlat(pe, length, d);
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("layer '" + name() + "' (SinePositionEncoding): input must be [batch,"
                    + " length, d], got " + x.shape());
        }
        return encoding(x.dim(1), x.dim(2), maxWavelength, dtype()).broadcastTo(x.shape());
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() != 2) {
            throw new IllegalArgumentException("input must be [batch, length, d], got per-sample " + inputShape);
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("max_wavelength", maxWavelength);
        return m;
    }

    public static SinePositionEncoding fromConfig(Map<String, Object> c) {
        return new SinePositionEncoding(LayerConfig.number(c, "max_wavelength", 10000), (String) c.get("name"));
    }
}
