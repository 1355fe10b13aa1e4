package jgrad.codegen.trace;

/**
 * A function (or tape) that cannot be captured as a static graph, with the reason: the compiled
 * function then runs it eagerly, op by op, and logs the reason once.
 */
public final class TraceException extends RuntimeException {
    public TraceException(String message) {
        super(message);
    }
}
