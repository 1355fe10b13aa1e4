package jgrad.nn.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.core.io.AtomicFiles;
import jgrad.core.io.FileErrors;
import jgrad.nn.Model;
import jgrad.nn.TrainingProgress;

/**
 * Whole models in one file, like Keras's {@code .keras}: a zip archive holding
 * {@code config.json} ({@code {"format": "jgrad-model", "version": 1, "model": <architecture>}},
 * the architecture of {@link Model#toJson()}), {@code model.safetensors} (the weights, see
 * {@link Checkpoints}) and, for a model that has been compiled or trained, {@code training.json}
 * (epochs done, the optimizer's class, the states of the shuffling and dropout generators) with
 * {@code optimizer.safetensors} (the optimizer's step count, moments and other slots) and
 * {@code callbacks.safetensors} (the callbacks' states, {@code <callback key>/<name>}, see
 * {@link jgrad.nn.TrainingProgress#callbackStates()}). {@link #load}
 * rebuilds the model from the architecture, without its code for built-in and registered layers,
 * loads the weights by name and restores the generators; the next {@code compile} with an
 * optimizer of the saved class continues from the saved optimizer state, and
 * {@code fit(..., initialEpoch(epochs done))} continues the shuffle, so a run resumes exactly
 * (see {@link jgrad.nn.TrainingProgress}). A model compiled with built-in optimizer, losses and
 * metrics loads compiled as it was saved (see {@link CompileConfig}) and can {@code fit} at once;
 * one with a learning-rate schedule or a custom loss or metric loads uncompiled: compile it
 * with the same ones.
 *
 * <p>The archive is written atomically. Reading trusts nothing it has not checked: the zip's
 * directory must declare every entry's size, config and training state are capped and inflated
 * no further than declared, the weights' tensor table must add up to the declared entry size,
 * the config may not create more bytes of weights than that table holds (a 1 KB config declaring
 * {@code Dense(40000)} on 40,000 inputs fails before allocating), tensors are read straight from
 * the entry into their arrays, and an entry that inflates past its declared size fails.
 */
public final class ModelFiles {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TRAINING = "training.json";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String CALLBACKS = "callbacks.safetensors";
    public static final String FORMAT = "jgrad-model";
    public static final int VERSION = 1;
    private static final long MAX_CONFIG = 64L * 1024 * 1024;
    private static final long MAX_TRAINING = 16L * 1024 * 1024;
    /** The most deflate can shrink data (about 1032:1), with room for the format's own bytes. */
    private static final long MAX_RATIO = 1100;
    private static final Set<String> KNOWN = Set.of(CONFIG, WEIGHTS, TRAINING, OPTIMIZER, CALLBACKS);

    private ModelFiles() {}

