package jgrad.core;

/**
 * One item of a NumPy-style index for {@link Tensor#index(Index...)}: {@code x.index(all(),
 * range(1, 3))} is NumPy's {@code x[:, 1:3]}. Import the factories statically:
 * {@code import static jgrad.core.Index.*;}.
 *
 * <ul>
 *   <li>{@link #at(int)}: one position, which removes the axis ({@code x[2]}, {@code x[-1]});
 *   <li>{@link #range(int, int)}, {@link #range(int, int, int)}, {@link #from(int)},
 *       {@link #to(int)}, {@link #step(int)}: Python slices, negative bounds from the end,
 *       bounds clamped, negative steps walking backwards;
 *   <li>{@link #all()}: the whole axis ({@code :});
 *   <li>{@link #ellipsis()}: as many {@code all()} as needed ({@code ...});
 *   <li>{@link #newAxis()}: a new axis of extent 1 ({@code None}).
 * </ul>
 *
 * The string form {@link Tensor#slice(String)} parses the same items: {@code ":, 1:3"},
 * {@code "..., -1"}, {@code "::-1, None"}.
 */
public sealed interface Index {
    /** One position; the axis is removed. */
    record At(int position) implements Index {
        @Override
        public String toString() {
            return Integer.toString(position);
        }
    }

    /** A Python slice; null bounds are omitted ones ({@code x[:3]}, {@code x[::-1]}). */
    record Range(Integer start, Integer stop, int step) implements Index {
        public Range {
            if (step == 0) {
                throw new IllegalArgumentException("index: slice step must not be 0 (" + text(start) + ":" + text(stop)
                        + ":0)");
            }
        }

        @Override
        public String toString() {
            return text(start) + ":" + text(stop) + (step == 1 ? "" : ":" + step);
        }

        private static String text(Integer i) {
            return i == null ? "" : i.toString();
        }
    }

    /** {@code ...}: stands for every axis the other items do not name. */
    record Ellipsis() implements Index {
        @Override
        public String toString() {
            return "...";
        }
    }

    /** {@code None} / {@code np.newaxis}: inserts an axis of extent 1. */
    record NewAxis() implements Index {
        @Override
        public String toString() {
            return "None";
        }
    }

    static Index at(int position) {
        return new At(position);
    }

    /** {@code start:stop}. */
    static Index range(int start, int stop) {
        return new Range(start, stop, 1);
    }

    /** {@code start:stop:step}. */
    static Index range(int start, int stop, int step) {
        return new Range(start, stop, step);
    }

    /** {@code start:}. */
    static Index from(int start) {
        return new Range(start, null, 1);
    }

    /** {@code :stop}. */
    static Index to(int stop) {
        return new Range(null, stop, 1);
    }

    /** {@code ::step}; {@code step(-1)} reverses the axis. */
    static Index step(int step) {
        return new Range(null, null, step);
    }

    /** {@code :}. */
    static Index all() {
        return new Range(null, null, 1);
    }

    static Index ellipsis() {
        return new Ellipsis();
    }

    static Index newAxis() {
        return new NewAxis();
    }

    /**
     * Parses NumPy's index syntax: comma-separated items, each an integer, a slice
     * {@code start:stop:step} with any part omitted, {@code ...}, or {@code None}.
     */
    static Index[] parse(String spec) {
        java.util.Objects.requireNonNull(spec, "index spec");
        String trimmed = spec.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.isBlank()) {
            return new Index[0];
        }
        String[] parts = trimmed.split(",", -1);
        Index[] items = new Index[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                items[i] = parseItem(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index: cannot read item " + i + " '" + p + "' of \"" + spec
                        + "\"; items are integers, slices start:stop:step, '...' or 'None'");
            }
        }
        return items;
    }

    private static Index parseItem(String p) {
        if (p.equals("...")) {
            return ellipsis();
        }
        if (p.equals("None") || p.equals("newaxis")) {
            return newAxis();
        }
        if (!p.contains(":")) {
            return at(Integer.parseInt(p));
        }
        String[] b = p.split(":", -1);
        if (b.length > 3) {
            throw new NumberFormatException(p);
        }
        Integer start = bound(b[0]);
        Integer stop = bound(b[1]);
        Integer step = b.length == 3 ? bound(b[2]) : null;
        return new Range(start, stop, step == null ? 1 : step);
    }

    private static Integer bound(String s) {
        String t = s.strip();
        return t.isEmpty() ? null : Integer.valueOf(t);
    }
}
