package jgrad.codegen.fused;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import jgrad.codegen.fused.KernelEmitter.Mode;
import jgrad.codegen.fused.Layout.Access;
import jgrad.core.DType;

/**
 * The kernels compiled so far, keyed by group, dtype, input access pattern and mode (shapes enter
 * through their layout: a new batch size reuses the kernel). Compilation runs on one daemon thread
 * while callers use the unfused ops; a kernel that fails is remembered, logged once, and never
 * retried.
 */
final class KernelCache {
    private KernelCache() {}

    static final System.Logger LOG = System.getLogger("jgrad.codegen");

    /**
     * What a kernel is specialised to. {@code wanted} lists the group inputs whose gradients a
     * backward kernel computes (empty for a forward kernel).
     */
    record Key(FusedGroup group, DType dtype, List<Access> access, Mode mode, boolean backward, List<Integer> wanted) {}

    /** A cache entry: compiling, ready, or failed (with the reason). */
    private record Entry(FusedKernel kernel, String failure) {}

    private static final Entry PENDING = new Entry(null, null);
    private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final List<GeneratedKernel> GENERATED = new ArrayList<>();
    private static final AtomicLong COMPILATIONS = new AtomicLong();
    private static final AtomicLong DISK_HITS = new AtomicLong();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile boolean synchronous = Boolean.getBoolean("jgrad.codegen.synchronous");
    private static volatile Path cacheDir = dirProperty();

    // Keys waiting for the compiler thread, and how many are queued or being compiled.
    private static final LinkedBlockingQueue<Key> QUEUE = new LinkedBlockingQueue<>();
    private static final Object IDLE = new Object();
    private static int outstanding;
    private static Thread worker;

    /** The most kernels one javac task compiles. */
    private static final int BATCH = 32;

    private static Path dirProperty() {
        String d = System.getProperty("jgrad.codegen.cacheDir");
        return d == null || d.isBlank() ? null : Path.of(d);
    }

    /**
     * The kernel for key if it is ready; otherwise starts its compilation (or, when synchronous,
     * compiles it now) and returns null while it is not ready or if it failed.
     */
    static FusedKernel get(Key key) {
        Entry e = ENTRIES.get(key);
        if (e == null) {
            Entry prev = ENTRIES.putIfAbsent(key, PENDING);
            if (prev == null) {
                if (synchronous) {
                    build(List.of(key));
                } else {
                    enqueue(key);
                }
            }
            e = ENTRIES.get(key);
        }
        return e == null ? null : e.kernel();
    }

    private static void enqueue(Key key) {
        synchronized (IDLE) {
            outstanding++;
            if (worker == null) {
                worker = new Thread(KernelCache::work, "jgrad-codegen-compiler");
                worker.setDaemon(true);
                worker.start();
            }
        }
        QUEUE.add(key);
    }

    /** The compiler thread: takes what is queued (up to a batch) and compiles it in one javac task. */
    private static void work() {
        while (true) {
            List<Key> batch = new ArrayList<>();
            try {
                batch.add(QUEUE.take());
            } catch (InterruptedException e) {
                return;
            }
            QUEUE.drainTo(batch, BATCH - 1);
            try {
                build(batch);
            } catch (RuntimeException | Error e) {
                // Whatever went wrong, the compiler thread lives on; the batch's kernels run unfused.
                for (Key key : batch) {
                    if (ENTRIES.get(key) == PENDING) {
                        fail(key, e);
                    }
                }
            } finally {
                synchronized (IDLE) {
                    outstanding -= batch.size();
                    IDLE.notifyAll();
                }
            }
        }
    }

