package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.core.Tensor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter plots saved as PNG: labelled 2-D points one colour and marker per class (the notes'
 * training-data figures), point clouds, and fitted curves drawn over them (regression results).
 *
 * <pre>{@code
 * ScatterPlot.titled("Nonlinear regression").points("train", xTrain, yTrain)
 *         .curve("prediction", xGrid, yPred).save(Path.of("out/fit.png"));
 * }</pre>
 */
public final class ScatterPlot {
    private final String title;
    private String xLabel = "x1";
    private String yLabel = "x2";
    private int width = 700;
    private int height = 550;
    private int markerSize = 7;
    private boolean square;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, double[] x, double[] y, boolean curve) {}

    private ScatterPlot(String title) {
        this.title = title == null ? "" : title;
    }

    public static ScatterPlot titled(String title) {
        return new ScatterPlot(title);
    }

    public ScatterPlot xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public ScatterPlot yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    public ScatterPlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("ScatterPlot.size: at least 100 x 100 pixels, got " + width + " x "
                    + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Marker diameter in pixels (7 by default). */
    public ScatterPlot markerSize(int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("ScatterPlot.markerSize: must be >= 1, got " + pixels);
        }
        this.markerSize = pixels;
        return this;
    }

    /** A cloud of points. */
    public ScatterPlot points(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    /** A cloud of points from two {@code [n]} or {@code [n, 1]} tensors. */
    public ScatterPlot points(String name, Tensor x, Tensor y) {
        return points(name, column(x, "x"), column(y, "y"));
    }

    /**
     * The rows of {@code x} ({@code [n, 2]}) as points, one series per class of {@code labels}
     * (int64 or whole-number floats, {@code [n]} or {@code [n, 1]}), named "class-0", "class-1", ...
     */
    public ScatterPlot classes(Tensor x, Tensor labels) {
        return classes(x, labels, "class-");
    }

    /** As {@link #classes(Tensor, Tensor)}, each series named {@code prefix} + its class ("digit 0", "digit 1", ...). */
    public ScatterPlot classes(Tensor x, Tensor labels, String prefix) {
        double[][] xy = PlotData.xy(x, "ScatterPlot.classes");
        int[] k = PlotData.classes(labels, x.dim(0), "ScatterPlot.classes");
        int classes = Arrays.stream(k).max().orElse(0) + 1;
        for (int c = 0; c < classes; c++) {
            double[][] pts = PlotData.ofClass(xy, k, c);
            if (pts[0].length > 0) {
                points(prefix + c, pts[0], pts[1]);
            }
        }
        return this;
    }

    /** A line through the points in order of x (a fitted function). */
    public ScatterPlot curve(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("ScatterPlot: curve '" + name + "' has " + x.length + " x and "
                    + y.length + " y values");
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
        }
        return add(name, xs, ys, true);
    }

    /** A line from two {@code [n]} or {@code [n, 1]} tensors. */
    public ScatterPlot curve(String name, Tensor x, Tensor y) {
        return curve(name, column(x, "x"), column(y, "y"));
    }

    private ScatterPlot add(String name, double[] x, double[] y, boolean curve) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("ScatterPlot: series '" + name + "' has " + x.length + " x values and "
                    + y.length + " y values");
        }
        for (Series s : series) {
            if (s.name.equals(name)) {
                throw new IllegalArgumentException("ScatterPlot: a series named '" + name + "' is already on this plot");
            }
        }
        series.add(new Series(name, Charts.plottable("ScatterPlot", name + " (x)", x),
                Charts.plottable("ScatterPlot", name, y), curve));
        return this;
    }

    /**
     * Equal scales on both axes in a square data area, as matplotlib's {@code axis("equal")} on a
     * square figure: a ring of points stays a circle. The width of {@link #size} is kept; the
     * picture's height follows from it (the legend goes below the square, never beside it).
     */
    public ScatterPlot square() {
        this.square = true;
        return this;
    }

    /** Renders and writes the PNG atomically; returns the absolute path written. */
    public Path save(Path png) {
        return Charts.writePng(render(), png);
    }

    /**
     * The picture {@link #save} writes. The legend sits inside the plot in a corner no point or
     * curve uses, when its markers are readable at the plot's marker size; otherwise (points of
     * a few pixels, no free corner, or a {@link #square} plot) it goes below the plot with
     * markers of {@link Charts#LEGEND_MARKER} px, taking no width from the data area.
     */
    BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("ScatterPlot.save: nothing to plot");
        }
        double[][] xs = series.stream().map(Series::x).toArray(double[][]::new);
        double[][] ys = series.stream().map(Series::y).toArray(double[][]::new);
        boolean[] lines = new boolean[series.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = series.get(i).curve;
        }
        double[] e = extent(xs, ys);
        boolean below = square || markerSize < SMALL_MARKER || Axes.legendCorner(xs, ys, e[0], e[1], e[2], e[3],
                xs.length, lines, true) == Styler.LegendPosition.OutsideE;
        List<Charts.LegendEntry> legend = below ? legendEntries() : List.of();
        if (!square) {
            return Charts.render(chart(height, legend, xs, ys, lines, null), title, legend);
        }
        // Equal spans on both axes around the data's centre, then the chart's height adjusted
        // until the plot area is as tall as it is wide (the axes' labels take their own room).
        double span = Math.max(Math.max(e[1] - e[0], e[3] - e[2]), 1e-9);
        double cx = (e[0] + e[1]) / 2;
        double cy = (e[2] + e[3]) / 2;
        double[] range = {cx - span / 2, cx + span / 2, cy - span / 2, cy + span / 2};
        int h = width;
        XYChart chart = chart(h, legend, xs, ys, lines, range);
        for (int round = 0; round < 5; round++) {
            BitmapEncoder.getBufferedImage(chart);
            double pw = chart.getScreenXFromChart(range[1]) - chart.getScreenXFromChart(range[0]);
            double ph = chart.getScreenYFromChart(range[2]) - chart.getScreenYFromChart(range[3]);
            int grow = (int) Math.round(pw - ph);
            if (Math.abs(grow) <= 1) {
                break;
            }
            h += grow;
            chart = chart(h, legend, xs, ys, lines, range);
        }
        return Charts.render(chart, title, legend);
    }

    /** Below this marker size (px) the legend's markers would be unreadable in XChart's legend, which draws them as big as the points. */
    private static final int SMALL_MARKER = 6;

    private XYChart chart(int totalHeight, List<Charts.LegendEntry> legendBelow, double[][] xs, double[][] ys,
            boolean[] lines, double[] range) {
        XYChart chart = Charts.chart(width, totalHeight, title, xLabel, yLabel, legendBelow);
        chart.getStyler().setMarkerSize(markerSize);
        chart.getStyler().setLegendVisible(legendBelow.isEmpty());
        if (range != null) {
            chart.getStyler().setXAxisMin(range[0]);
            chart.getStyler().setXAxisMax(range[1]);
            chart.getStyler().setYAxisMin(range[2]);
            chart.getStyler().setYAxisMax(range[3]);
        }
        int points = 0;
        int curves = 0;
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name, s.x, s.y);
            if (s.curve) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xy.setMarker(SeriesMarkers.NONE);
                xy.setLineColor(curveColor(curves++));
                xy.setLineStyle(CURVE);
            } else {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(Charts.MARKERS[points % Charts.MARKERS.length]);
                xy.setMarkerColor(Charts.withAlpha(Charts.color(points), 0.6));
                points++;
            }
        }
        Axes.decorate(chart, xs, ys, lines, range == null ? null : range[2], range == null ? null : range[3]);
        return chart;
    }

    private static final BasicStroke CURVE = new BasicStroke(2.5f);

    private static Color curveColor(int k) {
        return k == 0 ? Color.BLACK : Charts.color(7 + k);
    }

    /** The legend below the plot: each series' marker (opaque, legend-sized) or line, in the order added. */
    private List<Charts.LegendEntry> legendEntries() {
        List<Charts.LegendEntry> out = new ArrayList<>();
        int points = 0;
        int curves = 0;
        for (Series s : series) {
            if (s.curve) {
                out.add(new Charts.LegendEntry(s.name, curveColor(curves++), null, CURVE));
            } else {
                out.add(new Charts.LegendEntry(s.name, Charts.color(points), Charts.MARKERS[points % Charts.MARKERS.length],
                        null));
                points++;
            }
        }
        return out;
    }

    /** {xMin, xMax, yMin, yMax} over every series' finite points. */
    private static double[] extent(double[][] xs, double[][] ys) {
        double[] e = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int s = 0; s < xs.length; s++) {
            for (int i = 0; i < xs[s].length; i++) {
                if (!Double.isNaN(xs[s][i]) && !Double.isNaN(ys[s][i])) {
                    e[0] = Math.min(e[0], xs[s][i]);
                    e[1] = Math.max(e[1], xs[s][i]);
                    e[2] = Math.min(e[2], ys[s][i]);
                    e[3] = Math.max(e[3], ys[s][i]);
                }
            }
        }
        return e;
    }

    private static double[] column(Tensor t, String what) {
        if (!(t.rank() == 1 || (t.rank() == 2 && t.dim(1) == 1))) {
            throw new IllegalArgumentException("ScatterPlot: " + what + " must have shape [n] or [n, 1], got "
                    + t.shape());
        }
        return t.toDoubleArray();
    }
}
