package jgrad.nn.layers.recurrent;

import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;

/**
 * Repeats a [batch, features] input n times into [batch, n, features] (Keras's
 * {@code RepeatVector}): an encoder's summary fed to every step of a decoder (note 002, 6.3).
 */
public final class RepeatVector extends Layer {
    private final int n;

    public RepeatVector(int n) {
        this(n, null);
    }

    public RepeatVector(int n, String name) {
        super(name);
        if (n <= 0) {
            throw new IllegalArgumentException("RepeatVector: n must be > 0, got " + n);
        }
        this.n = n;
    }

    public int n() {
        return n;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("layer '" + name() + "' (RepeatVector) expects input (None, features),"
                    + " got shape " + x.shape());
        }
        return x.unsqueeze(1).expand(x.dim(0), n, x.dim(1));
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() != 1) {
            throw new IllegalArgumentException("RepeatVector expects input (None, features), got "
                    + Shapes.batchShape(inputShape));
        }
        return Shape.of(n, inputShape.get(0));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("n", n);
        return m;
    }

    public static RepeatVector fromConfig(Map<String, Object> c) {
        return new RepeatVector(LayerConfig.integer(c, "n"), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "n=" + n;
    }
}
