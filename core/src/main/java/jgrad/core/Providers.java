package jgrad.core;

import java.util.ServiceLoader;
import jgrad.core.spi.MathOps;
import jgrad.core.spi.NeuralOps;
import jgrad.core.spi.ReduceOps;
import jgrad.core.spi.ShapeOps;

/**
 * Finds the op library behind Tensor's fluent methods through {@link ServiceLoader}. Each holder is
 * a separate class so the JIT sees a constant after the first call and the lookup costs nothing.
 */
final class Providers {
    private Providers() {}

    static MathOps math() {
        return MathHolder.INSTANCE;
    }

    static ShapeOps shape() {
        return ShapeHolder.INSTANCE;
    }

    static ReduceOps reduce() {
        return ReduceHolder.INSTANCE;
    }

    static NeuralOps neural() {
        return NeuralHolder.INSTANCE;
    }

    private static <T> T load(Class<T> type) {
        requireVectorApi();
        ServiceLoader<T> loader = ServiceLoader.load(type, Providers.class.getClassLoader());
        var it = loader.iterator();
        if (!it.hasNext()) {
            loader = ServiceLoader.load(type);
            it = loader.iterator();
        }
        if (!it.hasNext()) {
            throw new IllegalStateException("no implementation of " + type.getName() + " found: put the op library"
                    + " (artifact jgrad-ops, module jgrad.ops) on the class path or module path");
        }
        return it.next();
    }

    /**
     * The op library's kernels run on the Vector API. On the module path jgrad.ops requires it, so
     * the JVM resolves it; on the class path the JVM resolves an incubator module only when asked,
     * and without that the first kernel would fail with a bare NoClassDefFoundError naming a Vector
     * API class. Say which flag is missing instead, before any op runs. (A NoClassDefFoundError, not
     * an exception, so the holder's class initialization passes it on unwrapped.)
     */
    private static void requireVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new NoClassDefFoundError("jdk/incubator/vector: jgrad's kernels need the Vector API, an incubator"
                    + " module the JVM only loads when asked: add --add-modules jdk.incubator.vector to the java"
                    + " command (Maven exec or Surefire arguments, Gradle applicationDefaultJvmArgs or jvmArgs; see"
                    + " README.md, \"Use jgrad in your project\")");
        }
    }

    private static final class MathHolder {
        static final MathOps INSTANCE = load(MathOps.class);
    }

    private static final class ShapeHolder {
        static final ShapeOps INSTANCE = load(ShapeOps.class);
    }

    private static final class ReduceHolder {
        static final ReduceOps INSTANCE = load(ReduceOps.class);
    }

    private static final class NeuralHolder {
        static final NeuralOps INSTANCE = load(NeuralOps.class);
    }
}