    /**
     * A readable class name that depends only on the key (so the same program generates the same
     * source, which the disk cache is keyed by): {@code Fused_mul_add_exp_f32_full_inner}.
     */
    static String className(Key key) {
        StringBuilder sb = new StringBuilder("Fused");
        for (jgrad.core.Op op : key.group().ops()) {
            sb.append('_').append(op.name().replaceAll("[^A-Za-z0-9]", ""));
        }
        sb.append('_').append(key.dtype() == DType.FLOAT64 ? "f64" : "f32");
        if (key.mode() != Mode.ELEMENTWISE) {
            sb.append(key.mode() == Mode.SUM_ALL ? "_sumall" : "_sumrows");
        }
        if (key.backward()) {
            sb.append("_grad");
            key.wanted().forEach(w -> sb.append(w));
        }
        for (Access a : key.access()) {
            sb.append('_').append(switch (a) {
                case FULL -> "f";
                case INNER -> "i";
                case OUTER -> "o";
                case SCALAR -> "s";
            });
        }
        if (sb.length() > 120) {
            // Long groups: keep the head and make the rest a hash.
            return sb.substring(0, 100) + "_" + Integer.toHexString(sb.toString().hashCode());
        }
        return sb.toString();
    }

    /** A kernel on its way: its key, class name, header, source, and the disk cache's hash. */
    private record Prepared(Key key, String className, KernelEmitter.Header header, String source, String hash) {}

    /**
     * Emits, compiles (one javac task for the batch, or the disk cache) and defines the kernels of
     * {@code keys}. A failure concerns only its kernel: if the batch does not compile, each kernel
     * is compiled on its own to find which.
     */
    private static void build(List<Key> keys) {
        List<Prepared> toCompile = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Key key : keys) {
            try {
                Prepared p = prepare(key, names);
                byte[] cached = fromDisk(p);
                if (cached != null) {
                    define(p, cached, 0, true);
                } else {
                    toCompile.add(p);
                }
            } catch (RuntimeException | LinkageError | AssertionError e) {
                fail(key, e);
            }
        }
        if (toCompile.isEmpty()) {
            return;
        }
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        List<Class<?>> extra = new ArrayList<>();
        for (Prepared p : toCompile) {
            sources.put(p.className(), p.source());
            extra.addAll(userClasses(p.key().group()));
        }
        long t0 = System.nanoTime();
        Map<String, byte[]> bytes;
        try {
            bytes = KernelCompiler.compileAll(sources, extra);
        } catch (RuntimeException | AssertionError e) {
            // (javac reports internal errors as AssertionError; a bad kernel must not stop the thread.)
            if (toCompile.size() == 1) {
                fail(toCompile.get(0).key(), e);
                return;
            }
            for (Prepared p : toCompile) {
                compileOne(p);
            }
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6 / toCompile.size();
        COMPILATIONS.addAndGet(toCompile.size());
        for (Prepared p : toCompile) {
            try {
                store(p, bytes.get(p.className()));
                define(p, bytes.get(p.className()), ms, false);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                fail(p.key(), e);
            }
        }
    }

    private static void compileOne(Prepared p) {
        try {
            long t0 = System.nanoTime();
            byte[] b = KernelCompiler.compile(p.className(), p.source(), userClasses(p.key().group()));
            double ms = (System.nanoTime() - t0) / 1e6;
            COMPILATIONS.incrementAndGet();
            store(p, b);
            define(p, b, ms, false);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            fail(p.key(), e);
        }
    }

    private static Prepared prepare(Key key, java.util.Set<String> namesInBatch) {
        Graph g = key.backward() ? Graph.backward(key.group(), key.wanted().stream().mapToInt(i -> i).toArray())
                : Graph.forward(key.group());
        String className = className(key);
        // Class names are unique within one javac task.
        String unique = className;
        for (int i = 2; !namesInBatch.add(unique); i++) {
            unique = className + "_" + i;
        }
        List<String> outputs = new ArrayList<>();
        if (key.backward()) {
            for (int w : key.wanted()) {
                outputs.add("the gradient of x" + w + switch (key.access().get(w)) {
                    case FULL -> " (at the output's shape)";
                    case INNER -> " (summed over the rows: one value per column)";
                    case OUTER -> " (summed along each row: one value per row)";
                    case SCALAR -> " (summed over everything)";
                });
            }
        } else {
            outputs.add(key.mode() == Mode.ELEMENTWISE ? "y" : "y, summed");
        }
        String formula = key.group().formula();
        if (key.backward()) {
            formula = formula + "\nbackward: the output gradient is x" + key.group().inputCount();
        }
        KernelEmitter.Header header = new KernelEmitter.Header(unique, key.group().name(), formula, outputs);
        String source = KernelEmitter.emit(unique, header, g, key.dtype() == DType.FLOAT64, key.access(), key.mode(),
                key.backward() ? key.wanted().stream().map(w -> key.access().get(w)).toList() : null);
        return new Prepared(key, unique, header, source, DiskCache.hash(source));
    }

