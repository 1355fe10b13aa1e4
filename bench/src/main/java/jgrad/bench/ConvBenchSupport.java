package jgrad.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measurements the conv benchmarks print beside wall time: the calling thread's CPU time (steadier
 * than wall time on a loaded machine), peak heap and peak resident set. java.management is reached
 * by reflection, since this module does not read it (the benchmarks run on the class path, where
 * it is there); each figure is NaN or -1 where it cannot be had.
 */
final class ConvBenchSupport {
    private ConvBenchSupport() {}

    private static final Object THREADS;
    private static final Method CPU_TIME;

    static {
        Object threads = null;
        Method cpu = null;
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            threads = factory.getMethod("getThreadMXBean").invoke(null);
            cpu = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            threads = null;
        }
        THREADS = threads;
        CPU_TIME = cpu;
    }

    /** The calling thread's CPU time in nanoseconds, or -1. */
    static long threadCpuNanos() {
        if (THREADS == null) {
            return -1;
        }
        try {
            return (long) CPU_TIME.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    /** The sum of every heap pool's peak usage since the JVM started (or the last reset), in MB; NaN if unknown. */
    static double peakHeapMb() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> poolType = Class.forName("java.lang.management.MemoryPoolMXBean");
            Class<?> usageType = Class.forName("java.lang.management.MemoryUsage");
            Object heap = Class.forName("java.lang.management.MemoryType").getField("HEAP").get(null);
            long bytes = 0;
            for (Object pool : (List<?>) factory.getMethod("getMemoryPoolMXBeans").invoke(null)) {
                if (poolType.getMethod("getType").invoke(pool) == heap) {
                    Object peak = poolType.getMethod("getPeakUsage").invoke(pool);
                    bytes += (long) usageType.getMethod("getUsed").invoke(peak);
                }
            }
            return bytes / 1e6;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Double.NaN;
        }
    }

    /** Resets every memory pool's peak, so that {@link #peakHeapMb} covers what follows. */
    static void resetPeakHeap() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> poolType = Class.forName("java.lang.management.MemoryPoolMXBean");
            for (Object pool : (List<?>) factory.getMethod("getMemoryPoolMXBeans").invoke(null)) {
                poolType.getMethod("resetPeakUsage").invoke(pool);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Leave the peaks as they are.
        }
    }

    /** The process's peak resident set (VmHWM in /proc/self/status), in MB; NaN where there is no /proc. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
