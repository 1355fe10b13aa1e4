package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** Outputs the sum of its inputs, as in a residual connection {@code x + f(x)}. */
public final class Add extends Merge {
    public Add() {
        super(null);
    }

    public Add(String name) {
        super(name);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            acc = acc.add(inputs.get(i));
        }
        return acc;
    }

    public static Add fromConfig(Map<String, Object> c) {
        return new Add((String) c.get("name"));
    }
}
