package jgrad.core;

/** Thrown when a gradient is asked for through an op that has none (round, argmax, one-hot, ...). */
public final class NotDifferentiableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotDifferentiableException(String message) {
        super(message);
    }
}
