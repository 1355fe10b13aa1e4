package jgrad.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;

/**
 * Joins its inputs along {@code axis} of the full batch tensor (-1, the last, by default); the
 * other axes must agree.
 */
public final class Concatenate extends Layer {
    private final int axis;

    public Concatenate() {
        this(-1, null);
    }

    public Concatenate(int axis) {
        this(axis, null);
    }

    public Concatenate(int axis, String name) {
        super(name);
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        computeOutputShapes(inputShapes);
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("layer '" + name() + "' (Concatenate) needs at least 2 inputs, got "
                    + inputs.size());
        }
        int rank = inputs.get(0).rank();
        int a = axis < 0 ? axis + rank : axis;
        return List.of(Tensor.concat(inputs, a));
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException("needs at least 2 inputs, got " + inputShapes.size());
        }
        int rank = inputShapes.get(0).rank() + 1;
        int a = axis < 0 ? axis + rank : axis;
        if (a <= 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is not a feature axis of inputs of rank " + rank);
        }
        int[] out = inputShapes.get(0).dims();
        for (int i = 1; i < inputShapes.size(); i++) {
            Shape s = inputShapes.get(i);
            boolean ok = s.rank() == out.length;
            for (int d = 0; ok && d < out.length; d++) {
                ok = d == a - 1 || s.get(d) == out[d];
            }
            if (!ok) {
                List<String> all = new ArrayList<>();
                for (Shape t : inputShapes) {
                    all.add(Shapes.batchShape(t));
                }
                throw new IllegalArgumentException("inputs must match on every axis but the concatenation axis " + a
                        + ", got " + String.join(" and ", all));
            }
            out[a - 1] += s.get(a - 1);
        }
        return List.of(Shape.of(out));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("axis", axis);
        return m;
    }

    public static Concatenate fromConfig(Map<String, Object> c) {
        return new Concatenate(c.get("axis") == null ? -1 : LayerConfig.integer(c, "axis"), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "axis=" + axis;
    }
}
