package jgrad.codegen;

import java.nio.file.Path;
import java.util.List;
import jgrad.codegen.fused.GeneratedKernel;
import jgrad.codegen.fused.Kernels;

/**
 * The code generator's global switch and statistics: {@code -Djgrad.fusion=false} or
 * {@link #setEnabled setEnabled(false)} turns fusion off everywhere, so that a program can be
 * timed and checked with and without it. With fusion off, compiled functions are still traced and
 * replayed, every op running unfused. The generated kernels of the whole program can be listed
 * and written out here; those of one function with {@link CompiledFunction#kernels()}.
 */
public final class Codegen {
    private Codegen() {}

    /** True unless fusion was switched off. */
    public static boolean isEnabled() {
        return Kernels.isEnabled();
    }

    /** Turns fusion on or off for every compiled function (from its next call) and fused op. */
    public static void setEnabled(boolean on) {
        Kernels.setEnabled(on);
    }

    /** javac runs so far; a cache hit does not count. */
    public static long compilations() {
        return Kernels.compilations();
    }

    /** Every kernel generated so far in this JVM, forward and backward, in order. */
    public static List<GeneratedKernel> kernels() {
        Kernels.awaitCompilations();
        return Kernels.all();
    }

    /** Writes every generated kernel's source into {@code dir}, one file per kernel. */
    public static void writeKernels(Path dir) {
        Kernels.awaitCompilations();
        Kernels.writeSources(dir);
    }

    /** Blocks until queued kernel compilations have finished (tests, benchmarks). */
    public static void awaitCompilations() {
        Kernels.awaitCompilations();
    }

    /** Compile times in milliseconds of the kernels javac built, in order. */
    public static double[] compileMillis() {
        return Kernels.compileMillis();
    }
}
