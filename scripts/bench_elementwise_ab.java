/*
 * A/B of jgrad's elementwise ops between two builds in ONE JVM: each build's classes are loaded by
 * a class loader of their own and the calls alternate (A B, B A, ...), so that both see the same
 * load; times are the calling thread's CPU time (steadier than wall time on a shared machine).
 * For each op on 1M float32 elements it times the forward call and, separately, the backward pass
 * alone (a persistent tape's gradient of the recorded op with a given output gradient; logcosh is a
 * user's declared ElementwiseOp, the rest built-in ops), and prints
 * per case the median of each build, B/A, and the largest difference between A's and B's results.
 *
 *   A=/tmp/old/ops:/tmp/old/core          # classes of the older build (copied before the change)
 *   B=ops/target/classes:core/target/classes
 *   java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 \
 *       -Djgrad.kernels.parallelThreshold=2147483647 scripts/bench_elementwise_ab.java "$A" "$B" 9 [cases]
 *
 * (rounds; the first two are warm-up; cases a comma list of the names below, default all).
 */
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

public class bench_elementwise_ab {
    static final String[] UNARY = {"neg", "exp", "log", "log1p", "sqrt", "rsqrt", "square", "abs", "sin", "cos",
        "tanh", "sigmoid", "relu", "erf", "clip", "softplus", "logcosh"};
    static final String[] BINARY = {"add", "sub", "mul", "div", "pow", "maximum", "minimum"};

    /** One build's Tensor and GradientTape, reached by reflection through its own class loader. */
    static final class Build {
        final Class<?> tensor;
        final Method of;
        final Method persistent;
        final Method watch;
        final Method close;
        final Method gradient;
        final Method toFloatArray;
        final Object none;
        final Object logCosh;
        final Method apply;

        Build(String classPath) throws Exception {
            String[] parts = classPath.split(":");
            URL[] urls = new URL[parts.length];
            for (int i = 0; i < parts.length; i++) {
                urls[i] = Path.of(parts[i]).toAbsolutePath().toUri().toURL();
            }
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            tensor = cl.loadClass("jgrad.core.Tensor");
            Class<?> tape = cl.loadClass("jgrad.core.GradientTape");
            Class<?> unconnected = cl.loadClass("jgrad.core.UnconnectedGradients");
            of = tensor.getMethod("of", float[].class);
            persistent = tape.getMethod("persistent");
            Class<?> arr = java.lang.reflect.Array.newInstance(tensor, 0).getClass();
            watch = tape.getMethod("watch", arr);
            close = tape.getMethod("close");
            gradient = tape.getMethod("gradient", tensor, List.class, tensor, unconnected);
            toFloatArray = tensor.getMethod("toFloatArray");
            none = unconnected.getEnumConstants()[0];
            // A user's declared op: log(cosh(x)) = |x| + log1p(exp(-2|x|)) - log 2, derivative derived.
            Class<?> expr = cl.loadClass("jgrad.ops.math.Expr");
            Object in = expr.getMethod("input", int.class).invoke(null, 0);
            Object abs = expr.getMethod("abs").invoke(in);
            Object t = expr.getMethod("mul", double.class).invoke(abs, -2.0);
            t = expr.getMethod("log1p").invoke(expr.getMethod("exp").invoke(t));
            t = expr.getMethod("sub", double.class).invoke(expr.getMethod("add", expr).invoke(abs, t), Math.log(2));
            Class<?> declared = cl.loadClass("jgrad.ops.math.ElementwiseOp");
            logCosh = declared.getMethod("of", String.class, int.class, expr).invoke(null, "logcosh", 1, t);
            apply = declared.getMethod("apply", arr);
        }

        Object forward(String op, Object x, Object y) throws Exception {
            if (op.equals("logcosh")) {
                Object arr = java.lang.reflect.Array.newInstance(tensor, 1);
                java.lang.reflect.Array.set(arr, 0, x);
                return apply.invoke(logCosh, arr);
            }
            if (op.equals("clip")) {
                return tensor.getMethod("clip", double.class, double.class).invoke(x, -0.5, 0.7);
            }
            return y == null ? tensor.getMethod(op).invoke(x) : tensor.getMethod(op, tensor).invoke(x, y);
        }

