package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs the elementwise product of its inputs. */
public final class Multiply extends Merge {
    public Multiply() {
        super(null);
    }

    public Multiply(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            acc = acc.mul(inputs.get(i));
        }
        return acc;
    }

    public static Multiply fromConfig(Map<String, Object> c) {
        return new Multiply((String) c.get("name"));
    }
}
