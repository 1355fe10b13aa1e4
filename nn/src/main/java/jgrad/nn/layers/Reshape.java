package jgrad.nn.layers;

import java.util.Arrays;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;

/**
 * Reshapes each sample to {@code targetShape} (the batch axis is kept); one entry may be -1,
 * inferred from the others, as Keras's {@code Reshape}.
 */
public final class Reshape extends Layer {
    private final int[] targetShape;

    public Reshape(int... targetShape) {
        this(targetShape, null);
    }

    public Reshape(int[] targetShape, String name) {
        super(name);
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d < 0) {
                throw new IllegalArgumentException("Reshape: target shape " + Arrays.toString(targetShape)
                        + " has a negative entry other than -1");
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: target shape " + Arrays.toString(targetShape)
                    + " may contain at most one -1");
        }
        this.targetShape = targetShape.clone();
    }

    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Shape perSample = resolve(Shapes.perSample(x.shape(), name()));
        return x.reshape(Shapes.withBatch(x.dim(0), perSample));
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return resolve(inputShape);
    }

    private Shape resolve(Shape input) {
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i;
            } else {
                known *= targetShape[i];
            }
        }
        int[] out = targetShape.clone();
        if (unknownAt >= 0) {
            if (known == 0 || input.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.batchShape(input) + " ("
                        + input.size() + " values per sample) to " + Arrays.toString(targetShape));
            }
            out[unknownAt] = (int) (input.size() / known);
        } else if (known != input.size()) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.batchShape(input) + " (" + input.size()
                    + " values per sample) to " + Arrays.toString(targetShape) + " (" + known + " values)");
        }
        return Shape.of(out);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("target_shape", LayerConfig.list(targetShape));
        return m;
    }

    public static Reshape fromConfig(Map<String, Object> c) {
        return new Reshape(LayerConfig.ints(c, "target_shape"), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "target_shape=" + Arrays.toString(targetShape);
    }
}
