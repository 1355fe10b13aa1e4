package jgrad.nn.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Tick labels and legend placement shared by the XChart plots. XChart's own labels come from a
 * {@link java.text.DecimalFormat} that prints {@code .05} without its zero, years as
 * {@code 1,937}, and, when a tick lands on a sum of float steps, up to 15 digits; its legend sits
 * in the top-right corner even when a curve runs through it. Here every label is the tick value
 * rounded to the decimals that the finest sensible step of the axis needs (the nice-number rule,
 * steps of 1, 2, 2.5 or 5 times a power of ten), with its leading zero, digit grouping only from
 * 10,000 up, and an axis of whole numbers (epochs, steps) labels whole numbers only.
 */
final class Axes {
    private Axes() {}

    /** The largest number of ticks an axis could show: the finest step any label needs is span / this. */
    private static final int MAX_TICKS = 20;

    /**
     * The nice step for about {@code ticks} intervals over {@code span}: 1, 2, 2.5 or 5 times a
     * power of ten, the smallest of them at least {@code span / ticks} (Heckbert's nice numbers,
     * with 2.5 as matplotlib's MaxNLocator allows).
     */
    static double niceStep(double span, int ticks) {
        if (!(span > 0) || !Double.isFinite(span) || ticks < 1) {
            throw new IllegalArgumentException("Axes.niceStep: needs a positive finite span and ticks >= 1, got "
                    + span + " and " + ticks);
        }
        double raw = span / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5 : f <= 5 + 1e-9 ? 5 : 10;
        return nice * magnitude;
    }

