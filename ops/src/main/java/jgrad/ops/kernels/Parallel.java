package jgrad.ops.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one set of worker threads every kernel shares: a worker per core besides the caller (daemon
 * threads). Work below {@link KernelConfig#PARALLEL_THRESHOLD} stays on the caller's thread, since
 * handing it over would cost more than doing it.
 *
 * <pre>{@code
 * Parallel.forRange(rows, (long) rows * cols, (start, end) -> { ... rows start..end-1 ... });
 * }</pre>
 *
 * <p>Why not a ForkJoinPool: a parked pool thread takes tens of microseconds to wake on this
 * virtual machine, as long as a whole split product of an MLP step takes, and a training step
 * hands over work every few dozen microseconds. So a worker that has finished spins for
 * {@code -Djgrad.kernels.spinMicros} (default 100) before it parks, and the next call of the step
 * finds it awake; the caller runs its own chunk and spins (then yields) until the workers are
 * done. One call at a time uses the workers: a call made while they are busy (nested in a chunk,
 * or from another thread) runs on its caller's thread, which never deadlocks.
 */
public final class Parallel {
    private Parallel() {}

    /** Threads the kernels may use: the cores, or {@code -Djgrad.kernels.threads=N}. */
    private static final int THREADS = Math.max(1,
            Integer.getInteger("jgrad.kernels.threads", Runtime.getRuntime().availableProcessors()));

    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = Math.max(0, Long.getLong("jgrad.kernels.spinMicros", 100)) * 1000;

    private static final Worker[] WORKERS = workers();

    /** Set while a call is using the workers. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    private static Worker[] workers() {
        Worker[] w = new Worker[THREADS - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = new Worker(i + 1);
            w[i].start();
        }
        return w;
    }

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
        if (chunks <= 1 || work < threshold || !BUSY.compareAndSet(false, true)) {
            task.run(0, n);
            return;
        }
        try {
            for (int c = 1; c < chunks; c++) {
                WORKERS[c - 1].submit(task, bound(n, chunks, c), bound(n, chunks, c + 1));
            }
            Throwable failure = null;
            try {
                task.run(0, bound(n, chunks, 1));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            // Wait for every chunk even after a failure, so that no task still writes once we return.
            for (int c = 1; c < chunks; c++) {
                Throwable f = WORKERS[c - 1].await();
                if (failure == null) {
                    failure = f;
                }
            }
            switch (failure) {
                case null -> { }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new AssertionError(failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** One worker thread: runs the chunk it is handed, spins a while for the next, then parks. */
    private static final class Worker extends Thread {
        private volatile RangeTask task;
        private volatile boolean parked;
        private volatile boolean done = true;
        private int start;
        private int end;
        private Throwable failure;

        Worker(int index) {
            super("jgrad-kernel-" + index);
            setDaemon(true);
        }

        /** Hands a chunk over (the caller holds BUSY, so the worker is idle). */
        void submit(RangeTask t, int s, int e) {
            start = s;
            end = e;
            failure = null;
            done = false;
            task = t; // the volatile write publishes start, end and the cleared flags
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /** Waits for the chunk handed over last; returns its failure or null. */
        Throwable await() {
            for (int spins = 0; !done; spins++) {
                if (spins < 1 << 10) { // about 50 us of PAUSE instructions
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the worker may not be running: give it the core
                }
            }
            return failure; // read after the volatile read of done
        }

        @Override
        public void run() {
            while (true) {
                RangeTask t = next();
                try {
                    t.run(start, end);
                } catch (Throwable x) {
                    failure = x;
                }
                task = null;
                done = true; // publishes failure and the chunk's writes to the waiting caller
            }
        }

        private RangeTask next() {
            long spinStart = System.nanoTime();
            RangeTask t;
            while ((t = task) == null && System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            if (t != null) {
                return t;
            }
            // Dekker with submit(): one of the two sees the other's volatile write, so no wake-up is lost.
            parked = true;
            while ((t = task) == null) {
                LockSupport.park(this);
            }
            parked = false;
            return t;
        }
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
