package jgrad.nn.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jgrad.nn.Model;

/**
 * Whole models in one file, like Keras's {@code .keras}: a zip archive holding
 * {@code config.json} ({@code {"format": "jgrad-model", "version": 1, "model": <architecture>}},
 * the architecture of {@link Model#toJson()}) and {@code model.safetensors} (the weights, see
 * {@link Checkpoints}). {@link #load} rebuilds the model from the architecture, without its
 * code for built-in and registered layers, and loads the weights. The optimizer state and
 * compile settings are not stored: compile the loaded model before training it further.
 *
 * <p>The archive is written atomically; reading checks that both entries are there, caps their
 * sizes, and validates the weights against the rebuilt model before assigning any.
 */
public final class ModelFiles {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String FORMAT = "jgrad-model";
    public static final int VERSION = 1;
    private static final long MAX_CONFIG = 64L * 1024 * 1024;
    private static final long MAX_WEIGHTS = Integer.MAX_VALUE - 64;

    private ModelFiles() {}

    public static void save(Model model, Path path) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.add("model", JsonParser.parseString(model.toJson()));
        byte[] config = new Gson().newBuilder().setPrettyPrinting().create().toJson(root)
                .getBytes(StandardCharsets.UTF_8);
        var weights = Checkpoints.namedWeights(model);
        var metadata = Checkpoints.metadata(model);
        AtomicFiles.write(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(CONFIG));
                zip.write(config);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                SafeTensors.write(zip, weights, metadata);
                zip.closeEntry();
            }
        });
    }

    public static Model load(Path path) {
        byte[] config = null;
        byte[] weights = null;
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                switch (e.getName()) {
                    case CONFIG -> config = readCapped(zip, MAX_CONFIG, path, CONFIG);
                    case WEIGHTS -> weights = readCapped(zip, MAX_WEIGHTS, path, WEIGHTS);
                    default -> {
                        // Other entries (added by other tools) are ignored.
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("model file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": not a readable jgrad model file (a zip archive): "
                    + e.getMessage(), e);
        }
        if (config == null || weights == null) {
            throw new IllegalArgumentException(path + ": not a jgrad model file: missing "
                    + (config == null ? CONFIG : WEIGHTS) + " (a weights-only checkpoint loads with"
                    + " model.loadWeights)");
        }
        JsonObject root;
        try {
            JsonElement el = JsonParser.parseString(new String(config, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException(path + ": " + CONFIG + " is not a JSON object");
            }
            root = el.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException(path + ": " + CONFIG + " is not valid JSON: " + ex.getMessage(), ex);
        }
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
        Model model = Model.fromJson(root.get("model").toString());
        Checkpoints.loadWeights(model, weights, path + "!/" + WEIGHTS, Checkpoints.Match.ORDER);
        return model;
    }

    private static byte[] readCapped(InputStream in, long cap, Path path, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > cap) {
                throw new IllegalArgumentException(path + ": entry " + entry + " is larger than " + cap + " bytes");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }
}
