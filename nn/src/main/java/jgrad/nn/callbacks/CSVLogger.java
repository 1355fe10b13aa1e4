package jgrad.nn.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams each epoch's logs to a CSV file: a header {@code epoch,loss,...} then one row per
 * epoch (Keras's {@code CSVLogger}); with {@code append} an existing file is continued.
 */
public final class CSVLogger extends Callback {
    private final Path path;
    private final String separator;
    private final boolean append;
    private BufferedWriter writer;
    private List<String> keys;

    public CSVLogger(Path path) {
        this(path, ",", false);
    }

    public CSVLogger(Path path, String separator, boolean append) {
        this.path = path;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            boolean continuing = append && Files.exists(path) && Files.size(path) > 0;
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    continuing ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            keys = continuing ? existingHeader() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    private List<String> existingHeader() throws IOException {
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            List<String> k = new ArrayList<>(List.of(first.split(java.util.regex.Pattern.quote(separator))));
            k.remove(0);
            return k;
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null) {
                keys = new ArrayList<>(logs.keySet());
                writer.write("epoch" + separator + String.join(separator, keys));
                writer.newLine();
            }
            StringBuilder sb = new StringBuilder(Integer.toString(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                sb.append(separator).append(v == null ? "NA" : String.format(Locale.ROOT, "%s", v));
            }
            writer.write(sb.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger: cannot close " + path + ": " + e.getMessage(), e);
            } finally {
                writer = null;
            }
        }
    }
}
