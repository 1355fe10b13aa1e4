/** Runnable samples: one per worked example of the lecture notes, behind the ./jgrad launcher. */
module jgrad.samples {
    requires transitive jgrad.nn;
    requires jgrad.inspect;
    requires jgrad.codegen;
    // MlpBenchmark reads the heap pools' peak usage.
    requires java.management;
    // The CNN samples draw model graphs (ModelDiagram) with AWT and write them with ImageIO.
    requires java.desktop;

    exports jgrad.samples;
    exports jgrad.samples.cnn;
}
