package jgrad.ops.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The one thread pool every kernel shares: a fork-join pool with a worker per core (daemon
 * threads). Work below {@link KernelConfig#PARALLEL_THRESHOLD} stays on the caller's thread, since
 * handing it over would cost more than doing it.
 *
 * <pre>{@code
 * Parallel.forRange(rows, (long) rows * cols, (start, end) -> { ... rows start..end-1 ... });
 * }</pre>
 */
public final class Parallel {
    private Parallel() {}

    /** Threads the pool may use: the cores, or {@code -Djgrad.kernels.threads=N}. */
    private static final int THREADS = Math.max(1,
            Integer.getInteger("jgrad.kernels.threads", Runtime.getRuntime().availableProcessors()));

    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("jgrad-kernel-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }, null, false);

    /** A body run over a range of indices. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int start, int end);
    }

    /** The number of threads kernels may split work across. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code task} over {@code [0, n)}, split into at most {@link #threads()} contiguous
     * chunks, one of them on the calling thread; returns when all are done. {@code work} is the
     * total cost in element operations: below {@link KernelConfig#PARALLEL_THRESHOLD} everything
     * runs on the caller's thread in one call. Which index lands in which chunk never changes the
     * result as long as the task writes disjoint outputs per index.
     */
    public static void forRange(int n, long work, RangeTask task) {
        forRange(n, work, KernelConfig.PARALLEL_THRESHOLD, task);
    }

    /** {@link #forRange(int, long, RangeTask)} with an explicit threshold (for kernels with costlier elements). */
    public static void forRange(int n, long work, long threshold, RangeTask task) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(n, THREADS);
        if (POOL == null || chunks <= 1 || work < threshold) {
            task.run(0, n);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int start = bound(n, chunks, c);
            int end = bound(n, chunks, c + 1);
            forked[c - 1] = POOL.submit(() -> task.run(start, end));
        }
        Throwable failure = null;
        try {
            task.run(0, bound(n, chunks, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Join every chunk even after a failure, so that no task still writes once we return.
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        switch (failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(failure);
        }
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
