package jgrad.core;

/**
 * A region opened by {@link GradientTape#stopRecording()}, {@link GradientTape#noGrad()} or
 * {@link Anomaly#detect()}; closing it (try-with-resources) restores what was before. Closing twice
 * is harmless.
 */
public final class Scope implements AutoCloseable {
    private Runnable onClose;

    Scope(Runnable onClose) {
        this.onClose = onClose;
    }

    @Override
    public void close() {
        Runnable r = onClose;
        onClose = null;
        if (r != null) {
            r.run();
        }
    }
}
