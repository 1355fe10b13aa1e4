package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;

/**
 * Marks the time steps whose features all equal {@code mask_value} (0 by default) as padding
 * (Keras's {@code Masking}): the output is the input with those steps zeroed, carrying a bool
 * [batch, time] mask ({@link Masks#of}) that the next recurrent layer skips steps by.
 */
public final class Masking extends Layer {
    private final double maskValue;

    public Masking() {
        this(0.0, null);
    }

    public Masking(double maskValue) {
        this(maskValue, null);
    }

    public Masking(double maskValue, String name) {
        super(name);
        this.maskValue = maskValue;
    }

    public double maskValue() {
        return maskValue;
    }

    /** The mask this layer would attach: true where any feature differs from mask_value. */
    public Tensor computeMask(Tensor x) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("layer '" + name() + "' (Masking) expects input (None, timesteps,"
                    + " features...), got shape " + x.shape());
        }
        Tensor differs = x.notEqual(x.scalarLike(maskValue)).cast(DType.FLOAT32);
        int[] axes = new int[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return differs.max(axes, false).greater(0.5);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor mask = computeMask(x);
        int[] s = x.shape().dims();
        for (int i = 2; i < s.length; i++) {
            s[i] = 1;
        }
        Tensor out = x.mul(mask.cast(x.dtype()).reshape(s));
        return Masks.attach(out, mask);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw new IllegalArgumentException("Masking expects input (None, timesteps, features...), got "
                    + Shapes.batchShape(inputShape));
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("mask_value", maskValue);
        return m;
    }

    public static Masking fromConfig(Map<String, Object> c) {
        return new Masking(LayerConfig.number(c, "mask_value", 0), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "mask_value=" + maskValue;
    }
}
