package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs {@code inputs[0] - inputs[1]}; exactly two inputs. */
public final class Subtract extends Merge {
    public Subtract() {
        super(null);
    }

    public Subtract(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("layer '" + name() + "' (Subtract) takes exactly 2 inputs, got "
                    + inputs.size());
        }
        return inputs.get(0).sub(inputs.get(1));
    }

    @Override
    protected List<jgrad.core.Shape> computeOutputShapes(List<jgrad.core.Shape> inputShapes) {
        if (inputShapes.size() != 2) {
            throw new IllegalArgumentException("takes exactly 2 inputs, got " + inputShapes.size());
        }
        return super.computeOutputShapes(inputShapes);
    }

    public static Subtract fromConfig(Map<String, Object> c) {
        return new Subtract((String) c.get("name"));
    }
}
