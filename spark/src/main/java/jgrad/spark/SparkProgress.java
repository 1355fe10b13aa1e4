package jgrad.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's progress line, in {@code Model.fit}'s format: {@code Epoch 1/3}, then
 * {@code 469/469 - 41s - loss: 0.2951 - accuracy: 0.9152 - 87ms/step}. On a terminal with verbose 1
 * the line is redrawn after every step; in a log (or with verbose 2) only the epoch's final line
 * is printed, so Spark's own log lines do not interleave with hundreds of partial ones.
 */
final class SparkProgress {
    private final PrintStream out;
    private final int verbose;
    private final boolean live;
    private long epochStart;
    private int total;
    private long lastDraw;

    SparkProgress(PrintStream out, int verbose) {
        this.out = out;
        this.verbose = verbose;
        this.live = verbose == 1 && out == System.out && System.console() != null;
    }

    void epochBegin(int epoch, int epochs, int steps) {
        epochStart = System.nanoTime();
        total = steps;
        if (verbose > 0) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    void stepEnd(int done, Map<String, Double> logs) {
        long now = System.nanoTime();
        if (!live || now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        out.print("\r" + counter(done) + metrics(logs));
        out.flush();
    }

    void epochEnd(int done, Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        String line = counter(done) + " - " + String.format(Locale.ROOT, "%.0fs", seconds) + metrics(logs) + " - "
                + perStep(seconds / Math.max(1, done));
        out.println(live ? "\r" + line : line);
    }

    private String counter(int done) {
        int digits = Integer.toString(total).length();
        return String.format(Locale.ROOT, "%" + digits + "d/%d", done, total);
    }

    private static String metrics(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            sb.append(String.format(Locale.ROOT, " - %s: %.4f", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    private static String perStep(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.1fs/step", seconds);
        }
        return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
    }
}
