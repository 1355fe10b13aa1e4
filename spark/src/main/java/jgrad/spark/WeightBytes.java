package jgrad.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Model;
import jgrad.nn.io.SafeTensors;

/**
 * A model's weights (and optimizer state) as jgrad's safetensors bytes: what the driver
 * broadcasts to the executors and what a checkpoint holds. Safetensors rather than Java
 * serialisation: the bytes name and shape every tensor, so a replica whose architecture differs
 * fails with the name instead of loading garbage, and nothing executable crosses the wire.
 */
final class WeightBytes {
    private WeightBytes() {}

    /** {@code model}'s weights by variable name, in {@link Model#weights()} order. */
    static Map<String, Tensor> named(Model model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Variable v : model.weights()) {
            if (out.put(v.name(), v.value()) != null) {
                throw new IllegalArgumentException("SparkTrainer: model '" + model.name() + "' has two weights named '"
                        + v.name() + "'; give its layers distinct names so the replicas can match them");
            }
        }
        return out;
    }

    static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafeTensors.write(out, tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, Tensor> decode(byte[] bytes, String where) {
        return SafeTensors.read(bytes, where);
    }

    /**
     * Assigns every weight of {@code model} from {@code tensors} (prefix + variable name), after
     * checking all of them: a missing name or another shape fails before anything changes.
     */
    static void assign(Model model, Map<String, Tensor> tensors, String prefix, String where) {
        List<Variable> vars = model.weights();
        for (Variable v : vars) {
            Tensor t = tensors.get(prefix + v.name());
            if (t == null) {
                throw new IllegalArgumentException(where + ": no weight '" + v.name() + "' for model '" + model.name()
                        + "' (it holds " + tensors.keySet() + ")");
            }
            if (!t.shape().equals(v.shape())) {
                throw new IllegalArgumentException(where + ": weight '" + v.name() + "' has shape " + t.shape()
                        + ", model '" + model.name() + "' has " + v.shape());
            }
        }
        for (Variable v : vars) {
            Tensor t = tensors.get(prefix + v.name());
            v.assign(t.dtype() == v.dtype() ? t : t.cast(v.dtype()));
        }
    }
}
