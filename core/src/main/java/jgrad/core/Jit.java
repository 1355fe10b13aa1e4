package jgrad.core;

import java.util.Objects;
import java.util.ServiceLoader;
import jgrad.core.spi.FunctionCompiler;

/**
 * Compiles a {@link TensorFunction} with the {@link FunctionCompiler} service (module
 * jgrad.codegen) when one is on the class or module path, and otherwise returns the function
 * itself, so code written with {@code Jit.compile} runs everywhere: fused with codegen, unfused
 * (identical results) without it. The analogue of {@code tf.function(jit_compile=True)}.
 *
 * <pre>{@code
 * TensorFunction step = Jit.compile(xs -> new Tensor[] {xs[0].mul(xs[1]).add(1).exp()});
 * Tensor y = step.call(a, b);
 * }</pre>
 */
public final class Jit {
    private Jit() {}

    /** The compiled function, or {@code function} itself when no compiler is installed. */
    public static TensorFunction compile(TensorFunction function) {
        Objects.requireNonNull(function, "Jit.compile: function is null");
        FunctionCompiler c = CompilerHolder.INSTANCE;
        return c == null ? function : c.compile(function);
    }

    /** True if a {@link FunctionCompiler} service was found. */
    public static boolean isAvailable() {
        return CompilerHolder.INSTANCE != null;
    }

    /** The compiler's name, or {@code "none"}. */
    public static String compilerName() {
        FunctionCompiler c = CompilerHolder.INSTANCE;
        return c == null ? "none" : c.name();
    }

    /**
     * For function compilers: a persistent tape that records every op run on this thread at the
     * current depth, whatever its inputs (integer tensors, constants, frozen Variables), so that a
     * trace sees the whole computation and not only the part that depends on float inputs. Close it
     * when the trace is done; it is not meant for gradients.
     */
    public static GradientTape tracingTape() {
        GradientTape tape = new GradientTape(true, false);
        tape.recordAll = true;
        return tape;
    }

    private static FunctionCompiler load() {
        // The module's own loader first (module path), then the thread's (class path, plug-ins).
        for (ServiceLoader<FunctionCompiler> loader : java.util.List.of(
                ServiceLoader.load(FunctionCompiler.class, Jit.class.getClassLoader()),
                ServiceLoader.load(FunctionCompiler.class))) {
            var it = loader.iterator();
            if (it.hasNext()) {
                return it.next();
            }
        }
        return null;
    }

    /** Looked up once, on first use, so the JIT sees a constant afterwards. */
    private static final class CompilerHolder {
        static final FunctionCompiler INSTANCE = load();
    }
}
