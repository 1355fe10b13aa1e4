package jgrad.samples.rnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recurrent samples' command line: {@code --name VALUE} or {@code --name=VALUE} options and switches. */
final class RnnArgs {
    private final String sample;
    private final Map<String, String> values;

    private RnnArgs(String sample, Map<String, String> values) {
        this.sample = sample;
        this.values = values;
    }

    /** {@code options}: names the sample accepts; one ending in '=' takes a value. */
    static RnnArgs parse(String sample, String[] args, String... options) {
        Map<String, Boolean> takes = new LinkedHashMap<>();
        for (String o : options) {
            takes.put(o.endsWith("=") ? o.substring(0, o.length() - 1) : o, o.endsWith("="));
        }
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
        return new RnnArgs(sample, values);
    }

    boolean quick() {
        return values.containsKey("quick");
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v);
    }

    double doubleValue(String name, double fallback) {
        String v = values.get(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** {@code --out DIR}, or {@code out/<sample>}. */
    Path outDir() {
        return Path.of(values.getOrDefault("out", "out/" + sample));
    }
}