        /** A persistent tape holding op(x[, y]) recorded; the gradient call is what is timed. */
        Object[] recorded(String op, Object x, Object y) throws Exception {
            Object tape = persistent.invoke(null);
            Object sources = java.lang.reflect.Array.newInstance(tensor, y == null ? 1 : 2);
            java.lang.reflect.Array.set(sources, 0, x);
            if (y != null) {
                java.lang.reflect.Array.set(sources, 1, y);
            }
            watch.invoke(tape, sources);
            Object z = forward(op, x, y);
            close.invoke(tape);
            return new Object[] {tape, z, y == null ? List.of(x) : List.of(x, y)};
        }

        @SuppressWarnings("unchecked")
        float[] backward(Object[] rec, Object g) throws Exception {
            List<Object> grads = (List<Object>) gradient.invoke(rec[0], rec[1], rec[2], g, none);
            return (float[]) toFloatArray.invoke(grads.get(grads.size() - 1));
        }
    }

    public static void main(String[] args) throws Exception {
        Build[] builds = {new Build(args[0]), new Build(args[1])};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        List<String> cases = new ArrayList<>();
        cases.addAll(Arrays.asList(UNARY));
        cases.addAll(Arrays.asList(BINARY));
        if (args.length > 3) {
            cases = Arrays.asList(args[3].split(","));
        }
        int n = 1 << 20;
        Random rnd = new Random(1);
        float[] xv = new float[n];
        float[] yv = new float[n];
        float[] gv = new float[n];
        for (int i = 0; i < n; i++) {
            xv[i] = 0.1f + 1.9f * rnd.nextFloat(); // positive: log, sqrt and pow's base
            yv[i] = -2f + 4f * rnd.nextFloat();
            gv[i] = -1f + 2f * rnd.nextFloat();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-9s %9s %9s %6s %9s %9s %6s %9s%n", "case", "fwd A ms", "fwd B ms", "B/A", "bwd A ms",
                "bwd B ms", "B/A", "max|A-B|");
        for (String op : cases) {
            boolean binary = Arrays.asList(BINARY).contains(op);
            Object[][] in = new Object[2][];
            Object[][] rec = new Object[2][];
            for (int b = 0; b < 2; b++) {
                Build k = builds[b];
                in[b] = new Object[] {k.of.invoke(null, xv), binary ? k.of.invoke(null, yv) : null, k.of.invoke(null, gv)};
                rec[b] = k.recorded(op, in[b][0], in[b][1]);
            }
            double[][] fwd = new double[2][rounds];
            double[][] bwd = new double[2][rounds];
            float[][] res = new float[2][];
            for (int r = 0; r < rounds + 2; r++) {
                for (int j = 0; j < 2; j++) {
                    int b = (r + j) % 2; // A B, B A, ...
                    Build k = builds[b];
                    long t0 = mx.getCurrentThreadCpuTime();
                    k.forward(op, in[b][0], in[b][1]);
                    long t1 = mx.getCurrentThreadCpuTime();
                    res[b] = k.backward(rec[b], in[b][2]);
                    long t2 = mx.getCurrentThreadCpuTime();
                    if (r >= 2) {
                        fwd[b][r - 2] = (t1 - t0) / 1e6;
                        bwd[b][r - 2] = (t2 - t1) / 1e6;
                    }
                }
            }
            double diff = 0;
            for (int i = 0; i < n; i++) {
                double d = Math.abs(res[0][i] - res[1][i]);
                if (d > diff || Double.isNaN(d) && !(Float.isNaN(res[0][i]) && Float.isNaN(res[1][i]))) {
                    diff = Double.isNaN(d) ? Double.NaN : d;
                }
            }
            double fa = median(fwd[0]);
            double fb = median(fwd[1]);
            double ba = median(bwd[0]);
            double bb = median(bwd[1]);
            System.out.printf("%-9s %9.2f %9.2f %6.2f %9.2f %9.2f %6.2f %9.2g%n", op, fa, fb, fb / fa, ba, bb, bb / ba,
                    diff);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