    private static byte[] fromDisk(Prepared p) {
        Path dir = cacheDir;
        if (dir == null) {
            return null;
        }
        String[] why = new String[1];
        byte[] bytes = DiskCache.read(dir, p.hash(), why);
        if (why[0] != null) {
            LOG.log(Level.WARNING, "ignoring an invalid kernel cache file, compiling again: " + why[0]);
        }
        if (bytes != null) {
            DISK_HITS.incrementAndGet();
        }
        return bytes;
    }

    private static void store(Prepared p, byte[] bytes) {
        Path dir = cacheDir;
        if (dir != null) {
            String failure = DiskCache.write(dir, p.hash(), p.source(), bytes);
            if (failure != null) {
                LOG.log(Level.WARNING, "could not write the kernel cache in " + dir + ": " + failure);
            }
        }
    }

    private static void define(Prepared p, byte[] bytes, double ms, boolean fromDisk) {
        FusedKernel kernel = KernelCompiler.define(bytes);
        Key key = p.key();
        synchronized (GENERATED) {
            GENERATED.add(new GeneratedKernel(p.className(), key.group().ops().stream().map(o -> o.name()).toList(),
                    key.backward(), key.dtype().toString(), p.source(), ms, fromDisk));
        }
        ENTRIES.put(key, new Entry(kernel, null));
    }

    /** A kernel threw while running: it is replaced by a failure (logged once) and its group runs unfused. */
    static void dropFailing(Key key, RuntimeException e) {
        fail(key, e, "threw while running");
    }

    private static void fail(Key key, Throwable e) {
        fail(key, e, "failed to compile");
    }

    private static void fail(Key key, Throwable e, String what) {
        FAILURES.incrementAndGet();
        String reason = e instanceof KernelCompiler.CompileException ? e.getMessage() : e.toString();
        ENTRIES.put(key, new Entry(null, reason));
        LOG.log(Level.WARNING, "fused kernel for " + key.group().name() + " (" + key.dtype()
                + (key.backward() ? ", backward" : "") + ") " + what + "; running it unfused. " + reason);
    }

    /** Classes of non-built-in ops and their rules: the kernel's source may refer to them. */
    private static List<Class<?>> userClasses(FusedGroup group) {
        List<Class<?>> extra = new ArrayList<>();
        for (jgrad.core.Op op : group.ops()) {
            if (!BuiltinRules.isBuiltin(op.getClass()) && !FusionRules.isReductionEpilogue(op)) {
                extra.add(op.getClass());
                Rule<?> rule = FusionRules.ruleOf(op);
                if (rule != null) {
                    extra.add(rule.getClass());
                }
            }
        }
        return extra;
    }

    static long compilations() {
        return COMPILATIONS.get();
    }

    static long diskHits() {
        return DISK_HITS.get();
    }

    static long failures() {
        return FAILURES.get();
    }

    static List<GeneratedKernel> generated() {
        synchronized (GENERATED) {
            return List.copyOf(GENERATED);
        }
    }

    static void setSynchronous(boolean s) {
        synchronous = s;
    }

    static boolean isSynchronous() {
        return synchronous;
    }

    static void setCacheDir(Path dir) {
        cacheDir = dir;
    }

    static Path cacheDir() {
        return cacheDir;
    }

    /** Blocks until every compilation queued so far has finished. */
    static void await() {
        synchronized (IDLE) {
            while (outstanding > 0) {
                try {
                    IDLE.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Forgets every kernel (the next use compiles again); for tests and benchmarks. */
    static void clear() {
        await();
        ENTRIES.clear();
        synchronized (GENERATED) {
            GENERATED.clear();
        }
    }
}
