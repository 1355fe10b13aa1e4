package jgrad.nn.layers;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;

/**
 * The base of the elementwise merge layers ({@link Add}, {@link Subtract}, {@link Multiply},
 * {@link Average}, {@link Maximum}, {@link Minimum}): two or more inputs whose per-sample shapes
 * are equal or broadcast (NumPy rules), combined elementwise.
 */
public abstract class Merge extends Layer {
    protected Merge(String name) {
        super(name);
    }

    /** Combines the inputs (at least two, shapes already checked). */
    protected abstract Tensor merge(List<Tensor> inputs);

    /** The fewest inputs the layer takes (2). */
    protected int minInputs() {
        return 2;
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        computeOutputShapes(inputShapes);
    }

    @Override
    protected final List<Tensor> forward(List<Tensor> inputs, boolean training) {
        if (inputs.size() < minInputs()) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") needs at least "
                    + minInputs() + " inputs, got " + inputs.size());
        }
        return List.of(merge(inputs));
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (inputShapes.size() < minInputs()) {
            throw new IllegalArgumentException("needs at least " + minInputs() + " inputs, got " + inputShapes.size());
        }
        Shape out = inputShapes.get(0);
        for (int i = 1; i < inputShapes.size(); i++) {
            Shape s = inputShapes.get(i);
            try {
                out = Shape.broadcast(className(), "input 0", out, "input " + i, s);
            } catch (IllegalArgumentException e) {
                List<String> all = new ArrayList<>();
                for (Shape t : inputShapes) {
                    all.add(Shapes.batchShape(t));
                }
                throw new IllegalArgumentException("inputs must have equal (or broadcastable) shapes, got "
                        + String.join(" and ", all));
            }
        }
        return List.of(out);
    }
}
