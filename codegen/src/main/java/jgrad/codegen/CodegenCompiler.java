package jgrad.codegen;

import jgrad.core.TensorFunction;
import jgrad.core.spi.FunctionCompiler;

/**
 * The {@link FunctionCompiler} service behind {@link jgrad.core.Jit#compile}: module jgrad.codegen
 * provides it, so code that calls the core facade (nn's {@code jitCompile}) gets fused kernels
 * whenever codegen is on the class or module path.
 */
public final class CodegenCompiler implements FunctionCompiler {
    /** For ServiceLoader. */
    public CodegenCompiler() {}

    @Override
    public TensorFunction compile(TensorFunction function) {
        return Jit.compile(function);
    }

    @Override
    public String name() {
        return "jgrad.codegen";
    }
}
