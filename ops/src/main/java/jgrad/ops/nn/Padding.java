package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a convolution or pooling window treats the borders of its input, per spatial axis, as Keras
 * and PyTorch spell it: {@link #VALID} (no padding: only windows that fit), {@link #SAME} (Keras's
 * {@code padding='same'}: {@code ceil(in / stride)} outputs, the padding split evenly with the odd
 * one after), {@link #CAUSAL} (1-D only: all padding before, so output t sees inputs up to t), or
 * explicit widths (PyTorch's {@code padding=p}). Convolutions pad with zeros; max pooling ignores
 * padding, average pooling does not count it.
 *
 * <p>Explicit padding has one form per meaning, so the number of arguments never changes what
 * they mean: {@link #explicit(int...)} takes one symmetric width per spatial axis
 * ({@code explicit(1, 1)} is PyTorch's {@code padding=(1, 1)} for a 2-D window), and
 * {@link #explicit(int[][])} takes a {@code {before, after}} pair per axis. An op with a
 * different number of spatial axes refuses it with both counts in the message.
 */
public sealed interface Padding {
    Padding VALID = new Valid();
    Padding SAME = new Same();
    Padding CAUSAL = new Causal();

    /** "valid", "same" or "causal" (any case), as Keras's {@code padding=} argument. */
    static Padding of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("padding: expected 'valid', 'same' or 'causal', got null");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "valid" -> VALID;
            case "same" -> SAME;
            case "causal" -> CAUSAL;
            default -> throw new IllegalArgumentException("padding: expected 'valid', 'same' or 'causal', got '"
                    + name + "'");
        };
    }

    /**
     * The same width before and after, one entry per spatial axis: {@code explicit(2)} for a 1-D
     * window, {@code explicit(1, 1)} for a 2-D one, {@code explicit(0, 1, 1)} for a 3-D one.
     */
    static Padding explicit(int... perAxis) {
        if (perAxis.length == 0) {
            throw new IllegalArgumentException("padding: explicit(...) needs one width per spatial axis, got none");
        }
        return new Explicit(Arrays.stream(perAxis).boxed().toList(), Arrays.stream(perAxis).boxed().toList());
    }

    /** A {@code {before, after}} pair per spatial axis: {@code explicit(new int[][] {{1, 2}, {0, 1}})}. */
    static Padding explicit(int[][] beforeAfter) {
        if (beforeAfter.length == 0) {
            throw new IllegalArgumentException("padding: explicit(int[][]) needs one {before, after} pair per spatial"
                    + " axis, got none");
        }
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int[] pair : beforeAfter) {
            if (pair == null || pair.length != 2) {
                throw new IllegalArgumentException("padding: explicit(int[][]) needs {before, after} pairs, got "
                        + Arrays.deepToString(beforeAfter));
            }
            before.add(pair[0]);
            after.add(pair[1]);
        }
        return new Explicit(before, after);
    }

    /** No padding. */
    record Valid() implements Padding {
        @Override
        public String toString() {
            return "valid";
        }
    }

    /** Keras's 'same'. */
    record Same() implements Padding {
        @Override
        public String toString() {
            return "same";
        }
    }

    /** Keras's 'causal' (1-D). */
    record Causal() implements Padding {
        @Override
        public String toString() {
            return "causal";
        }
    }

    /** Explicit widths before and after each spatial axis, see {@link Padding#explicit(int...)}. */
    record Explicit(List<Integer> before, List<Integer> after) implements Padding {
        public Explicit {
            before = List.copyOf(before);
            after = List.copyOf(after);
            if (before.size() != after.size()) {
                throw new IllegalArgumentException("padding: " + before.size() + " widths before but " + after.size()
                        + " after");
            }
            for (int i = 0; i < before.size(); i++) {
                if (before.get(i) < 0 || after.get(i) < 0) {
                    throw new IllegalArgumentException("padding: widths must be >= 0, got " + this);
                }
            }
        }

        /** The number of spatial axes these widths are for. */
        public int rank() {
            return before.size();
        }

        @Override
        public String toString() {
            if (before.equals(after)) {
                return "explicit" + before;
            }
            StringBuilder sb = new StringBuilder("explicit[");
            for (int i = 0; i < before.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append("(").append(before.get(i)).append(", ").append(after.get(i))
                        .append(")");
            }
            return sb.append("]").toString();
        }
    }
}
