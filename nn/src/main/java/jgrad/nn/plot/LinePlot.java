package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.nn.History;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plots saved as PNG: loss and metric curves per epoch (matplotlib's
 * {@code plt.plot(history.history['loss'])}), learning-rate schedules, functions.
 *
 * <pre>{@code
 * LinePlot.titled("Loss history").xLabel("epoch").yLabel("loss")
 *         .line("train loss", trainLoss).line("validation loss", valLoss)
 *         .save(Path.of("out/loss.png"));
 * }</pre>
 */
public final class LinePlot {
    private String title;
    private String xLabel = "";
    private String yLabel = "";
    private int width = 800;
    private int height = 500;
    private Double yMin;
    private Double yMax;
    private boolean logY;
    private boolean fromZero;
    private final List<Line> lines = new ArrayList<>();

    private record Line(String name, double[] x, double[] y, boolean dashed) {}

    private LinePlot(String title) {
        this.title = title == null ? "" : title;
    }

    /** A new plot with this title. */
    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /**
     * Curves per epoch, one line per named series (e.g. {@code loss} and {@code val_loss}), saved
     * to {@code png}; epochs are counted from 1 as Keras prints them.
     */
    public static Path curves(String title, String yLabel, Map<String, double[]> series, Path png) {
        LinePlot p = titled(title).xLabel("epoch").yLabel(yLabel);
        series.forEach(p::line);
        return p.save(png);
    }

    /**
     * A metric's curve per epoch from a training history, with its validation curve when the
     * history has one: {@code history(h, "loss")} plots {@code loss} and {@code val_loss}, as the
     * notes' {@code plt.plot(history.history['loss'])}. Epochs are counted from 1.
     */
    public static LinePlot history(History history, String metric) {
        if (!history.has(metric)) {
            throw new IllegalArgumentException("LinePlot.history: the history has no '" + metric + "'; it has "
                    + history.keys());
        }
        LinePlot p = titled(Character.toUpperCase(metric.charAt(0)) + metric.substring(1) + " per epoch")
                .xLabel("epoch").yLabel(metric);
        p.line("train " + metric, toArray(history.get(metric)));
        if (history.has("val_" + metric)) {
            p.line("validation " + metric, toArray(history.get("val_" + metric)));
        }
        return p;
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = values.get(i);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    /** Replaces the title, e.g. to name the model or run: {@code history(h, "loss").title("LeNet: loss")}. */
    public LinePlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** The title the plot will carry. */
    public String title() {
        return title;
    }

    public LinePlot xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public LinePlot yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** Image size in pixels (800 x 500 by default). */
    public LinePlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("LinePlot.size: at least 100 x 100 pixels, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Fixes the y axis to [min, max] (matplotlib's {@code plt.ylim}). */
    public LinePlot yRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("LinePlot.yRange: needs min < max, got " + min + ", " + max);
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /**
     * The y axis from 0 (or the lowest value, if below 0) to 5% above the highest value, so the
     * whole of every curve shows with 0 as its baseline (a fixed {@link #yRange} cut off curves
     * that started above it, as the notes' {@code plt.ylim(0, 20)} did with a first MAE of 22).
     */
    public LinePlot yFromZero() {
        this.fromZero = true;
        return this;
    }

    /** A logarithmic y axis (for losses spanning decades); every value must then be positive. */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** A series against 1, 2, ..., n (epochs). */
    public LinePlot line(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return line(name, x, y);
    }

    /** A series against its own x values. */
    public LinePlot line(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    /** A dashed series, e.g. a target or reference curve. */
    public LinePlot dashed(String name, double[] x, double[] y) {
        return add(name, x, y, true);
    }

    private LinePlot add(String name, double[] x, double[] y, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("LinePlot: series '" + name + "' has " + x.length + " x values and "
                    + y.length + " y values");
        }
        for (Line l : lines) {
            if (l.name.equals(name)) {
                throw new IllegalArgumentException("LinePlot: a series named '" + name + "' is already on this plot");
            }
        }
        lines.add(new Line(name, Charts.plottable("LinePlot", name + " (x)", x), Charts.plottable("LinePlot", name, y),
                dashed));
        return this;
    }

    /** Renders and writes the PNG atomically; returns the absolute path written. */
    public Path save(Path png) {
        return Charts.savePng(chart(), title, List.of(), png);
    }

    /**
     * The chart as {@link #save} renders it. A logarithmic y axis is drawn as the values' log10
     * on a linear axis labelled at whole decades ({@link Axes#decades}): XChart's own logarithmic
     * axis labels 10,000 as {@code 1E4} and takes no label function.
     */
    XYChart chart() {
        if (lines.isEmpty()) {
            throw new IllegalStateException("LinePlot.save: no series to plot");
        }
        if (logY && fromZero) {
            throw new IllegalStateException("LinePlot: yFromZero and logY together: a logarithmic axis has no 0");
        }
        XYChart chart = Charts.chart(width, height, title, xLabel, yLabel, List.of());
        chart.getStyler().setMarkerSize(0);
        double[][] xs = lines.stream().map(Line::x).toArray(double[][]::new);
        double[][] ys = lines.stream().map(Line::y).toArray(double[][]::new);
        Double lo = yMin;
        Double hi = yMax;
        if (fromZero) {
            double[] e = extent(ys);
            double min = Math.min(0, e[0]);
            double max = Math.max(0, e[1]);
            lo = min;
            hi = max > min ? max + 0.05 * (max - min) : min + 1;
        }
        if (logY) {
            ys = log10(ys);
            if (lo != null) {
                lo = Math.log10(lo);
                hi = Math.log10(hi);
            } else {
                double[] e = extent(ys);
                double[] range = Axes.decadeRange(e[0], e[1]);
                lo = range[0];
                hi = range[1];
            }
        }
        if (lo != null) {
            chart.getStyler().setYAxisMin(lo);
            chart.getStyler().setYAxisMax(hi);
        }
        boolean[] drawnAsLines = new boolean[lines.size()];
        java.util.Arrays.fill(drawnAsLines, true);
        Axes.decorate(chart, xs, ys, drawnAsLines, lo, hi);
        if (logY) {
            chart.setCustomYAxisTickLabelsFormatter(Axes.decades(lo, hi));
        }
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            XYSeries s = chart.addSeries(l.name, l.x, ys[k]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Charts.color(k == 0 ? 1 : k == 1 ? 0 : k));
            s.setLineStyle(l.dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        }
        return chart;
    }

    /** The lowest and highest value of all series, NaN gaps skipped (every series has a finite value). */
    private static double[] extent(double[][] ys) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] y : ys) {
            for (double v : y) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    /** The series' log10 for a logarithmic axis (NaN gaps stay gaps); a value <= 0 is an error naming its series. */
    private double[][] log10(double[][] ys) {
        double[][] out = new double[ys.length][];
        for (int s = 0; s < ys.length; s++) {
            out[s] = new double[ys[s].length];
            for (int i = 0; i < ys[s].length; i++) {
                double v = ys[s][i];
                if (v <= 0) {
                    throw new IllegalArgumentException("LinePlot: logY needs positive values; series '"
                            + lines.get(s).name + "' has " + v);
                }
                out[s][i] = Math.log10(v);
            }
        }
        if (yMin != null && !(yMin > 0)) {
            throw new IllegalArgumentException("LinePlot: logY needs a positive yRange, got " + yMin + ", " + yMax);
        }
        return out;
    }

    /** The series names, in the order added. */
    public List<String> seriesNames() {
        return lines.stream().map(Line::name).toList();
    }
}
