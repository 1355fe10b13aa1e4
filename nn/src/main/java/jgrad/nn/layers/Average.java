package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs the elementwise mean of its inputs. */
public final class Average extends Merge {
    public Average() {
        super(null);
    }

    public Average(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            acc = acc.add(inputs.get(i));
        }
        return acc.div(inputs.size());
    }

    public static Average fromConfig(Map<String, Object> c) {
        return new Average((String) c.get("name"));
    }
}
