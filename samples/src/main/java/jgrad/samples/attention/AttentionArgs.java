package jgrad.samples.attention;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The few options of the attention samples: {@code --out DIR}, {@code --epochs N}, {@code --quick}. */
final class AttentionArgs {
    private final Map<String, String> values;

    private AttentionArgs(Map<String, String> values) {
        this.values = values;
    }

    static AttentionArgs parse(String[] args, String sample, Set<String> withValue, Set<String> flags) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (withValue.contains(a) && i + 1 < args.length) {
                v.put(a, args[++i]);
            } else if (flags.contains(a)) {
                v.put(a, "true");
            } else {
                throw new IllegalArgumentException(sample + ": unknown or incomplete option '" + a + "' (options: "
                        + withValue + " with a value, " + flags + ")");
            }
        }
        return new AttentionArgs(v);
    }

    static Path out(String[] args, String sample) {
        return parse(args, sample, Set.of("--out"), Set.of()).path("--out");
    }

    Path path(String key) {
        return values.containsKey(key) ? Path.of(values.get(key)) : null;
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    boolean flag(String key) {
        return values.containsKey(key);
    }
}