    public static void save(Model model, Path path) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.add("model", JsonParser.parseString(model.toJson()));
        Gson gson = new Gson().newBuilder().setPrettyPrinting().create();
        byte[] config = gson.toJson(root).getBytes(StandardCharsets.UTF_8);
        var weights = Checkpoints.namedWeights(model);
        var metadata = Checkpoints.metadata(model);
        Map<String, Rng> rngs = model.randomGenerators();
        TrainingProgress progress = model.trainingProgress();
        Map<String, Tensor> callbackState = new java.util.LinkedHashMap<>();
        progress.callbackStates().forEach((key, state) -> state.forEach((name, t) -> callbackState.put(key + "/" + name,
                t)));
        boolean trained = model.isCompiled() || progress.pendingOptimizerState() != null || progress.epoch() > 0
                || progress.shuffleState() != null || !rngs.isEmpty() || !callbackState.isEmpty();
        byte[] training = trained ? gson.toJson(trainingJson(model, rngs)).getBytes(StandardCharsets.UTF_8) : null;
        // A loaded model saved again before it is compiled keeps the optimizer state it carries.
        Map<String, Tensor> optimizerState = model.isCompiled() ? model.optimizer().state(model.weights())
                : progress.pendingOptimizerState();
        AtomicFiles.write(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(CONFIG));
                zip.write(config);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                SafeTensors.write(zip, weights, metadata);
                zip.closeEntry();
                if (training != null) {
                    zip.putNextEntry(new ZipEntry(TRAINING));
                    zip.write(training);
                    zip.closeEntry();
                }
                if (optimizerState != null) {
                    zip.putNextEntry(new ZipEntry(OPTIMIZER));
                    SafeTensors.write(zip, optimizerState, Map.of("format", "jgrad-optimizer"));
                    zip.closeEntry();
                }
                if (!callbackState.isEmpty()) {
                    zip.putNextEntry(new ZipEntry(CALLBACKS));
                    SafeTensors.write(zip, callbackState, Map.of("format", "jgrad-callbacks"));
                    zip.closeEntry();
                }
            }
        });
    }

    private static JsonObject trainingJson(Model model, Map<String, Rng> rngs) {
        JsonObject t = new JsonObject();
        t.addProperty("format", "jgrad-training");
        t.addProperty("version", 1);
        t.addProperty("epoch", model.trainingProgress().epoch());
        Long shuffle = model.trainingProgress().shuffleState();
        if (shuffle != null) {
            t.addProperty("shuffle_rng", Long.toString(shuffle));
        }
        JsonObject layers = new JsonObject();
        rngs.forEach((name, rng) -> layers.addProperty(name, Long.toString(rng.state())));
        t.add("layer_rngs", layers);
        if (model.isCompiled()) {
            t.addProperty("optimizer_class", model.optimizer().getClass().getName());
            t.addProperty("optimizer", model.optimizer().toString());
            JsonObject compile = CompileConfig.of(model);
            if (compile != null) {
                t.add("compile", compile);
            }
        } else if (model.trainingProgress().pendingOptimizerState() != null) {
            t.addProperty("optimizer_class", model.trainingProgress().pendingOptimizerClass());
        }
        return t;
    }

    public static Model load(Path path) {
        Objects.requireNonNull(path, "path");
        requireZip(path);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Map<String, ZipEntry> entries = entries(zip, path);
            ZipEntry configEntry = entries.get(CONFIG);
            ZipEntry weightsEntry = entries.get(WEIGHTS);
            if (configEntry == null || weightsEntry == null) {
                throw new IllegalArgumentException(path + ": not a jgrad model file: missing "
                        + (configEntry == null ? CONFIG : WEIGHTS) + " (a weights-only checkpoint loads with"
                        + " model.loadWeights)");
            }
            JsonObject root = json(readSmall(zip, configEntry, MAX_CONFIG, path), path, CONFIG);
            checkConfig(root, path);
            String where = path + "!/" + WEIGHTS;
            long weightsSize = declaredSize(weightsEntry, Long.MAX_VALUE, path);
            Model model;
            try (InputStream in = zip.getInputStream(weightsEntry)) {
                SafeTensors.Source src = SafeTensors.of(in, weightsSize);
                SafeTensors.Header h = SafeTensors.readHeader(src, where);
                long tensorBytes = weightsSize - h.dataStart();
                // The config may not allocate more weights than the file holds (see WeightBudget).
                model = WeightBudget.limit(where, tensorBytes, () -> Model.fromJson(root.get("model").toString()));
                Checkpoints.loadWeights(model, h, where, Checkpoints.Match.NAME, chosen -> {
                    try {
                        return SafeTensors.readEntries(src, h, chosen);
                    } catch (IOException e) {
                        throw new UncheckedIOException(where + ": " + e.getMessage(), e);
                    }
                });
                SafeTensors.requireEnd(in, where, weightsSize);
            }
            if (entries.containsKey(TRAINING)) {
                restoreTraining(zip, entries, model, path, weightsSize);
            }
            return model;
        } catch (ZipException e) {
            throw new IllegalArgumentException(path + ": not a readable jgrad model file (a zip archive): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.cannotRead(path, e), e);
        }
    }

    /** A missing file, a folder, a path under a file and a safetensors file each fail saying so. */
    private static void requireZip(Path path) {
        byte[] head = new byte[12];
        int n;
        try (FileChannel ch = SafeTensors.open(path)) {
            n = Math.max(0, ch.read(java.nio.ByteBuffer.wrap(head), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.cannotRead(path, e), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            return;
        }
        if (n >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0) {
            throw new IllegalArgumentException(path + ": not a jgrad model file: this is a safetensors weights file;"
                    + " load it into a built model with model.loadWeights(path)");
        }
        throw new IllegalArgumentException(path + ": not a jgrad model file: missing " + CONFIG + " (it is not a zip"
                + " archive; a weights-only checkpoint loads with model.loadWeights)");
    }

    /** The entries jgrad reads, each at most once (a name twice would let a reader pick either). */
    private static Map<String, ZipEntry> entries(ZipFile zip, Path path) {
        Map<String, ZipEntry> out = new HashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (KNOWN.contains(e.getName()) && out.put(e.getName(), e) != null) {
                throw new IllegalArgumentException(path + ": entry " + e.getName() + " appears twice (duplicate entry)");
            }
        }
        return out;
    }

    /** The uncompressed size the zip directory declares, checked against the cap and the compressed size. */
    private static long declaredSize(ZipEntry e, long cap, Path path) {
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size < 0 || compressed < 0) {
            throw new IllegalArgumentException(path + ": entry " + e.getName() + " declares no size in the zip"
                    + " directory (not written by jgrad, or crafted)");
        }
        if (size > cap) {
            throw new IllegalArgumentException(path + ": entry " + e.getName() + " declares " + size
                    + " bytes, more than the " + cap + " allowed for it");
        }
        if (size > compressed * MAX_RATIO + 1024) {
            throw new IllegalArgumentException(path + ": entry " + e.getName() + " declares " + size + " bytes from "
                    + compressed + " compressed bytes, more than deflate can produce (crafted file)");
        }
        return size;
    }

    /** A capped entry read whole: at most what it declares, and it must not hold more. */
    private static byte[] readSmall(ZipFile zip, ZipEntry e, long cap, Path path) throws IOException {
        int size = (int) declaredSize(e, cap, path);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes(size);
            if (bytes.length < size) {
                throw new IllegalArgumentException(path + ": entry " + e.getName() + " holds " + bytes.length
                        + " bytes, its zip directory declares " + size + " (truncated)");
            }
            SafeTensors.requireEnd(in, path + "!/" + e.getName(), size);
            return bytes;
        }
    }

    private static JsonObject json(byte[] bytes, Path path, String entry) {
        try {
            JsonElement el = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException(path + ": " + entry + " is not a JSON object");
            }
            return el.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException(path + ": " + entry + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    private static void checkConfig(JsonObject root, Path path) {
        if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
            throw new IllegalArgumentException(path + ": " + CONFIG + " is not a jgrad model config (format "
                    + root.get("format") + ")");
        }
        int version = root.has("version") ? root.get("version").getAsInt() : -1;
        if (version != VERSION) {
            throw new IllegalArgumentException(path + ": model file version " + version + ", this jgrad reads version "
                    + VERSION);
        }
        if (!root.has("model") || !root.get("model").isJsonObject()) {
            throw new IllegalArgumentException(path + ": " + CONFIG + " has no \"model\" object");
        }
    }

    /**
     * The training state: generators first checked to name the model's, then the optimizer's
     * tensors checked against the model's variables (names and shapes) from the header alone,
     * before any of its data is read.
     */
    private static void restoreTraining(ZipFile zip, Map<String, ZipEntry> entries, Model model, Path path,
            long weightsSize) throws IOException {
        String where = path + "!/" + TRAINING;
        JsonObject t = json(readSmall(zip, entries.get(TRAINING), MAX_TRAINING, path), path, TRAINING);
        try {
            int epoch = t.get("epoch").getAsInt();
            Long shuffle = t.has("shuffle_rng") ? Long.parseLong(t.get("shuffle_rng").getAsString()) : null;
            Map<String, Rng> rngs = model.randomGenerators();
            Map<String, Long> states = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : t.getAsJsonObject("layer_rngs").entrySet()) {
                if (!rngs.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(where + ": generator '" + e.getKey() + "' belongs to no layer"
                            + " of the model (it has " + rngs.keySet() + ")");
                }
                states.put(e.getKey(), Long.parseLong(e.getValue().getAsString()));
            }
            String optimizerClass = t.has("optimizer_class") ? t.get("optimizer_class").getAsString() : null;
            Map<String, Tensor> optimizerState = null;
            ZipEntry opt = entries.get(OPTIMIZER);
            if (opt != null && optimizerClass != null) {
                optimizerState = readOptimizer(zip, opt, model, path, weightsSize);
            }
            Map<String, Map<String, Tensor>> callbacks = entries.containsKey(CALLBACKS)
                    ? readCallbacks(zip, entries.get(CALLBACKS), path, weightsSize) : Map.of();
            states.forEach((name, state) -> rngs.get(name).setState(state));
            model.trainingProgress().restore(epoch, shuffle, optimizerClass, optimizerState);
            model.trainingProgress().restoreCallbackStates(callbacks);
            if (t.has("compile")) {
                // Compiled as saved; the optimizer continues from the state restored just above.
                CompileConfig.apply(model, t.getAsJsonObject("compile"), where);
            }
        } catch (NullPointerException | ClassCastException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(where + ": not a jgrad training state (" + e.getMessage() + ")", e);
        }
    }

    /** The callbacks' states by callback key; scalars and, at most, copies of the weights (EarlyStopping's best). */
    private static Map<String, Map<String, Tensor>> readCallbacks(ZipFile zip, ZipEntry e, Path path,
            long weightsSize) throws IOException {
        String where = path + "!/" + CALLBACKS;
        long size = declaredSize(e, 8 * weightsSize + (1 << 20), path);
        try (InputStream in = zip.getInputStream(e)) {
            SafeTensors.Source src = SafeTensors.of(in, size);
            SafeTensors.Header h = SafeTensors.readHeader(src, where);
            for (SafeTensors.Entry t : h.entries()) {
                if (t.name().indexOf('/') <= 0) {
                    throw new IllegalArgumentException(where + ": callback state " + t.name() + " is not named"
                            + " <callback>/<name>");
                }
            }
            Map<String, Map<String, Tensor>> out = new java.util.LinkedHashMap<>();
            SafeTensors.readEntries(src, h, h.entries()).forEach((name, t) -> {
                int slash = name.indexOf('/');
                out.computeIfAbsent(name.substring(0, slash), k -> new java.util.LinkedHashMap<>())
                        .put(name.substring(slash + 1), t);
            });
            SafeTensors.requireEnd(in, where, size);
            return out;
        }
    }

    private static Map<String, Tensor> readOptimizer(ZipFile zip, ZipEntry e, Model model, Path path,
            long weightsSize) throws IOException {
        String where = path + "!/" + OPTIMIZER;
        // Slots are float64 copies of the weights: at most a few per weight, never more than 8x the weights.
        long size = declaredSize(e, 8 * weightsSize + (1 << 20), path);
        Map<String, Variable> vars = new HashMap<>();
        for (Variable v : model.weights()) {
            vars.put(v.name(), v);
        }
        try (InputStream in = zip.getInputStream(e)) {
            SafeTensors.Source src = SafeTensors.of(in, size);
            SafeTensors.Header h = SafeTensors.readHeader(src, where);
            for (SafeTensors.Entry t : h.entries()) {
                String name = t.name();
                if (name.equals("iterations") || name.startsWith("extra/")) {
                    continue;
                }
                int slash = name.lastIndexOf('/');
                Variable v = slash < 0 ? null : vars.get(name.substring(0, slash));
                if (v == null || !v.shape().equals(t.shape())) {
                    throw new IllegalArgumentException(where + ": optimizer state " + name + " " + t.shape()
                            + (v == null ? " belongs to no weight of the model" : " does not match weight " + v.name()
                            + " " + v.shape()));
                }
            }
            Map<String, Tensor> state = SafeTensors.readEntries(src, h, h.entries());
            SafeTensors.requireEnd(in, where, size);
            return state;
        }
    }
}
