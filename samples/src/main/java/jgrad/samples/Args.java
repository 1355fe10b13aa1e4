package jgrad.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of one sample: {@code --quick} (a fast, smaller run, as the smoke tests
 * use), {@code --epochs N}, {@code --seed N}, {@code --out DIR} (where plots go, default
 * {@code out/<sample>}), {@code --data DIR}, and whatever else a sample declares. An option the
 * sample does not know is an error listing the ones it does.
 */
final class Args {
    /** Thrown for a bad command line; {@link Samples} prints it without a stack trace. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
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
     */
    static Args parse(String sample, String[] args, String... options) {
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
        return new Args(sample, values);
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

    /** The quick mode the smoke tests use: fewer epochs, smaller data. */
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

    double doubleValue(String name, double defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(sample + ": --" + name + " needs a number, got '" + v + "'");
        }
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** Where this sample writes its plots: {@code --out DIR}, or {@code out/<sample>} under the working directory. */
    Path outDir() {
        return Path.of(values.getOrDefault("out", "out/" + sample));
    }

    /** {@code --data DIR}, or null to use the data shipped with the samples. */
    Path dataDir() {
        String d = values.get("data");
        return d == null ? null : Path.of(d);
    }
}
