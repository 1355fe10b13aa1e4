package jgrad.nn.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The decision regions of a 2-D classifier over a grid, with the data points on top, saved as
 * PNG: what the notes draw with {@code np.meshgrid}, {@code predict} and {@code plt.contourf}.
 * The model is any function from a batch of points {@code [m, 2]} (float32, or float64 when the
 * data is) to its predictions: class
 * indices ({@code [m]}), a probability column ({@code [m, 1]}, class 1 above the threshold) or
 * per-class scores ({@code [m, k]}, argmax).
 *
 * <pre>{@code
 * DecisionBoundaryPlot.of(model::predict).data(x, y).title("2-layer MLP").save(Path.of("out/boundary.png"));
 * }</pre>
 */
public final class DecisionBoundaryPlot {
    private final Function<Tensor, Tensor> model;
    private Tensor x;
    private Tensor labels;
    private int grid = 120;
    private double margin = 0.1;
    private double threshold = 0.5;
    private double[] bounds;
    private String title = "Decision boundary";
    private String xLabel = "x1";
    private String yLabel = "x2";
    private int width = 650;
    private int height = 600;

    private DecisionBoundaryPlot(Function<Tensor, Tensor> model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A plot of {@code model}'s decisions. */
    public static DecisionBoundaryPlot of(Function<Tensor, Tensor> model) {
        return new DecisionBoundaryPlot(model);
    }

    /** The points ({@code [n, 2]}) and their true classes, drawn over the regions; they also set the bounds. */
    public DecisionBoundaryPlot data(Tensor x, Tensor labels) {
        PlotData.xy(x, "DecisionBoundaryPlot.data");
        PlotData.classes(labels, x.dim(0), "DecisionBoundaryPlot.data");
        this.x = x;
        this.labels = labels;
        return this;
    }

    /** Grid points per axis (120 by default). */
    public DecisionBoundaryPlot grid(int pointsPerAxis) {
        if (pointsPerAxis < 2 || pointsPerAxis > 1000) {
            throw new IllegalArgumentException("DecisionBoundaryPlot.grid: between 2 and 1000 points per axis, got "
                    + pointsPerAxis);
        }
        this.grid = pointsPerAxis;
        return this;
    }

    /** Space around the data, as a fraction of each axis's range (0.1 by default). */
    public DecisionBoundaryPlot margin(double fraction) {
        if (!(fraction >= 0)) {
            throw new IllegalArgumentException("DecisionBoundaryPlot.margin: must be >= 0, got " + fraction);
        }
        this.margin = fraction;
        return this;
    }

    /** Fixed plot bounds instead of the data's range plus margin. */
    public DecisionBoundaryPlot bounds(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMin < xMax && yMin < yMax)) {
            throw new IllegalArgumentException("DecisionBoundaryPlot.bounds: need xMin < xMax and yMin < yMax");
        }
        this.bounds = new double[] {xMin, xMax, yMin, yMax};
        return this;
    }

    /** Probability above which a one-column output means class 1 (0.5 by default). */
    public DecisionBoundaryPlot threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    public DecisionBoundaryPlot title(String title) {
        this.title = title;
        return this;
    }

    public DecisionBoundaryPlot labels(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    public DecisionBoundaryPlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("DecisionBoundaryPlot.size: at least 100 x 100 pixels");
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * The class of each prediction row: int64/bool {@code [m]} or {@code [m, 1]} as they are, a
     * float column {@code [m, 1]} or {@code [m]} as {@code p > threshold}, float {@code [m, k]} by argmax.
     */
    public static int[] classesOf(Tensor predictions, int m, double threshold) {
        Shape s = predictions.shape();
        if (predictions.rank() == 0 || predictions.dim(0) != m || predictions.rank() > 2) {
            throw new IllegalArgumentException("DecisionBoundaryPlot: the model returned shape " + s + " for " + m
                    + " grid points; expected [" + m + "], [" + m + ", 1] or [" + m + ", classes]");
        }
        boolean integral = predictions.dtype() == DType.INT64 || predictions.dtype() == DType.BOOL;
        int[] out = new int[m];
        if (predictions.rank() == 2 && predictions.dim(1) > 1) {
            long[] k = predictions.argmax(1).toLongArray();
            for (int i = 0; i < m; i++) {
                out[i] = (int) k[i];
            }
            return out;
        }
        double[] v = predictions.toDoubleArray();
        for (int i = 0; i < m; i++) {
            if (Double.isNaN(v[i])) {
                throw new IllegalArgumentException("DecisionBoundaryPlot: the model predicted NaN at grid point " + i);
            }
            out[i] = integral ? (int) v[i] : (v[i] > threshold ? 1 : 0);
        }
        return out;
    }

    /** Evaluates the model on the grid and writes the PNG atomically; returns the absolute path written. */
    public Path save(Path png) {
        if (x == null) {
            throw new IllegalStateException("DecisionBoundaryPlot.save: call data(x, labels) first");
        }
        double[][] xy = PlotData.xy(x, "DecisionBoundaryPlot");
        int[] k = PlotData.classes(labels, x.dim(0), "DecisionBoundaryPlot");
        double[] b = bounds != null ? bounds : dataBounds(xy);
        double dx = (b[1] - b[0]) / (grid - 1);
        double dy = (b[3] - b[2]) / (grid - 1);
        double[] pts = new double[grid * grid * 2];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                int i = r * grid + c;
                pts[2 * i] = b[0] + c * dx;
                pts[2 * i + 1] = b[2] + r * dy;
            }
        }
        // The grid has the data's float dtype, so a float64 model gets float64 points.
        DType dtype = x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor points = Tensor.wrap(pts, Shape.of(grid * grid, 2)).cast(dtype);
        int[] region = classesOf(model.apply(points), grid * grid, threshold);

        XYChart chart = Charts.chart(width, height, title, xLabel, yLabel, List.of());
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setPlotGridLinesVisible(false);
        // The regions fill the whole plot (XChart leaves 8% of it empty around the data by default).
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(b[0] - dx / 2);
        chart.getStyler().setXAxisMax(b[1] + dx / 2);
        chart.getStyler().setYAxisMin(b[2] - dy / 2);
        chart.getStyler().setYAxisMax(b[3] + dy / 2);
        // Each row of the grid becomes rectangles, one per run of equal predictions, filled with
        // the class's colour: exact cell edges in data coordinates, so no gaps at any image size.
        int series = 0;
        for (int r = 0; r < grid; r++) {
            int c = 0;
            while (c < grid) {
                int cls = region[r * grid + c];
                int end = c;
                while (end + 1 < grid && region[r * grid + end + 1] == cls) {
                    end++;
                }
                double x0 = b[0] + (c - 0.5) * dx;
                double x1 = b[0] + (end + 0.5) * dx;
                double y0 = b[2] + (r - 0.5) * dy;
                // Rows overlap the next one by a quarter cell: anti-aliased edges of abutting polygons
                // left faint white seams between the rows.
                double y1 = b[2] + (r + (r + 1 < grid ? 0.75 : 0.5)) * dy;
                XYSeries s = chart.addSeries("region " + series++, new double[] {x0, x1, x1, x0, x0},
                        new double[] {y0, y0, y1, y1, y0});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                Color fill = regionColor(cls);
                s.setFillColor(fill);
                s.setLineColor(fill);
                s.setLineWidth(1.2f);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
                c = end + 1;
            }
        }
        int classes = Arrays.stream(k).max().orElse(0) + 1;
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double[][] p = PlotData.ofClass(xy, k, c);
            if (p[0].length == 0) {
                continue;
            }
            xs.add(p[0]);
            ys.add(p[1]);
            XYSeries s = chart.addSeries("class-" + c, p[0], p[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(Charts.MARKERS[c % Charts.MARKERS.length]);
            s.setMarkerColor(Charts.withAlpha(Charts.color(c), 0.75));
        }
        double[][] px = xs.toArray(double[][]::new);
        double[][] py = ys.toArray(double[][]::new);
        Axes.apply(chart, b[0] - dx / 2, b[1] + dx / 2, b[2] - dy / 2, b[3] + dy / 2, false);
        chart.getStyler().setLegendPosition(Axes.legendCorner(px, py, b[0], b[1], b[2], b[3], px.length,
                new boolean[px.length], false));
        return Charts.savePng(chart, title, List.of(), png);
    }

    private double[] dataBounds(double[][] xy) {
        double[] b = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xy[0].length; i++) {
            b[0] = Math.min(b[0], xy[0][i]);
            b[1] = Math.max(b[1], xy[0][i]);
            b[2] = Math.min(b[2], xy[1][i]);
            b[3] = Math.max(b[3], xy[1][i]);
        }
        double mx = Math.max(b[1] - b[0], 1e-6) * margin;
        double my = Math.max(b[3] - b[2], 1e-6) * margin;
        return new double[] {b[0] - mx, b[1] + mx, b[2] - my, b[3] + my};
    }

    /** A pale version of the class colour, so the points on top stay readable. */
    private static Color regionColor(int cls) {
        Color c = Charts.color(cls);
        return new Color(blend(c.getRed()), blend(c.getGreen()), blend(c.getBlue()));
    }

    private static int blend(int v) {
        return (int) Math.round(v * 0.25 + 255 * 0.75);
    }
}
