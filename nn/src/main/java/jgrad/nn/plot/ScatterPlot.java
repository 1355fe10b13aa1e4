package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.core.Tensor;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
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
        double[][] xy = PlotData.xy(x, "ScatterPlot.classes");
        int[] k = PlotData.classes(labels, x.dim(0), "ScatterPlot.classes");
        int classes = Arrays.stream(k).max().orElse(0) + 1;
        for (int c = 0; c < classes; c++) {
            double[][] pts = PlotData.ofClass(xy, k, c);
            if (pts[0].length > 0) {
                points("class-" + c, pts[0], pts[1]);
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

    /** Renders and writes the PNG atomically; returns the absolute path written. */
    public Path save(Path png) {
        if (series.isEmpty()) {
            throw new IllegalStateException("ScatterPlot.save: nothing to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart);
        chart.getStyler().setMarkerSize(markerSize);
        int points = 0;
        int curves = 0;
        for (Series s : series) {
            XYSeries xs = chart.addSeries(s.name, s.x, s.y);
            if (s.curve) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xs.setMarker(SeriesMarkers.NONE);
                xs.setLineColor(curves == 0 ? java.awt.Color.BLACK : Charts.color(7 + curves));
                xs.setLineStyle(new BasicStroke(2.5f));
                curves++;
            } else {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(Charts.MARKERS[points % Charts.MARKERS.length]);
                xs.setMarkerColor(Charts.withAlpha(Charts.color(points), 0.6));
                points++;
            }
        }
        double[][] xs = series.stream().map(Series::x).toArray(double[][]::new);
        double[][] ys = series.stream().map(Series::y).toArray(double[][]::new);
        boolean[] lines = new boolean[series.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = series.get(i).curve;
        }
        Axes.decorate(chart, xs, ys, lines, null, null);
        return Charts.savePng(chart, png);
    }

    private static double[] column(Tensor t, String what) {
        if (!(t.rank() == 1 || (t.rank() == 2 && t.dim(1) == 1))) {
            throw new IllegalArgumentException("ScatterPlot: " + what + " must have shape [n] or [n, 1], got "
                    + t.shape());
        }
        return t.toDoubleArray();
    }
}
