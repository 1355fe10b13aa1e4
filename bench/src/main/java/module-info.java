/**
 * jgrad's JMH benchmarks (tape overhead, elementwise kernels, reductions); not a library. Run with
 * {@code ./jgrad bench}, which puts it on the class path as JMH expects.
 */
module jgrad.bench {
    requires jgrad.ops;
    requires jgrad.codegen;
    requires jgrad.nn;
    requires java.management;
    // FmaPeakBench uses the Vector API directly.
    requires jdk.incubator.vector;
    requires jmh.core;

    exports jgrad.bench;
}
