package jgrad.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.codegen.Codegen;
import jgrad.codegen.CompiledFunction;
import jgrad.codegen.Jit;
import jgrad.codegen.fused.GeneratedKernel;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.inspect.Graph;

/**
 * A tour of the code generator: an ordinary Java function (a dense layer with a GELU activation
 * and a squared-error loss) compiled with {@link Jit}; prints what the tracer captured, how the
 * planner grouped the ops, the Java source generated for the fused groups, then runs the function
 * fused and unfused and compares values and gradients, and draws the groups on the graph of one
 * run (HTML, module inspect). Options: {@code --out DIR} (kernel sources,
 * default out/codegen-tour), {@code --seed N}, {@code --quick} (smaller tensors, fewer timing runs).
 */
public final class CodegenTour {
    private CodegenTour() {}

    /** GELU, tanh approximation: 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))). */
    static Tensor gelu(Tensor z) {
        Tensor inner = z.add(z.mul(z).mul(z).mul(0.044715)).mul(0.7978845608028654);
        return z.mul(0.5).mul(inner.tanh().add(1.0));
    }

    /** What the tour compares, for its test. */
    record Result(CompiledFunction function, double maxValueDifference, double maxGradientDifference,
            List<GeneratedKernel> kernels) {}

    static Result run(long seed, int batch, int timingRuns, Path out, boolean print) {
        Rng rng = new Rng(seed);
        Variable w = Variable.of(Tensor.randomNormal(rng, 0, 0.3, 32, 16), "w");
        Variable b = Variable.of(Tensor.randomNormal(rng, 0, 0.1, 16), "b");
        Tensor x = Tensor.randomNormal(rng, 0, 1, batch, 32);
        Tensor target = Tensor.randomNormal(rng, 0, 1, batch, 16);

        // The user's code: nothing about fusion in it.
        CompiledFunction loss = Jit.binary((in, y) -> gelu(in.matmul(w).add(b)).sub(y).square().mean());

        boolean wasEnabled = Codegen.isEnabled();
        Codegen.setEnabled(true);
        try {
            loss.call(x, target);              // first call: traced (twice, to check purity), runs eagerly
            gradients(loss, x, target, w, b);  // replays the plan; forward and backward kernels compile
            Codegen.awaitCompilations();       // in the background (the ops run unfused meanwhile)
            Tensor fused = loss.call(x, target);
            List<Tensor> gFused = gradients(loss, x, target, w, b);
            if (print) {
                System.out.println("== 1. The trace and the plan");
                System.out.println(loss.graph());
                System.out.println("== 2. The generated kernels");
            }
            List<GeneratedKernel> kernels = loss.kernels();
            if (print) {
                for (GeneratedKernel k : kernels) {
                    System.out.printf(Locale.ROOT, "-- %s (%s, %s, %.1f ms to compile)%n", k.name(),
                            k.backward() ? "backward" : "forward", String.join(", ", k.fusedOps()), k.compileMillis());
                    System.out.println(k.source());
                }
                loss.writeKernels(out);
                System.out.println("kernel sources written to " + out);
            }

            Codegen.setEnabled(false);
            Tensor unfused = loss.call(x, target);
            List<Tensor> gUnfused = gradients(loss, x, target, w, b);
            double dv = Math.abs(fused.item() - unfused.item());
            double dg = 0;
            for (int i = 0; i < gFused.size(); i++) {
                dg = Math.max(dg, gFused.get(i).sub(gUnfused.get(i)).abs().max().item());
            }
            if (print) {
                System.out.println();
                System.out.println("== 3. Fused against unfused (Codegen.setEnabled(false): traced, replayed op by op)");
                System.out.printf(Locale.ROOT, "loss fused %.7f, unfused %.7f, difference %.2e%n", fused.item(),
                        unfused.item(), dv);
                System.out.printf(Locale.ROOT, "largest gradient difference (x, w, b): %.2e%n", dg);
                Timing t = compareTimes(loss, x, target, w, b, timingRuns, 7);
                System.out.printf(Locale.ROOT, "time per call with gradients, median of %d rounds of %d calls each"
                        + " (fused and unfused alternating, after %d warm-up calls of each):%n", t.fused().length,
                        timingRuns, timingRuns);
                System.out.printf(Locale.ROOT, "  fused   %.1f us (rounds %.1f-%.1f)%n", median(t.fused()),
                        t.fused()[0], t.fused()[t.fused().length - 1]);
                System.out.printf(Locale.ROOT, "  unfused %.1f us (rounds %.1f-%.1f)%n", median(t.unfused()),
                        t.unfused()[0], t.unfused()[t.unfused().length - 1]);
                System.out.printf(Locale.ROOT, "  fused / unfused = %.2f (./jgrad bench JitBench measures with JMH)%n",
                        median(t.fused()) / median(t.unfused()));
            }
            if (print) {
                Codegen.setEnabled(true);
                Path html = drawGroups(loss, x, target, out);
                System.out.println();
                System.out.println("== 4. The groups drawn on the graph of one eager run");
                System.out.println("wrote " + html + " (each fused group and Dense rewrite is a box)");
            }
            return new Result(loss, dv, dg, kernels);
        } finally {
            Codegen.setEnabled(wasEnabled);
        }
    }

