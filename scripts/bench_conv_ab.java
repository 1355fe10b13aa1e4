/*
 * A/B of jgrad's convolution kernels between two builds in ONE JVM: each build's classes are loaded
 * by a class loader of their own, and the calls alternate (A B, B A, ...), so that both see the
 * same load; times are the calling thread's CPU time (steadier than wall time on a shared
 * machine). Prints, per layer shape and op, the median and minimum of the timed calls (the first
 * two of each are warm-up) and the largest difference between A's and B's results.
 *
 * The shapes are the DCGAN step's (batch 64, docs/benchmarks.md's GAN section): the generator's
 * 7x7 256 -> 128 5x5 'same' layer both ways, the discriminator's 14 -> 7 stride-2 64 -> 128 layer
 * and its 28 -> 14 1 -> 64 layer. Single-file program (JDK 25):
 *
 *   A=/tmp/old-classes:ops/target/classes:core/target/classes   # e.g. one class recompiled from an older commit first
 *   B=ops/target/classes:core/target/classes
 *   java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 scripts/bench_conv_ab.java "$A" "$B" fwd,dx,dk 9
 */
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

public class bench_conv_ab {
    /** One build's DirectConv entry points, reached by reflection through its own class loader. */
    static final class Build {
        final Object linear;
        final Method fwd;
        final Method dk;
        final Method dx;
        final Constructor<?> geometry;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Build(String classPath) throws Exception {
            URL[] urls = new URL[classPath.split(":").length];
            int i = 0;
            for (String p : classPath.split(":")) {
                urls[i++] = Path.of(p).toAbsolutePath().toUri().toURL();
            }
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> geo = cl.loadClass("jgrad.ops.kernels.ConvKernels$Geometry");
            Class<?> dc = cl.loadClass("jgrad.ops.kernels.DirectConv");
            Class act = cl.loadClass("jgrad.ops.kernels.Epilogue$Activation");
            linear = Enum.valueOf(act, "LINEAR");
            geometry = geo.getConstructors()[0];
            fwd = dc.getMethod("forward", Object.class, Object.class, Object.class, act, geo, int.class, boolean.class);
            dk = dc.getMethod("filterGrad", Object.class, Object.class, geo, int.class, boolean.class);
            dx = dc.getMethod("inputGrad", Object.class, Object.class, geo, int.class, boolean.class);
        }

        Object geometry(int n, int c, int in, int out, int k, int s, int pb) throws Exception {
            return geometry.newInstance(n, c, new int[] {1, in, in}, new int[] {1, out, out}, new int[] {1, k, k},
                    new int[] {1, s, s}, new int[] {1, 1, 1}, new int[] {0, pb, pb});
        }

        Object run(String op, float[] x, float[] k, float[] dz, Object g, int f) throws Exception {
            return switch (op) {
                case "fwd" -> fwd.invoke(null, x, k, null, linear, g, f, true);
                case "dk" -> dk.invoke(null, x, dz, g, f, true);
                case "dx" -> dx.invoke(null, dz, k, g, f, true);
                default -> throw new IllegalArgumentException("op must be fwd, dx or dk, got '" + op + "'");
            };
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: bench_conv_ab.java CLASSPATH_A CLASSPATH_B OPS(fwd,dx,dk) REPS");
        }
        Build[] builds = {new Build(args[0]), new Build(args[1])};
        String[] ops = args[2].split(",");
        int reps = Integer.parseInt(args[3]);
        if (reps < 3) {
            throw new IllegalArgumentException("REPS must be at least 3 (two warm-up calls), got " + reps);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // batch, channels, in, out, kernel, stride, padBefore, filters
        int[][] shapes = {{64, 256, 7, 7, 5, 1, 2, 128}, {64, 128, 7, 7, 5, 1, 2, 256}, {64, 64, 14, 7, 5, 2, 1, 128},
            {64, 1, 28, 14, 5, 2, 1, 64}};
        String[] names = {"7x7 256->128 5x5", "7x7 128->256 5x5", "14->7 s2 64->128", "28->14 s2 1->64"};
        Random rnd = new Random(1);
        double[] total = new double[2];
        for (int si = 0; si < shapes.length; si++) {
            int[] q = shapes[si];
            Object[] g = {builds[0].geometry(q[0], q[1], q[2], q[3], q[4], q[5], q[6]),
                builds[1].geometry(q[0], q[1], q[2], q[3], q[4], q[5], q[6])};
            int f = q[7];
            float[] x = random(rnd, q[0] * q[2] * q[2] * q[1]);
            float[] k = random(rnd, q[4] * q[4] * q[1] * f);
            float[] dz = random(rnd, q[0] * q[3] * q[3] * f);
            for (String op : ops) {
                double[][] ms = new double[2][reps];
                float[][] out = new float[2][];
                for (int rep = 0; rep < reps; rep++) {
                    for (int turn = 0; turn < 2; turn++) {
                        int b = rep % 2 == 0 ? turn : 1 - turn;
                        long t0 = threads.getCurrentThreadCpuTime();
                        out[b] = (float[]) builds[b].run(op, x, k, dz, g[b], f);
                        ms[b][rep] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
                    }
                }
                double diff = 0;
                for (int i = 0; i < out[0].length; i++) {
                    diff = Math.max(diff, Math.abs(out[0][i] - out[1][i]));
                }
                double[] a = Arrays.copyOfRange(ms[0], 2, reps);
                double[] b = Arrays.copyOfRange(ms[1], 2, reps);
                Arrays.sort(a);
                Arrays.sort(b);
                total[0] += a[a.length / 2];
                total[1] += b[b.length / 2];
                System.out.printf("%-18s %-3s A: median %6.1f min %6.1f ms | B: median %6.1f min %6.1f ms | B/A %.2f"
                        + " | max |A-B| %.1e%n", names[si], op, a[a.length / 2], a[0], b[b.length / 2], b[0],
                        b[b.length / 2] / a[a.length / 2], diff);
            }
        }
        System.out.printf("sum of medians: A %.1f ms, B %.1f ms (B/A %.2f); load %s%n", total[0], total[1],
                total[1] / total[0], java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        return a;
    }
}
