package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs the elementwise maximum of its inputs. */
public final class Maximum extends Merge {
    public Maximum() {
        super(null);
    }

    public Maximum(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            acc = acc.maximum(inputs.get(i));
        }
        return acc;
    }

    public static Maximum fromConfig(Map<String, Object> c) {
        return new Maximum((String) c.get("name"));
    }
}
