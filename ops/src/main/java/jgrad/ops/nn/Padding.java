package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;

/**
 * How a convolution or pooling window treats the borders of its input, per spatial axis, as Keras
 * and PyTorch spell it: {@link #VALID} (no padding: only windows that fit), {@link #SAME} (Keras's
 * {@code padding='same'}: {@code ceil(in / stride)} outputs, the padding split evenly with the odd
 * one after), {@link #CAUSAL} (1-D only: all padding before, so output t sees inputs up to t), or
 * {@link #explicit} widths (PyTorch's {@code padding=p}). Convolutions pad with zeros; max pooling
 * ignores padding, average pooling does not count it.
 */
public sealed interface Padding {
    Padding VALID = new Valid();
    Padding SAME = new Same();
    Padding CAUSAL = new Causal();

    /**
     * Explicit widths: one per spatial axis (the same before and after), or two per axis (before
     * and after of the first axis, then the second...). {@code explicit(1, 1)} pads a 2-D input by one
     * on every side, as PyTorch's {@code padding=1}.
     */
    static Padding explicit(int... widths) {
        return new Explicit(widths.clone());
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

    /** Explicit widths, see {@link Padding#explicit}. */
    record Explicit(List<Integer> widths) implements Padding {
        Explicit(int[] widths) {
            this(Arrays.stream(widths).boxed().toList());
        }

        public Explicit {
            widths = List.copyOf(widths);
            for (int w : widths) {
                if (w < 0) {
                    throw new IllegalArgumentException("padding: widths must be >= 0, got " + widths);
                }
            }
        }

        @Override
        public String toString() {
            return "explicit" + widths;
        }
    }
}
