package jgrad.nn.layers;

import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;

/** Flattens each sample to a vector: [batch, d1, d2, ...] becomes [batch, d1 * d2 * ...]. */
public final class Flatten extends Layer {
    public Flatten() {
        super();
    }

    public Flatten(String name) {
        super(name);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int perSample = 1;
        for (int i = 1; i < x.rank(); i++) {
            perSample *= x.dim(i);
        }
        return x.reshape(x.dim(0), perSample);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return Shape.of(inputShape.size());
    }

    public static Flatten fromConfig(Map<String, Object> c) {
        return new Flatten((String) c.get("name"));
    }
}
