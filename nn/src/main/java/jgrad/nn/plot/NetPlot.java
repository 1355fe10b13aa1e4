package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A self-organising map's units drawn in a 2-D view of the data space, joined to their grid
 * neighbours, over the data points coloured by class: the classic picture of a map unfolding
 * during training (one frame per stage).
 *
 * <pre>{@code
 * NetPlot.titled("epoch 5").points(xy, labels).net(nodes, false).save(Path.of("out/frame-05.png"));
 * }</pre>
 *
 * {@code nodes[row][col]} holds a unit's two coordinates; neighbours are the units to the right
 * and below on a rectangular grid, and on a hexagonal one (odd rows shifted right) also the
 * diagonal below that touches.
 */
public final class NetPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private int width = 600;
    private int height = 550;
    private double[][] points;
    private int[] labels;
    private double[][][] nodes;
    private boolean hexagonal;
    private double[] bounds;
    private double[][] markers;
    private List<String> classNames;
    private String unitsName = "units";

    private NetPlot(String title) {
        this.title = title == null ? "" : title;
    }

    public static NetPlot titled(String title) {
        return new NetPlot(title);
    }

    public NetPlot xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    public NetPlot yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    public NetPlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("NetPlot.size: at least 100 x 100 pixels, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** The data points, {@code xy[i] = {x, y}}, coloured by {@code labels} (null: one colour). */
    public NetPlot points(double[][] xy, int[] labels) {
        if (labels != null && labels.length != xy.length) {
            throw new IllegalArgumentException("NetPlot.points: " + xy.length + " points but " + labels.length
                    + " labels");
        }
        for (double[] p : xy) {
            if (p.length != 2) {
                throw new IllegalArgumentException("NetPlot.points: each point needs 2 coordinates, got " + p.length);
            }
        }
        this.points = xy;
        this.labels = labels;
        return this;
    }

    /** The units' coordinates, {@code nodes[row][col] = {x, y}}. */
    public NetPlot net(double[][][] nodes, boolean hexagonal) {
        if (nodes.length == 0 || nodes[0].length == 0) {
            throw new IllegalArgumentException("NetPlot.net: the grid is empty");
        }
        this.nodes = nodes;
        this.hexagonal = hexagonal;
        return this;
    }

    /** Units drawn as black squares with no lines between them (a competitive layer's weights). */
    public NetPlot units(double[][] xy) {
        for (double[] p : xy) {
            if (p.length != 2) {
                throw new IllegalArgumentException("NetPlot.units: each unit needs 2 coordinates, got " + p.length);
            }
        }
        this.markers = xy;
        return this;
    }

    /**
     * Names of the point classes for the legend below the plot (class k is {@code names.get(k)});
     * without them, classes are named "class 0", "class 1", ...
     */
    public NetPlot classNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    /** The legend's name for the units drawn by {@link #units} ("units" by default). */
    public NetPlot unitsName(String name) {
        this.unitsName = name == null ? "units" : name;
        return this;
    }

    /** The legend: one entry per class that has points, then the units' square. */
    List<Charts.LegendEntry> legend() {
        List<Charts.LegendEntry> out = new ArrayList<>();
        if (points != null && labels != null) {
            java.util.SortedSet<Integer> present = new java.util.TreeSet<>();
            for (int k : labels) {
                present.add(k);
            }
            for (int k : present) {
                String name = classNames != null && k >= 0 && k < classNames.size() ? classNames.get(k) : "class " + k;
                out.add(new Charts.LegendEntry(name, Charts.color(k), SeriesMarkers.CIRCLE, null));
            }
        }
        if (markers != null) {
            out.add(new Charts.LegendEntry(unitsName, Color.BLACK, SeriesMarkers.SQUARE, null));
        }
        return out;
    }

    /** Fixed axis limits {xmin, xmax, ymin, ymax}, so every frame of an animation has the same view. */
    public NetPlot bounds(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMin < xMax && yMin < yMax)) {
            throw new IllegalArgumentException("NetPlot.bounds: need xMin < xMax and yMin < yMax");
        }
        this.bounds = new double[] {xMin, xMax, yMin, yMax};
        return this;
    }

    private double[] dataBounds() {
        if (bounds != null) {
            return bounds;
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        if (points != null) {
            for (double[] p : points) {
                grow(b, p);
            }
        }
        if (markers != null) {
            for (double[] p : markers) {
                grow(b, p);
            }
        }
        if (nodes != null) {
            for (double[][] row : nodes) {
                for (double[] p : row) {
                    grow(b, p);
                }
            }
        }
        if (!(b[0] <= b[1])) {
            return new double[] {0, 1, 0, 1};
        }
        double mx = Math.max(1e-9, (b[1] - b[0]) * 0.05);
        double my = Math.max(1e-9, (b[3] - b[2]) * 0.05);
        return new double[] {b[0] - mx, b[1] + mx, b[2] - my, b[3] + my};
    }

    private static void grow(double[] b, double[] p) {
        if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.max(b[1], p[0]);
            b[2] = Math.min(b[2], p[1]);
            b[3] = Math.max(b[3], p[1]);
        }
    }

    /** Draws the points, then the net on top. */
    public BufferedImage render() {
        if (points == null && nodes == null && markers == null) {
            throw new IllegalStateException("NetPlot: nothing to draw; give points or a net");
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            List<String> titleLines = Charts.titleLines(title, width);
            List<Charts.LegendEntry> legend = legend();
            int legendH = Charts.legendHeight(legend, width);
            int left = 50;
            int right = 15;
            int top = Charts.titleHeight(titleLines) + (titleLines.isEmpty() ? 15 : 4);
            int bottom = 40 + legendH;
            int pw = width - left - right;
            int ph = height - top - bottom;
            if (pw < 20 || ph < 20) {
                throw new IllegalStateException("NetPlot: " + width + " x " + height + " px leave no room for the plot"
                        + " under its title and legend; use a larger size");
            }
            double[] b = dataBounds();
            Charts.drawTitle(g, titleLines, 0, width, 0);
            Charts.drawLegend(g, legend, 0, width, height - legendH);
            g.setFont(Charts.LABEL_FONT);
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left, top, pw, ph);
            g.drawString(String.format(Locale.ROOT, "%.2f", b[0]), left, top + ph + 14);
            String xr = String.format(Locale.ROOT, "%.2f", b[1]);
            g.drawString(xr, left + pw - fm.stringWidth(xr), top + ph + 14);
            g.drawString(String.format(Locale.ROOT, "%.2f", b[2]), 4, top + ph);
            g.drawString(String.format(Locale.ROOT, "%.2f", b[3]), 4, top + 10);
            g.setColor(Color.BLACK);
            if (!xLabel.isEmpty()) {
                g.drawString(xLabel, left + (pw - fm.stringWidth(xLabel)) / 2, top + ph + 30);
            }
            if (!yLabel.isEmpty()) {
                java.awt.geom.AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                g.drawString(yLabel, -(top + (ph + fm.stringWidth(yLabel)) / 2), 14);
                g.setTransform(saved);
            }
            g.clipRect(left + 1, top + 1, pw - 1, ph - 1);
            if (points != null) {
                for (int i = 0; i < points.length; i++) {
                    double[] p = points[i];
                    if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                        continue;
                    }
                    g.setColor(Charts.withAlpha(Charts.color(labels == null ? 1 : labels[i]), 0.45));
                    double px = left + (p[0] - b[0]) / (b[1] - b[0]) * pw;
                    double py = top + ph - (p[1] - b[2]) / (b[3] - b[2]) * ph;
                    g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
                }
            }
            if (nodes != null) {
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.2f));
                int rows = nodes.length;
                for (int r = 0; r < rows; r++) {
                    int cols = nodes[r].length;
                    for (int c = 0; c < cols; c++) {
                        double[] a = nodes[r][c];
                        if (c + 1 < cols) {
                            line(g, a, nodes[r][c + 1], b, left, top, pw, ph);
                        }
                        if (r + 1 < rows) {
                            line(g, a, nodes[r + 1][c], b, left, top, pw, ph);
                            // Hexagonal: an even row also touches the lower-left unit, an odd row the lower-right.
                            int diag = r % 2 == 0 ? c - 1 : c + 1;
                            if (hexagonal && diag >= 0 && diag < nodes[r + 1].length) {
                                line(g, a, nodes[r + 1][diag], b, left, top, pw, ph);
                            }
                        }
                    }
                }
                for (double[][] row : nodes) {
                    for (double[] p : row) {
                        double px = left + (p[0] - b[0]) / (b[1] - b[0]) * pw;
                        double py = top + ph - (p[1] - b[2]) / (b[3] - b[2]) * ph;
                        g.fill(new Ellipse2D.Double(px - 2, py - 2, 4, 4));
                    }
                }
            }
            if (markers != null) {
                g.setColor(Color.BLACK);
                for (double[] p : markers) {
                    double px = left + (p[0] - b[0]) / (b[1] - b[0]) * pw;
                    double py = top + ph - (p[1] - b[2]) / (b[3] - b[2]) * ph;
                    g.fill(new java.awt.geom.Rectangle2D.Double(px - 5, py - 5, 10, 10));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void line(Graphics2D g, double[] a, double[] c, double[] b, int left, int top, int pw, int ph) {
        g.draw(new Line2D.Double(left + (a[0] - b[0]) / (b[1] - b[0]) * pw, top + ph - (a[1] - b[2]) / (b[3] - b[2]) * ph,
                left + (c[0] - b[0]) / (b[1] - b[0]) * pw, top + ph - (c[1] - b[2]) / (b[3] - b[2]) * ph));
    }

    /** Renders and writes the PNG atomically; returns its absolute path. */
    public Path save(Path png) {
        return Charts.writePng(render(), png);
    }
}
