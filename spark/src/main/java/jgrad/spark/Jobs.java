package jgrad.spark;

import java.util.function.Supplier;
import org.apache.spark.SparkException;

/**
 * Runs a Spark job and turns an executor's failure back into the exception it was: Spark wraps
 * it as "Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent
 * failure: ... java.lang.IllegalArgumentException: SparkData: row 7 ..." and the user should read
 * that last part first, with the wrapper kept as the cause.
 */
final class Jobs {
    private Jobs() {}

    static <T> T run(String what, Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) {
            // Scala's checked SparkException reaches Java undeclared.
            if (!(e instanceof SparkException)) {
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(what + " failed: " + e, e);
            }
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(what + ": " + c.getMessage(), e);
                }
                if (c instanceof IllegalStateException) {
                    throw new IllegalStateException(what + ": " + c.getMessage(), e);
                }
            }
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            // Spark puts the executor's exception text into its message when the cause is not kept.
            for (String kind : new String[] {"java.lang.IllegalArgumentException: ", "java.lang.IllegalStateException: "}) {
                int at = m.indexOf(kind);
                if (at >= 0) {
                    String inner = m.substring(at + kind.length()).lines().findFirst().orElse("");
                    if (kind.contains("Argument")) {
                        throw new IllegalArgumentException(what + ": " + inner, e);
                    }
                    throw new IllegalStateException(what + ": " + inner, e);
                }
            }
            throw new IllegalStateException(what + " failed: " + m.lines().findFirst().orElse(m), e);
        }
    }
}
