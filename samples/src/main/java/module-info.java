/** Runnable samples: one per worked example of the lecture notes, behind the ./jgrad launcher. */
module jgrad.samples {
    requires transitive jgrad.nn;
    requires jgrad.inspect;
    requires jgrad.codegen;
    // MlpBenchmark reads the heap pools' peak usage.
    requires java.management;

    exports jgrad.samples;
}
