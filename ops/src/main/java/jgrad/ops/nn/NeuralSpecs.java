package jgrad.ops.nn;

import java.util.List;
import jgrad.core.check.OpSpec;

/** The test specs of this package's ops, in the order they are listed in the op registry. */
public final class NeuralSpecs {
    private NeuralSpecs() {}

    public static List<OpSpec> all() {
        return List.of();
    }
}
