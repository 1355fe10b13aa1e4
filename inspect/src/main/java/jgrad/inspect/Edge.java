package jgrad.inspect;

import java.util.Objects;

/**
 * An edge of a recorded graph: the value {@code from} feeds argument {@code input} of the op whose
 * output is {@code to}. A value used twice by one op ({@code x * x}) gives two edges.
 */
public record Edge(String from, String to, int input) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (input < 0) {
            throw new IllegalArgumentException("Edge " + from + " -> " + to + ": input index must be >= 0, got "
                    + input);
        }
    }
}
