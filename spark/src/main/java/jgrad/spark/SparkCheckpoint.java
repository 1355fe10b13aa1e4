package jgrad.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Model;
import jgrad.nn.io.SafeTensors;

/**
 * The driver's checkpoint: one safetensors file with the weights ({@code weight/<name>}), the
 * optimizer state ({@code state/<key>}) and, as metadata, the epochs done and the shuffle seed.
 * Written atomically after an epoch has finished, so a job killed or failed at any point leaves
 * the last good checkpoint as it was; a resumed fit continues with the next epoch and the same
 * batches the killed run would have seen.
 */
final class SparkCheckpoint {
    static final String FORMAT = "jgrad-spark-checkpoint";

    private SparkCheckpoint() {}

    /** The weights (and the optimizer state if asked), prefixed as the broadcast and the checkpoint hold them. */
    static Map<String, Tensor> tensors(Model model, boolean withState) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        WeightBytes.named(model).forEach((k, v) -> out.put(SparkTrainer.WEIGHT_PREFIX + k, v));
        if (withState) {
            model.optimizer().state(model.trainableWeights())
                    .forEach((k, v) -> out.put(SparkTrainer.STATE_PREFIX + k, v));
        }
        return out;
    }

    static void save(Path path, Model model, int epochsDone, long seed) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("model", model.name());
        meta.put("epochs_done", Integer.toString(epochsDone));
        meta.put("seed", Long.toString(seed));
        SafeTensors.write(path, tensors(model, true), meta);
    }

    /** What a checkpoint says about the run it belongs to. */
    record Info(int epochsDone, long seed) {}

    /**
     * Loads a checkpoint into {@code model} and its optimizer after checking it whole (format,
     * every weight's name and shape, the optimizer state); returns the epochs done and the seed.
     */
    static Info load(Path path, Model model) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("SparkTrainer: checkpoint " + path + " does not exist");
        }
        SafeTensors.Header h = SafeTensors.readHeader(path);
        Map<String, String> meta = h.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IllegalArgumentException("SparkTrainer: " + path + " is not a Spark training checkpoint (its"
                    + " metadata format is " + meta.get("format") + ", expected " + FORMAT + ")");
        }
        int epochs;
        long seed;
        try {
            epochs = Integer.parseInt(meta.get("epochs_done"));
            seed = Long.parseLong(meta.get("seed"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SparkTrainer: checkpoint " + path + " has unreadable epochs_done/seed"
                    + " metadata " + meta, e);
        }
        Map<String, Tensor> all = SafeTensors.read(path);
        Map<String, Tensor> state = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(SparkTrainer.STATE_PREFIX)) {
                state.put(k.substring(SparkTrainer.STATE_PREFIX.length()), v);
            }
        });
        List<Variable> vars = model.trainableWeights();
        WeightBytes.assign(model, all, SparkTrainer.WEIGHT_PREFIX, "SparkTrainer: checkpoint " + path);
        model.optimizer().loadState(state, vars);
        return new Info(epochs, seed);
    }
}
