package jgrad.ops;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.check.OpSpec;
import jgrad.ops.math.MathSpecs;
import jgrad.ops.nn.NeuralSpecs;
import jgrad.ops.reduce.ReduceSpecs;
import jgrad.ops.shape.ShapeSpecs;

/**
 * Every op of the library with its test spec. The parameterised op suite runs gradcheck,
 * gradgradcheck, determinism and error checks over this list, so registering an op here is what
 * gets it tested.
 */
public final class OpRegistry {
    private OpRegistry() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>();
        all.addAll(MathSpecs.all());
        all.addAll(ShapeSpecs.all());
        all.addAll(ReduceSpecs.all());
        all.addAll(NeuralSpecs.all());
        return List.copyOf(all);
    }
}
