package jgrad.ops.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jgrad.core.DType;

/**
 * Result arrays for kernels that write every element before anyone reads it. The JVM clears every
 * new array, and for a memory-bound op that clearing is a third of the memory traffic (a 4 MB
 * result is written twice). When the JVM runs with
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (class path; {@code =jgrad.ops}
 * on the module path), large float and double arrays come from the JDK's internal
 * {@code Unsafe.allocateUninitializedArray}, which C2 compiles to an allocation without the
 * clearing; otherwise, or with {@code -Djgrad.kernels.uninitialized=false}, they are plain
 * {@code new float[n]}. Only kernels that provably write every element may use these arrays:
 * anything else would expose stale memory.
 */
public final class FreshArrays {
    private FreshArrays() {}

    /** Below this many elements a cleared array costs next to nothing (it comes from the TLAB). */
    static final int MIN_UNINITIALIZED = 1024;

    /** {@code Unsafe::allocateUninitializedArray} bound to the Unsafe instance, or null where not exported. */
    private static final MethodHandle UNINITIALIZED = find();

    private static MethodHandle find() {
        if (!Boolean.parseBoolean(System.getProperty("jgrad.kernels.uninitialized", "true"))) {
            return null;
        }
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            Object instance = unsafe.getMethod("getUnsafe").invoke(null);
            MethodHandle mh = MethodHandles.lookup().findVirtual(unsafe, "allocateUninitializedArray",
                    MethodType.methodType(Object.class, Class.class, int.class));
            MethodHandle bound = mh.bindTo(instance);
            // One trial call: a handle that cannot run is no handle.
            Object probe = bound.invoke(float.class, 1);
            return probe instanceof float[] ? bound : null;
        } catch (Throwable notExported) {
            // IllegalAccessException when jdk.internal.misc is not exported to us: clear arrays instead.
            return null;
        }
    }

    /** True when large arrays are allocated without clearing (the JVM exports jdk.internal.misc to jgrad). */
    public static boolean uninitializedAvailable() {
        return UNINITIALIZED != null;
    }

    /** A float array of length n whose contents the caller must overwrite completely. */
    public static float[] floats(int n) {
        return n >= MIN_UNINITIALIZED && UNINITIALIZED != null ? (float[]) uninitialized(float.class, n) : new float[n];
    }

    /** A double array of length n whose contents the caller must overwrite completely. */
    public static double[] doubles(int n) {
        return n >= MIN_UNINITIALIZED && UNINITIALIZED != null ? (double[]) uninitialized(double.class, n)
                : new double[n];
    }

    /** An array for a float32 or float64 result of n elements (other dtypes: a cleared array). */
    public static Object of(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> floats(n);
            case FLOAT64 -> doubles(n);
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
    }

    /** For tests: the uninitialized path when available and asked for, else a cleared array. */
    static Object of(DType dtype, int n, boolean uninitialized) {
        if (!uninitialized || UNINITIALIZED == null || !dtype.isFloating()) {
            return jgrad.core.Tensor.allocate(dtype, n);
        }
        return uninitialized(dtype == DType.FLOAT32 ? float.class : double.class, n);
    }

    private static Object uninitialized(Class<?> type, int n) {
        try {
            return (Object) UNINITIALIZED.invokeExact(type, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("uninitialized allocation of " + n + " " + type + " failed", t);
        }
    }
}