    /** The decimals a multiple of {@code step} needs: 0 for 5, 1 for 0.5, 2 for 0.25 and 0.05. */
    static int decimals(double step) {
        for (int d = 0; d <= 12; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) {
                return d;
            }
        }
        return 12;
    }

    /**
     * {@code v} as a tick label on an axis whose ticks are at least {@code finestStep} apart: at
     * most the decimals that step needs, fewer when {@code v} has fewer (0.5, 1, 1.5), a leading
     * zero (0.05), no "-0", grouping only from 10,000 (years print as 1937), and powers of ten for
     * very large or very small numbers (2.5e-05, 1.2e+07).
     */
    static String label(double v, double finestStep) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int max = decimals(finestStep);
        double a = Math.abs(v);
        if (a >= 1e7 || (finestStep < 1e-4 && a >= 1e-12)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            // 2.50e-05 -> 2.5e-05, 1.00e+07 -> 1e+07
            return s.replaceAll("\\.?0+e", "e");
        }
        BigDecimal b = BigDecimal.valueOf(v).setScale(max, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.signum() == 0) {
            return "0";
        }
        if (b.scale() < 0) {
            b = b.setScale(0, RoundingMode.UNNECESSARY);
        }
        String plain = b.toPlainString();
        if (b.scale() == 0 && a >= 10_000) {
            return String.format(Locale.ROOT, "%,d", b.longValueExact());
        }
        return plain;
    }

    /** The label function of an axis over [min, max]; with {@code whole}, ticks between whole numbers get no label. */
    static Function<Double, String> formatter(double min, double max, boolean whole) {
        double span = max - min;
        double finest = span > 0 && Double.isFinite(span) ? niceStep(span, MAX_TICKS)
                : niceStep(Math.max(Math.abs(min), 1), MAX_TICKS);
        if (whole) {
            finest = Math.max(1, finest);
        }
        double step = finest;
        return v -> whole && Math.abs(v - Math.rint(v)) > 1e-9 ? " " : label(v, step);
    }

    /**
     * The {@link java.text.DecimalFormat} pattern for an axis over [min, max]: a leading zero, no
     * digit grouping (years print as 1937), at most the decimals the finest sensible step needs
     * (no float noise), and powers of ten for very large or very fine axes.
     */
    static String pattern(double min, double max) {
        double span = max - min;
        if (!(span > 0) || !Double.isFinite(span)) {
            span = Math.max(Math.abs(min), 1);
        }
        double finest = niceStep(span, MAX_TICKS);
        if (Math.max(Math.abs(min), Math.abs(max)) >= 1e7 || finest < 1e-4) {
            return "0.##E0";
        }
        int d = decimals(finest);
        return d == 0 ? "0" : "0." + "#".repeat(d);
    }

    /**
     * Our labels on both axes of {@code chart}, for data spanning [xMin, xMax] x [yMin, yMax]
     * (the axis range XChart draws, before any fixed range); {@code wholeX}: x holds epochs or
     * steps. A short whole-number axis (up to 20 epochs) gets {@link #formatter}, so that
     * XChart puts its ticks on the data's x values (1, 2, 3, not 1, 1.2, 1.4 shown as 1 1 1 2);
     * other axes a {@link #pattern} on XChart's own ticks at round numbers. A logarithmic y axis
     * is drawn by its caller as log10 values on this linear axis and labelled by {@link #decades}.
     */
    static void apply(XYChart chart, double xMin, double xMax, double yMin, double yMax, boolean wholeX) {
        if (wholeX && xMax - xMin <= 20) {
            chart.setCustomXAxisTickLabelsFormatter(formatter(xMin, xMax, true));
        } else {
            chart.getStyler().setXAxisDecimalPattern(pattern(xMin, xMax));
        }
        chart.getStyler().setYAxisDecimalPattern(pattern(yMin, yMax));
    }

    /**
     * Labels both axes of {@code chart} for the series {@code xs[s], ys[s]} (NaN points skipped;
     * x labelled as whole numbers when every x is one, as epochs are) and puts the legend where
     * {@link #legendCorner} finds room; {@code yMin}/{@code yMax}: a fixed y range, or null.
     */
    static void decorate(XYChart chart, double[][] xs, double[][] ys, boolean[] lines, Double yMin, Double yMax) {
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (int s = 0; s < xs.length; s++) {
            for (int i = 0; i < xs[s].length; i++) {
                double x = xs[s][i];
                double y = ys[s][i];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    continue;
                }
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
                yLo = Math.min(yLo, y);
                yHi = Math.max(yHi, y);
                whole &= x == Math.rint(x);
            }
        }
        if (yMin != null && yMax != null) {
            yLo = yMin;
            yHi = yMax;
        }
        roundTicks(chart, xs, ys);
        apply(chart, xLo, xHi, yLo, yHi, whole);
        if (xs.length > 0 && chart.getStyler().isLegendVisible()) {
            chart.getStyler().setLegendPosition(legendCorner(xs, ys, xLo, xHi, yLo, yHi, xs.length, lines, true));
        }
    }

    /**
     * The range of a logarithmic axis in decades (log10 units) for data whose log10 spans
     * [lo, hi]: out to whole decades, and at least two of them, so that at least three decade
     * ticks are labelled (a one-decade axis would carry two labels and a blank tick between).
     */
    static double[] decadeRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("Axes.decadeRange: needs finite lo <= hi, got " + lo + ", " + hi);
        }
        double min = Math.floor(lo + 1e-9);
        double max = Math.ceil(hi - 1e-9);
        if (max - min < 2) {
            // Grow on the side where the data lie nearer the axis' end, keeping them off the frame.
            if (lo - min < max - hi) {
                min = max - 2;
            } else {
                max = min + 2;
            }
        }
        // + 0.0: no -0 decade (floor of -0.3 is -1, ceil of -0.3 is -0).
        return new double[] {min + 0.0, max + 0.0};
    }

    /**
     * The label function of a logarithmic axis drawn as log10 values on a linear axis over
     * [min, max] decades: whole decades get labels, every other tick a blank, so that XChart,
     * which widens its tick step until all labels differ, puts its ticks on whole decades (or
     * every 2, 5, 10 decades when they do not fit). Decades from 0.0001 to 1,000,000 print as
     * numbers, as a linear axis would print them (0.001, 1, 100, 10,000); an axis reaching beyond
     * them prints every decade as a power of ten in the linear axes' style (1e-08, 1e+00, 1e+02),
     * never XChart's {@code 1E4}.
     */
    static Function<Double, String> decades(double min, double max) {
        boolean plain = Math.ceil(min - 1e-9) >= -4 && Math.floor(max + 1e-9) <= 6;
        return v -> {
            double k = Math.rint(v);
            if (Math.abs(v - k) > 1e-6) {
                return " ";
            }
            return plain ? label(Math.pow(10, k), Math.pow(10, k)) : String.format(Locale.ROOT, "1e%+03d", (int) k);
        };
    }

    /**
     * XChart puts the x ticks on the data's own x values when they are equally spaced (every third
     * of 100 steps: 0, 3, 6, ..., 99; every sixth of 10,000: 0, 600, 1200). With more than 20 of
     * them an invisible point a third of the way between the first two breaks that spacing, and
     * XChart's ticks fall on round numbers (0, 20, 40, ...) instead.
     */
    private static void roundTicks(XYChart chart, double[][] xs, double[][] ys) {
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (double[] x : xs) {
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    distinct.add(v);
                }
            }
        }
        if (distinct.size() <= 20) {
            return;
        }
        for (int s = 0; s < xs.length; s++) {
            double[] x = xs[s];
            if (x.length >= 2 && Double.isFinite(x[0]) && Double.isFinite(x[1]) && x[1] != x[0]
                    && Double.isFinite(ys[s][0])) {
                org.knowm.xchart.XYSeries breaker = chart.addSeries(" round ticks", new double[] {x[0] + (x[1] - x[0])
                        / 3}, new double[] {ys[s][0]});
                breaker.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
                breaker.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                breaker.setShowInLegend(false);
                return;
            }
        }
    }

    /**
     * The corner for the legend that covers the fewest data points: each corner's box (a third of
     * the width, {@code rows} legend rows high) is counted over every series' points; with points
     * in every corner the legend goes outside, to the right of the plot. {@code lines[s]}: series
     * s is drawn as a line, so the segments between its points count too. Without {@code outside}
     * (a plot whose background is data, as a decision boundary's regions) the emptiest corner.
     */
    static Styler.LegendPosition legendCorner(double[][] xs, double[][] ys, double xMin, double xMax, double yMin,
            double yMax, int rows, boolean[] lines, boolean outside) {
        double w = (xMax - xMin) / 3;
        double h = (yMax - yMin) * Math.min(0.6, 0.07 * rows + 0.04);
        Styler.LegendPosition[] corners = {Styler.LegendPosition.InsideNE, Styler.LegendPosition.InsideNW,
            Styler.LegendPosition.InsideSE, Styler.LegendPosition.InsideSW};
        int best = -1;
        long bestCount = Long.MAX_VALUE;
        for (int c = 0; c < corners.length; c++) {
            boolean east = c % 2 == 0;
            boolean north = c < 2;
            double x0 = east ? xMax - w : xMin;
            double y0 = north ? yMax - h : yMin;
            long count = 0;
            for (int s = 0; s < xs.length; s++) {
                int n = xs[s].length;
                // A curve crosses a corner between its points too: lines are sampled along each segment.
                int sub = lines[s] && n > 1 ? 16 : 1;
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < sub && (k == 0 || i + 1 < n); k++) {
                        double t = (double) k / sub;
                        double x = k == 0 ? xs[s][i] : xs[s][i] + t * (xs[s][i + 1] - xs[s][i]);
                        double y = k == 0 ? ys[s][i] : ys[s][i] + t * (ys[s][i + 1] - ys[s][i]);
                        if (x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h) {
                            count++;
                        }
                    }
                }
            }
            if (count < bestCount) {
                bestCount = count;
                best = c;
            }
        }
        return bestCount == 0 || !outside ? corners[best] : Styler.LegendPosition.OutsideE;
    }
}
