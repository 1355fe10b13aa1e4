package jgrad.samples.cnn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of a CNN sample, with the same rules as the other samples' options:
 * {@code --quick}, {@code --epochs N}, {@code --seed N}, {@code --out DIR} (default
 * {@code out/<sample>}), {@code --data DIR}; an option the sample does not declare is a usage
 * error that lists the ones it does. (The samples package's own parser is package-private.)
 */
public final class SampleArgs {
    /** A bad command line; the launcher prints its message without a stack trace. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private final String sample;
    private final Map<String, String> values;

    private SampleArgs(String sample, Map<String, String> values) {
        this.sample = sample;
        this.values = values;
    }

    /**
     * Parses {@code args} for {@code sample}: an option name ending in '=' takes a value
     * ({@code "epochs="}, given as {@code --epochs 3} or {@code --epochs=3}), others are switches.
     */
    static SampleArgs parse(String sample, String[] args, String... options) {
        Map<String, Boolean> takesValue = new LinkedHashMap<>();
        for (String o : options) {
            takesValue.put(o.endsWith("=") ? o.substring(0, o.length() - 1) : o, o.endsWith("="));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
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
                if (i + 1 >= args.length) {
                    throw usage(sample, "--" + name + " needs a value", takesValue);
                }
                value = args[++i];
            }
            if (!needsValue && value != null) {
                throw usage(sample, "--" + name + " takes no value", takesValue);
            }
            values.put(name, needsValue ? value : "true");
        }
        return new SampleArgs(sample, values);
    }

    private static UsageException usage(String sample, String problem, Map<String, Boolean> options) {
        List<String> known = new ArrayList<>();
        options.forEach((k, v) -> known.add("--" + k + (v ? " VALUE" : "")));
        return new UsageException(sample + ": " + problem + "; options: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The short run the tests use: fewer epochs, less data. */
    boolean quick() {
        return flag("quick");
    }

    int intValue(String name, int defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(sample + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    long longValue(String name, long defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(sample + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** {@code --out DIR}, or {@code out/<sample>} under the working directory. */
    Path outDir() {
        return Path.of(values.getOrDefault("out", "out/" + sample));
    }

    /** {@code --data DIR}, or null for the data shipped with the samples. */
    Path dataDir() {
        String d = values.get("data");
        return d == null ? null : Path.of(d);
    }
}
