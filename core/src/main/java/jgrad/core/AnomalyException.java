package jgrad.core;

/**
 * Thrown in {@link Anomaly} mode when an op's forward or backward first produces NaN or Inf. The
 * message names the op and its input shapes; the cause, when present, shows where the op was
 * recorded.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public AnomalyException(String message, Throwable recordedAt) {
        super(message);
        if (recordedAt != null) {
            initCause(recordedAt);
        }
    }
}
