package jgrad.codegen.fused;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compile statistics and generated sources, for tests, benchmarks and students: how many javac
 * runs, each kernel's source and compile time, and switches for synchronous compilation, the disk
 * cache and fusion itself.
 *
 * <p>Compile latency, measured with {@code FusedChainBench} on the shared 2-core development machine
 * (JDK 25; commands in docs/codegen-internals.md): the first kernel of a JVM 0.64 s (javac loading
 * and warming up), one kernel after warm-up about 20 ms (18 ms of thread CPU time), and about 7 ms
 * per kernel when the background thread compiles a queue of them in one javac task.
 */
public final class Kernels {
    private Kernels() {}

    private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("jgrad.fusion"));

    /** javac runs so far (cache hits, memory or disk, do not count). */
    public static long compilations() {
        return KernelCache.compilations();
    }

    /** Kernels whose class bytes came from the disk cache instead of javac. */
    public static long diskCacheHits() {
        return KernelCache.diskHits();
    }

    /** Kernels that failed to compile (their groups run unfused). */
    public static long failures() {
        return KernelCache.failures();
    }

    /** Every kernel generated so far, in order: name, fused op names, Java source, compile ms. */
    public static List<GeneratedKernel> all() {
        return KernelCache.generated();
    }

    /**
     * Writes each kernel's source to {@code dir} as {@code NN_<name>.java} (formatted and commented,
     * with the fused ops in the header), each file written atomically.
     */
    public static void writeSources(Path dir) {
        try {
            Files.createDirectories(dir);
            List<GeneratedKernel> all = all();
            for (int i = 0; i < all.size(); i++) {
                GeneratedKernel k = all.get(i);
                DiskCache.atomicWrite(dir.resolve(String.format("%02d_%s.java", i, k.name())),
                        k.source().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Kernels.writeSources: cannot write to " + dir, e);
        }
    }

    /**
     * Writes the sources of {@code kernels} into {@code dir} as {@code <ClassName>.java}, each file
     * written atomically and readable by others (a compiled function's own kernels, for example).
     */
    public static void writeSources(Path dir, List<GeneratedKernel> kernels) {
        try {
            Files.createDirectories(dir);
            for (GeneratedKernel k : kernels) {
                DiskCache.atomicWrite(dir.resolve(k.name() + ".java"), k.source().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kernel sources to " + dir, e);
        }
    }

    /** Blocks until the compilations queued so far have finished (tests, benchmarks). */
    public static void awaitCompilations() {
        KernelCache.await();
    }

    /** True: compile on the calling thread, so the first call already runs the kernel (tests). */
    public static void setSynchronous(boolean synchronous) {
        KernelCache.setSynchronous(synchronous);
    }

    /**
     * The folder of the disk cache (null turns it off); defaults to the system property
     * {@code jgrad.codegen.cacheDir}.
     */
    public static void setCacheDir(Path dir) {
        KernelCache.setCacheDir(dir);
    }

    public static Path cacheDir() {
        return KernelCache.cacheDir();
    }

    /** Whether fused groups run generated kernels (system property {@code jgrad.fusion}, default true). */
    public static boolean isEnabled() {
        return enabled;
    }

    /** Turns generated kernels on or off globally; off, every {@link FusedOp} runs its ops one by one. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Forgets the compiled kernels (the next use compiles again, or loads from the disk cache). */
    public static void clearCache() {
        KernelCache.clear();
    }

    /** Compile times in milliseconds of the kernels javac built, in order (the first one includes javac's warm-up). */
    public static double[] compileMillis() {
        return all().stream().filter(k -> !k.fromDiskCache()).mapToDouble(GeneratedKernel::compileMillis).toArray();
    }
}
