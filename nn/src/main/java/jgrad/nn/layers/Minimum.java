package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs the elementwise minimum of its inputs. */
public final class Minimum extends Merge {
    public Minimum() {
        super(null);
    }

    public Minimum(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            acc = acc.minimum(inputs.get(i));
        }
        return acc;
    }

    public static Minimum fromConfig(Map<String, Object> c) {
        return new Minimum((String) c.get("name"));
    }
}
