package jgrad.nn;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress line: {@code Epoch 3/10}, then
 * {@code 32/32 [==============================] - 0s 5ms/step - loss: 0.1234 - accuracy: 0.9700}.
 * Verbose 1 redraws the bar in place on a terminal (and prints only the final line when the
 * output is a file or pipe); verbose 2 prints one line per epoch.
 */
final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 50_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean interactive;
    private int target;
    private long start;
    private long lastDraw;
    private int lastLength;

    Progress(PrintStream out, int verbose) {
        this.out = out;
        this.verbose = verbose;
        java.io.Console console = System.console();
        this.interactive = out == System.out && console != null && console.isTerminal();
    }

    void epochBegin(int epoch, int epochs, int batches) {
        if (verbose == 0) {
            return;
        }
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        target = batches;
        start = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
    }

    void batchEnd(int done, Map<String, Double> logs) {
        if (verbose != 1 || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        StringBuilder sb = new StringBuilder("\r").append(bar(done));
        if (target > 0 && done < target) {
            double eta = elapsed / done * (target - done);
            sb.append(" - ETA: ").append(formatEta(eta));
        } else {
            sb.append(" - ").append(String.format(Locale.ROOT, "%.0fs", elapsed));
        }
        sb.append(metrics(logs));
        String s = sb.toString();
        int pad = Math.max(0, lastLength - s.length());
        out.print(s + " ".repeat(pad));
        lastLength = s.length();
        out.flush();
    }

    void epochEnd(int done, Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double perStep = done == 0 ? 0 : elapsed / done;
        String line;
        if (verbose == 1) {
            line = bar(done) + " - " + String.format(Locale.ROOT, "%.0fs", elapsed) + " " + perStep(perStep)
                    + metrics(logs);
        } else {
            line = done + "/" + (target > 0 ? Integer.toString(target) : Integer.toString(done)) + " - "
                    + String.format(Locale.ROOT, "%.0fs", elapsed) + metrics(logs) + " - " + timeUnit(elapsed) + "/epoch - "
                    + perStep(perStep);
        }
        if (interactive && verbose == 1) {
            int pad = Math.max(0, lastLength - line.length() - 1);
            out.println("\r" + line + " ".repeat(pad));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar(int done) {
        if (target <= 0) {
            return done + "/Unknown";
        }
        int digits = (int) Math.floor(Math.log10(target)) + 1;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d [", done, target));
        int width = (int) ((long) WIDTH * done / target);
        if (width > 0) {
            sb.append("=".repeat(width - 1)).append(done < target ? '>' : '=');
        }
        sb.append(".".repeat(WIDTH - width)).append(']');
        return sb.toString();
    }

    /** Keras's per-step time: whole seconds, milliseconds or microseconds. */
    static String perStep(double seconds) {
        if (seconds >= 1 || seconds == 0) {
            return String.format(Locale.ROOT, "%.0fs/step", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus/step", seconds * 1e6);
    }

    private static String timeUnit(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.0fs", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus", seconds * 1e6);
    }

    private static String formatEta(double eta) {
        long s = Math.round(eta);
        if (s > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s > 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** {@code  - loss: 0.1234 - accuracy: 0.9700}; tiny values in scientific notation, as Keras. */
    static String metrics(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            double v = e.getValue();
            sb.append(" - ").append(e.getKey()).append(": ");
            sb.append(Math.abs(v) > 1e-3 ? String.format(Locale.ROOT, "%.4f", v)
                    : String.format(Locale.ROOT, "%.4e", v));
        }
        return sb.toString();
    }
}
