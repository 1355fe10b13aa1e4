/** Runnable samples: one per worked example of the lecture notes, behind the ./jgrad launcher. */
module jgrad.samples {
    requires transitive jgrad.nn;

    exports jgrad.samples;
}
