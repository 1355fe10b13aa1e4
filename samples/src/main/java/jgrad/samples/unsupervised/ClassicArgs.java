package jgrad.samples.unsupervised;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The classic-rule samples' command line: {@code --name VALUE} or {@code --name=VALUE} options and switches. */
final class ClassicArgs {
    private final String sample;
    private final Map<String, String> values;

    private ClassicArgs(String sample, Map<String, String> values) {
        this.sample = sample;
        this.values = values;
    }

    /** {@code options}: names the sample accepts; one ending in '=' takes a value. */
    static ClassicArgs parse(String sample, String[] args, String... options) {
        Map<String, Boolean> takes = new LinkedHashMap<>();
        for (String o : options) {
            takes.put(o.endsWith("=") ? o.substring(0, o.length() - 1) : o, o.endsWith("="));
        }
        takes.put("out", true);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(sample + ": unexpected argument '" + args[i] + "'; options: "
                        + takes.keySet());
            }
            String name = args[i].substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Boolean needs = takes.get(name);
            if (needs == null) {
                throw new IllegalArgumentException(sample + ": unknown option --" + name + "; options: " + takes.keySet());
            }
            if (needs && value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(sample + ": --" + name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, needs ? value : "true");
        }
        return new ClassicArgs(sample, values);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sample + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sample + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** {@code --out DIR}, or {@code out/<sample>}. */
    Path outDir() {
        return Path.of(values.getOrDefault("out", "out/" + sample));
    }
}
