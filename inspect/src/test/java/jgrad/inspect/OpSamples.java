package jgrad.inspect;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/** The first sample of each op spec in the registry, as float64 tensors (seeded). */
final class OpSamples {
    private OpSamples() {}

    static List<Tensor> inputs(OpSpec spec, long seed) {
        Rng rng = new Rng(seed);
        List<Tensor> inputs = new ArrayList<>();
        for (OpSpec.Input in : spec.samples().getFirst().inputs()) {
            inputs.add(switch (in) {
                case OpSpec.RandomInput r -> Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), r.shape().dims());
                case OpSpec.FixedInput f -> f.tensor().dtype() == DType.FLOAT32 ? f.tensor().cast(DType.FLOAT64)
                        : f.tensor();
            });
        }
        return inputs;
    }
}
