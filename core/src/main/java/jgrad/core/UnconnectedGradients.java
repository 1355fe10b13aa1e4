package jgrad.core;

/**
 * What {@link GradientTape#gradient} returns for a source the target does not depend on:
 * {@code null} (the default, as TensorFlow) or a tensor of zeros shaped like the source.
 */
public enum UnconnectedGradients {
    NONE,
    ZERO
}
