package jgrad.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bandwidth floor for {@link ElementwiseBench}: System.arraycopy moving the bytes a
 * unary op moves (read 4 MB, write 4 MB) and a binary op moves (read 8 MB, write 4 MB: copying
 * 1.5M floats moves 12 MB too), into a reused array and into a fresh one, since every jgrad op
 * allocates its result; and a plain add loop into a reused, a fresh (cleared) and an uninitialized
 * result.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BandwidthBench {
    private static final int UNARY = ElementwiseBench.N;
    private static final int BINARY = ElementwiseBench.N * 3 / 2;

    /** Unsafe.allocateUninitializedArray; this class's fork exports jdk.internal.misc. */
    private static final java.lang.invoke.MethodHandle UNINITIALIZED;

    static {
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            UNINITIALIZED = java.lang.invoke.MethodHandles.lookup().findVirtual(unsafe, "allocateUninitializedArray",
                    java.lang.invoke.MethodType.methodType(Object.class, Class.class, int.class))
                    .bindTo(unsafe.getMethod("getUnsafe").invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private float[] src;
    private float[] dst;

    @Setup
    public void setUp() {
        src = new float[BINARY];
        dst = new float[BINARY];
        for (int i = 0; i < src.length; i++) {
            src[i] = i * 0.5f;
        }
    }

    /** 4 MB read + 4 MB written, into a reused array. */
    @Benchmark
    public float[] copyUnaryBytes() {
        System.arraycopy(src, 0, dst, 0, UNARY);
        return dst;
    }

    /** 4 MB read + 4 MB written into a freshly allocated array, as a jgrad op does. */
    @Benchmark
    public float[] copyUnaryBytesAllocating() {
        float[] out = new float[UNARY];
        System.arraycopy(src, 0, out, 0, UNARY);
        return out;
    }

    /** The same into an array the JVM does not clear (what FreshArrays hands out when exported). */
    @Benchmark
    public float[] addLoopUninitialized() throws Throwable {
        float[] out = (float[]) (Object) UNINITIALIZED.invokeExact((Class<?>) float.class, UNARY);
        for (int i = 0; i < UNARY; i++) {
            out[i] = src[i] + src[i + UNARY / 2];
        }
        return out;
    }

    /** 6 MB read + 6 MB written: the 12 MB a binary op moves, into a reused array. */
    @Benchmark
    public float[] copyBinaryBytes() {
        System.arraycopy(src, 0, dst, 0, BINARY);
        return dst;
    }

    /** A plain Java add loop (which C2 vectorizes) into a reused array: compute without allocation. */
    @Benchmark
    public float[] addLoopReused() {
        for (int i = 0; i < UNARY; i++) {
            dst[i] = src[i] + src[i + UNARY / 2];
        }
        return dst;
    }

    /** The same loop into a fresh 4 MB result, the way a jgrad op allocates. */
    @Benchmark
    public float[] addLoopAllocating() {
        float[] out = new float[UNARY];
        for (int i = 0; i < UNARY; i++) {
            out[i] = src[i] + src[i + UNARY / 2];
        }
        return out;
    }
}
