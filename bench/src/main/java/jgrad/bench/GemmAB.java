package jgrad.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An in-process A/B of two builds of jgrad's GEMM: each class path (core and ops classes, e.g. an
 * old build's and a new one's) is loaded by a class loader of its own, so both sides are
 * JIT-compiled independently inside one JVM, and their products are alternated in batches of
 * about 2 ms. Interleaving this finely makes both sides see the same load on a shared machine,
 * which separate processes minutes apart do not.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 -cp bench/target/classes \
 *     jgrad.bench.GemmAB OLD_CORE:OLD_OPS NEW_CORE:NEW_OPS 40 1024x1024x1024 128x4096x512:TN
 * </pre>
 *
 * Prints, per shape, GFLOP/s of the best and the median batch of each side (thread CPU time;
 * {@code -Dwall=true} for wall time). {@code -DpropA=name=value} / {@code -DpropB=...} set a
 * system property while that side's classes initialise (e.g. a {@code jgrad.gemm.*} tuning
 * switch, with both class paths the same). The side that runs second tends to come out a few
 * percent ahead (JIT timing): run every comparison in both orders.
 */
public final class GemmAB {
    private GemmAB() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: GemmAB CLASSPATH_A CLASSPATH_B BATCHES SHAPE...");
        }
        int reps = Integer.parseInt(args[2]);
        List<String> shapes = Arrays.asList(args).subList(3, args.length);
        Runnable[][] run = new Runnable[2][shapes.size()];
        for (int v = 0; v < 2; v++) {
            String[] cp = args[v].split(":");
            URL[] urls = new URL[cp.length];
            for (int i = 0; i < cp.length; i++) {
                urls[i] = Path.of(cp[i]).toUri().toURL();
            }
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            String prop = System.getProperty(v == 0 ? "propA" : "propB");
            if (prop != null) {
                String[] kv = prop.split("=", 2);
                System.setProperty(kv[0], kv[1]);
            }
            for (int s = 0; s < shapes.size(); s++) {
                run[v][s] = product(cl, shapes.get(s));
            }
            run[v][0].run(); // initialises this side's kernel classes while its property is set
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean wall = Boolean.getBoolean("wall");
        for (int s = 0; s < shapes.size(); s++) {
            for (int v = 0; v < 2; v++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 5 || System.nanoTime() - t0 < 1_500_000_000L; i++) {
                    run[v][s].run();
                }
            }
        }
        for (int s = 0; s < shapes.size(); s++) {
            double gflop = GemmShape.parse(shapes.get(s)).gflop();
            int inner = (int) Math.max(1, Math.min(200, 2e-3 / (gflop / 100)));
            double[][] t = new double[2][reps];
            for (int i = 0; i < reps; i++) {
                for (int w = 0; w < 2; w++) {
                    int v = i % 2 == 0 ? w : 1 - w;
                    long a = wall ? System.nanoTime() : cpu.getCurrentThreadCpuTime();
                    for (int j = 0; j < inner; j++) {
                        run[v][s].run();
                    }
                    t[v][i] = ((wall ? System.nanoTime() : cpu.getCurrentThreadCpuTime()) - a) / 1e9 / inner;
                }
            }
            double[] best = new double[2];
            double[] med = new double[2];
            for (int v = 0; v < 2; v++) {
                Arrays.sort(t[v]);
                best[v] = gflop / t[v][0];
                med[v] = gflop / t[v][reps / 2];
            }
            System.out.printf(Locale.ROOT, "%-20s A best %6.1f med %6.1f | B best %6.1f med %6.1f | B/A best %.2fx med"
                    + " %.2fx%n", shapes.get(s), best[0], med[0], best[1], med[1], best[1] / best[0], med[1] / med[0]);
        }
    }

    /** {@code Gemm.matmul(a, b, ta, tb)} of a shape string, on the classes of one loader. */
    private static Runnable product(ClassLoader cl, String shape) throws Throwable {
        GemmShape g = GemmShape.parse(shape);
        boolean ta = g.ta();
        boolean tb = g.tb();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> rngClass = cl.loadClass("jgrad.core.Rng");
        Class<?> tensor = cl.loadClass("jgrad.core.Tensor");
        Object rng = rngClass.getConstructor(long.class).newInstance(1L);
        MethodHandle random = lookup.findStatic(tensor, "randomNormal",
                MethodType.methodType(tensor, rngClass, double.class, double.class, int[].class));
        Object a = random.invoke(rng, 0.0, 1.0, g.aDims());
        Object b = random.invoke(rng, 0.0, 1.0, g.bDims());
        MethodHandle matmul = lookup.findStatic(cl.loadClass("jgrad.ops.kernels.Gemm"), "matmul",
                MethodType.methodType(tensor, tensor, tensor, boolean.class, boolean.class)).bindTo(a).bindTo(b);
        return () -> {
            try {
                Object unused = matmul.invoke(ta, tb);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
