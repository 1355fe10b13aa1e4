package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;

/**
 * A/B of one Adam step on the MNIST MLP's variables (784x128, 128, 128x64, 64, 64x10, 10: 109,386
 * float32 parameters): the fused float32 update against the copying double-precision rule (forced
 * with a clip value no gradient reaches), in alternating rounds, timed in the calling thread's CPU
 * time so that other work on a shared machine does not enter the figure. Prints the median
 * microseconds per step of each mode and their ratio.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... jgrad.bench.OptimizerStepTimer [rounds] [steps per round]
 * </pre>
 */
public final class OptimizerStepTimer {
    private OptimizerStepTimer() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Rng rng = new Rng(1);
        int[][] shapes = {{784, 128}, {128}, {128, 64}, {64}, {64, 10}, {10}};
        List<Variable> fusedVars = new ArrayList<>();
        List<Variable> copiedVars = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        for (int[] s : shapes) {
            Tensor init = Tensor.randomNormal(rng, 0, 0.1, s);
            fusedVars.add(Variable.of(init));
            copiedVars.add(Variable.of(init));
            grads.add(Tensor.randomNormal(rng, 0, 0.01, s));
        }
        Optimizer fused = new Adam(1e-3);
        Optimizer copied = new Adam(1e-3).clipValue(Float.MAX_VALUE);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] f = new double[rounds];
        double[] c = new double[rounds];
        for (int r = -3; r < rounds; r++) { // three untimed rounds of each for the JIT
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                fused.apply(grads, fusedVars);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) {
                copied.apply(grads, copiedVars);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                f[r] = (t1 - t0) / 1e3 / steps;
                c[r] = (t2 - t1) / 1e3 / steps;
            }
        }
        Arrays.sort(f);
        Arrays.sort(c);
        System.out.printf(Locale.ROOT, "Adam step, 109,386 float32 parameters, thread CPU us per step (median of %d"
                + " rounds of %d): fused %.1f [%.1f-%.1f], copying %.1f [%.1f-%.1f], copying/fused %.2fx%n", rounds,
                steps, f[rounds / 2], f[0], f[rounds - 1], c[rounds / 2], c[0], c[rounds - 1],
                c[rounds / 2] / f[rounds / 2]);
    }
}