    /** The graph of one eager run (module inspect), with the plan's groups as clusters. */
    static Path drawGroups(CompiledFunction f, Tensor x, Tensor y, Path out) {
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            CompiledFunction.Inspection run = f.inspect(x, y);
            Graph.Builder g = Graph.builder(tape).name(x, "x").name(y, "target").name(run.outputs()[0], "loss")
                    .output(run.outputs()[0]);
            run.groups().forEach(g::cluster);
            return g.build().writeHtml(out.resolve("graph.html"), "codegen-tour: the fused groups");
        }
    }

    private static List<Tensor> gradients(CompiledFunction f, Tensor x, Tensor y, Variable w, Variable b) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            return tape.gradient(f.call(x, y), x, w, b);
        }
    }

    /** Microseconds per call of each round, sorted, fused and unfused. */
    record Timing(double[] fused, double[] unfused) {}

    /**
     * Times {@code rounds} rounds of {@code calls} calls with gradients in each mode, after
     * {@code calls} warm-up calls of each. The modes alternate round by round (and which goes first
     * alternates too), so a slower stretch of a loaded machine, a GC or the JIT's later compiles
     * fall on both alike; the median of the rounds is what the tour compares. (Before this, all
     * fused calls ran before all unfused ones, and fused showed slower on a busy machine.)
     */
    static Timing compareTimes(CompiledFunction f, Tensor x, Tensor y, Variable w, Variable b, int calls, int rounds) {
        boolean was = Codegen.isEnabled();
        try {
            for (boolean fused : new boolean[] {true, false}) {
                Codegen.setEnabled(fused);
                for (int i = 0; i < calls; i++) {
                    gradients(f, x, y, w, b);
                }
            }
            double[] fusedUs = new double[rounds];
            double[] unfusedUs = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean fusedFirst = r % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean fused = fusedFirst == (k == 0);
                    Codegen.setEnabled(fused);
                    long start = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        gradients(f, x, y, w, b);
                    }
                    double us = (System.nanoTime() - start) / 1e3 / calls;
                    (fused ? fusedUs : unfusedUs)[r] = us;
                }
            }
            java.util.Arrays.sort(fusedUs);
            java.util.Arrays.sort(unfusedUs);
            return new Timing(fusedUs, unfusedUs);
        } finally {
            Codegen.setEnabled(was);
        }
    }

    /** The median of sorted {@code v}. */
    static double median(double[] v) {
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static void main(String[] args) {
        Args a = Args.parse("codegen-tour", args, "out=", "seed=", "quick");
        boolean quick = a.quick();
        run(a.seed(1), quick ? 16 : 256, quick ? 20 : 200, a.outDir(), true);
    }
}
