package jgrad.core.spi;

import jgrad.core.TensorFunction;

/**
 * A service that compiles a {@link TensorFunction} (traces it, fuses its ops, generates kernels).
 * Module jgrad.codegen provides one; {@link jgrad.core.Jit#compile} uses it when it is present.
 */
public interface FunctionCompiler {
    /**
     * A function computing the same outputs as {@code function}, faster; gradients through it
     * (on the caller's tapes) must equal those of the original.
     */
    TensorFunction compile(TensorFunction function);

    /** A short name for logs ({@code "jgrad.codegen"}). */
    default String name() {
        return getClass().getName();
    }
}
