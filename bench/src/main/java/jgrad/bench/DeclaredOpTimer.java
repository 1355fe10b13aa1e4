package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.Tensor;

/**
 * {@link DeclaredOpBench}'s ten cases timed in thread CPU time, interleaved round by round, for a
 * machine too busy for wall-clock JMH: run it with every kernel on the calling thread
 * ({@code -Djgrad.kernels.threads=1 -Djgrad.kernels.parallelThreshold=2147483647}) so that the
 * calling thread's CPU time is all the work (garbage collection aside). Prints, per case, the median
 * and range over the rounds of the CPU milliseconds per call, and the median against the declared
 * op's.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 -Djgrad.kernels.parallelThreshold=2147483647 \
 *     -cp ... jgrad.bench.DeclaredOpTimer 7 5
 * </pre>
 * (rounds, calls per case per round).
 */
public final class DeclaredOpTimer {
    private DeclaredOpTimer() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        DeclaredOpBench b = new DeclaredOpBench();
        b.setUp();
        Map<String, Supplier<Tensor>> cases = new LinkedHashMap<>();
        cases.put("declared", b::declared);
        cases.put("recordLoop", b::recordLoop);
        cases.put("composite", b::composite);
        cases.put("declaredFused", b::declaredFused);
        cases.put("compositeFused", b::compositeFused);
        cases.put("gradDeclared", b::gradDeclared);
        cases.put("gradRecordLoop", b::gradRecordLoop);
        cases.put("gradComposite", b::gradComposite);
        cases.put("gradDeclaredFused", b::gradDeclaredFused);
        cases.put("gradCompositeFused", b::gradCompositeFused);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (int r = -2; r < rounds; r++) { // two untimed rounds warm every case up
            for (Map.Entry<String, Supplier<Tensor>> c : cases.entrySet()) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    c.getValue().get();
                }
                double perCall = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / calls;
                if (r >= 0) {
                    ms.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(perCall);
                }
            }
        }
        double declared = median(ms.get("declared"));
        double gradDeclared = median(ms.get("gradDeclared"));
        System.out.printf(Locale.ROOT, "%-20s %10s %20s %12s%n", "case", "median ms", "range", "vs declared");
        for (Map.Entry<String, List<Double>> e : ms.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double m = median(e.getValue());
            double base = e.getKey().startsWith("grad") ? gradDeclared : declared;
            System.out.printf(Locale.ROOT, "%-20s %10.2f %9.2f - %8.2f %11.2fx%n", e.getKey(), m, v[0], v[v.length - 1],
                    m / base);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
