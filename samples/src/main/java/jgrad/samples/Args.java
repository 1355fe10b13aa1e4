package jgrad.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one command-line parser of every sample: {@code --quick} (a fast, smaller run, as the smoke
 * tests use), {@code --epochs N}, {@code --seed N}, {@code --out DIR} (where plots go, default
 * {@code out/<sample>}), {@code --data DIR}, and whatever else a sample declares. Values are given
 * as {@code --epochs 3} or {@code --epochs=3}. {@code --help} lists the options; an option the
 * sample does not declare, a missing value, a bad number or a missing data folder is a
 * {@link UsageException}, which {@link Samples} prints as one line (exit code 2) instead of a
 * stack trace. One parser, so that every sample reads its options alike: before this each sample
 * family had its own, and some took {@code --out} itself for the folder name.
 */
public final class Args {
    /** A mistake on the command line or in what it names; {@link Samples} prints it without a stack trace. */
    public static class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** {@code --help}: the message is the usage text, printed on standard output (exit code 0). */
    public static final class HelpRequest extends UsageException {
        HelpRequest(String usage) {
            super(usage);
        }
    }

    private final String sample;
    private final Map<String, String> values;

    private Args(String sample, Map<String, String> values) {
        this.sample = sample;
        this.values = values;
    }

    /**
     * Parses {@code args} for {@code sample}; {@code options} are the names it accepts, a name
     * ending in '=' takes a value ({@code "epochs="}), others are switches ({@code "quick"}).
     * Call it first in a sample's main, so that {@code --help} and mistakes cost no work.
     */
    public static Args parse(String sample, String[] args, String... options) {
        Map<String, Boolean> takesValue = new LinkedHashMap<>();
        for (String o : options) {
            takesValue.put(o.endsWith("=") ? o.substring(0, o.length() - 1) : o, o.endsWith("="));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequest("usage: ./jgrad run " + sample + (takesValue.isEmpty() ? "" : " ")
                        + String.join(" ", known(takesValue).stream().map(k -> "[" + k + "]").toList()));
            }
            if (!a.startsWith("--")) {
                throw usage(sample, "unexpected argument '" + a + "'", takesValue);
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Boolean needsValue = takesValue.get(name);
            if (needsValue == null) {
                throw usage(sample, "unknown option --" + name, takesValue);
            }
            if (needsValue && value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw usage(sample, "--" + name + " needs a value", takesValue);
                }
                value = args[++i];
            }
            if (!needsValue && value != null) {
                throw usage(sample, "--" + name + " takes no value", takesValue);
            }
            values.put(name, needsValue ? value : "true");
        }
        return new Args(sample, values);
    }

    private static List<String> known(Map<String, Boolean> options) {
        List<String> known = new ArrayList<>();
        options.forEach((k, v) -> known.add("--" + k + (v ? " " + placeholder(k) : "")));
        return known;
    }

    /** N for counts, DIR for folders, X for real numbers, VALUE otherwise: what {@code --help} and errors show after a name. */
    private static String placeholder(String option) {
        return switch (option) {
            case "out", "data" -> "DIR";
            case "epochs", "seed", "seeds", "steps", "batch", "samples", "warmup", "units", "depth", "patience",
                    "filters", "train", "test", "n", "clips", "seq", "length", "labels", "bench", "index", "verbose" -> "N";
            case "seconds" -> "SECONDS";
            case "lr", "at", "transform-bias", "relu-alpha" -> "X";
            default -> "VALUE";
        };
    }

    private static UsageException usage(String sample, String problem, Map<String, Boolean> options) {
        List<String> known = known(options);
        return new UsageException(sample + ": " + problem + "; options: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    /** An error in this sample's name, for a mistake found after parsing (a bad combination, a bad file). */
    public UsageException error(String problem) {
        return new UsageException(sample + ": " + problem);
    }

    /** The sample's name, as the command line gives it. */
    public String sample() {
        return sample;
    }

    /** Whether the option was given (a switch, or an option with a value). */
    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The quick mode the smoke tests use: fewer epochs, smaller data. */
    public boolean quick() {
        return flag("quick");
    }

    public int intValue(String name, int defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw error("--" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** A count that must be at least 1 ({@code --epochs}, {@code --steps}, {@code --batch}). */
    public int positive(String name, int defaultValue) {
        int n = intValue(name, defaultValue);
        if (n < 1) {
            throw error("--" + name + " must be at least 1, got " + n);
        }
        return n;
    }

    /** {@code --epochs N}, else {@code quick} with {@code --quick}, else {@code full}. */
    public int epochs(int full, int quick) {
        return positive("epochs", quick() ? quick : full);
    }

    /** {@code --steps N}, else {@code quick} with {@code --quick}, else {@code full}. */
    public int steps(int full, int quick) {
        return positive("steps", quick() ? quick : full);
    }

    /** {@code --seed N}, else {@code defaultValue}. */
    public long seed(long defaultValue) {
        return longValue("seed", defaultValue);
    }

    public long longValue(String name, long defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw error("--" + name + " needs a whole number, got '" + v + "'");
        }
    }

    public double doubleValue(String name, double defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d) || v.trim().matches(".*[fFdDxXpP].*")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw error("--" + name + " needs a number, got '" + v + "'");
        }
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** One of {@code choices}, else {@code defaultValue}; another value is a usage error listing them. */
    public String choice(String name, String defaultValue, String... choices) {
        String v = values.getOrDefault(name, defaultValue);
        for (String c : choices) {
            if (c.equals(v)) {
                return v;
            }
        }
        throw error("--" + name + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
    }

    /** Where this sample writes its plots: {@code --out DIR}, or {@code out/<sample>} under the working directory. */
    public Path outDir() {
        return Path.of(values.getOrDefault("out", "out/" + sample));
    }

    /** {@code --out DIR} when given, else null (for samples that write files only when asked). */
    public Path outDirOrNull() {
        String o = values.get("out");
        return o == null ? null : Path.of(o);
    }

    /** {@code --data DIR}, or null to use the data shipped with the samples; a folder that is not there is a usage error. */
    public Path dataDir() {
        String d = values.get("data");
        if (d == null) {
            return null;
        }
        Path p = Path.of(d);
        if (!Files.isDirectory(p)) {
            throw error("--data " + d + ": " + (Files.exists(p) ? "not a folder" : "no such folder"));
        }
        return p;
    }

    /**
     * Runs {@code load} (reading what {@code --data} names) with its complaints about the data
     * (an {@link IllegalArgumentException} or {@link IllegalStateException}: a missing or wrong
     * file) turned into usage errors, which print as one line.
     */
    public <T> T userData(Supplier<T> load) {
        try {
            return load.get();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw error(e.getMessage());
        }
    }
}
