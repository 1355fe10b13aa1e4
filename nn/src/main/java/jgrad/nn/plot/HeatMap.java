package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;

/**
 * A matrix of values drawn as coloured cells (matplotlib's {@code imshow} / {@code pcolor} with
 * a colour bar), on a rectangular or a hexagonal grid: a self-organising map's U-matrix, its
 * component planes, its hit map coloured by label, a highway network's gate activity per layer.
 *
 * <pre>{@code
 * HeatMap.of(som.uMatrix()).title("U-matrix").hexagonal().save(Path.of("out/umatrix.png"));
 * HeatMap.classes(majority, share).classNames(List.of("setosa", "versicolor", "virginica"))
 *        .save(Path.of("out/hits.png"));
 * HeatMap.panels("component planes", List.of(plane0, plane1), 2, Path.of("out/planes.png"));
 * }</pre>
 *
 * Continuous values use matplotlib's viridis colours (low dark blue, high yellow) over their
 * range or a fixed {@link #range}; NaN cells are drawn light grey (a unit no sample hit). In the
 * categorical form each cell has a class colour (matplotlib's tab10) faded towards white by a
 * strength in [0, 1]; class -1 is an empty cell. On a hexagonal grid odd rows are shifted half a
 * cell to the right, as a hexagonal self-organising map lays out its units.
 */
public final class HeatMap {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int MAX_SIDE = 16_384;
    private static final Color EMPTY = new Color(0xe8e8e8);
    /** viridis at 0, 1/8, ..., 1 (matplotlib's table, sampled); colours between are interpolated. */
    private static final int[] VIRIDIS = {
        0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187, 0x4ac16d, 0xa0da39, 0xd0e11c, 0xfde725
    };

    private final double[][] values;
    private final int[][] classes;
    private final int rows;
    private final int cols;
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private boolean hexagonal;
    private int cellSize;
    private Double low;
    private Double high;
    private List<String> rowLabels = List.of();
    private List<String> columnLabels = List.of();
    private List<String> classNames = List.of();
    private boolean colorBar = true;

    private HeatMap(double[][] values, int[][] classes, int rows, int cols) {
        this.values = values;
        this.classes = classes;
        this.rows = rows;
        this.cols = cols;
        this.cellSize = Math.max(6, Math.min(40, 480 / Math.max(rows, cols)));
    }

    /** Continuous values, {@code values[row][col]}. */
    public static HeatMap of(double[][] values) {
        int[] rc = checkRect("HeatMap.of", values.length, values.length == 0 ? 0 : values[0].length);
        double[][] copy = new double[rc[0]][];
        for (int r = 0; r < rc[0]; r++) {
            if (values[r].length != rc[1]) {
                throw new IllegalArgumentException("HeatMap.of: row " + r + " has " + values[r].length
                        + " values, row 0 has " + rc[1]);
            }
            copy[r] = values[r].clone();
        }
        return new HeatMap(copy, null, rc[0], rc[1]);
    }

    /** Continuous values from a {@code [rows, cols]} tensor. */
    public static HeatMap of(Tensor values) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("HeatMap.of: values must be [rows, cols], got " + values.shape());
        }
        return of(values.toDoubleArray2D());
    }

    /**
     * Class colours, {@code classes[row][col]} (-1 for an empty cell), each faded towards white by
     * {@code strength[row][col]} in [0, 1] (null for full colour): a hit map coloured by the
     * majority label, with the majority's share as the strength.
     */
    public static HeatMap classes(int[][] classes, double[][] strength) {
        int[] rc = checkRect("HeatMap.classes", classes.length, classes.length == 0 ? 0 : classes[0].length);
        double[][] s = new double[rc[0]][rc[1]];
        int[][] k = new int[rc[0]][];
        for (int r = 0; r < rc[0]; r++) {
            if (classes[r].length != rc[1] || (strength != null && strength[r].length != rc[1])) {
                throw new IllegalArgumentException("HeatMap.classes: row " + r + " does not have " + rc[1] + " cells");
            }
            k[r] = classes[r].clone();
            for (int c = 0; c < rc[1]; c++) {
                s[r][c] = strength == null ? 1 : Math.max(0, Math.min(1, strength[r][c]));
            }
        }
        return new HeatMap(s, k, rc[0], rc[1]);
    }

    private static int[] checkRect(String who, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException(who + ": nothing to draw, " + rows + " x " + cols + " cells");
        }
        return new int[] {rows, cols};
    }

    public HeatMap title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public HeatMap xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    public HeatMap yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Hexagonal cells, odd rows shifted half a cell right. */
    public HeatMap hexagonal() {
        return hexagonal(true);
    }

    public HeatMap hexagonal(boolean hexagonal) {
        this.hexagonal = hexagonal;
        return this;
    }

    /** Width of a cell in pixels (about 480 / max(rows, cols), 6 to 40, by default). */
    public HeatMap cellSize(int pixels) {
        if (pixels < 2) {
            throw new IllegalArgumentException("HeatMap.cellSize: at least 2 pixels, got " + pixels);
        }
        this.cellSize = pixels;
        return this;
    }

    /** A fixed colour range, as imshow's vmin and vmax; values outside it are clipped. */
    public HeatMap range(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("HeatMap.range: low must be below high, got " + low + " and " + high);
        }
        this.low = low;
        this.high = high;
        return this;
    }

    /** Labels beside each row (e.g. layer names), from the top row down. */
    public HeatMap rowLabels(List<String> labels) {
        if (labels.size() != rows) {
            throw new IllegalArgumentException("HeatMap.rowLabels: " + labels.size() + " labels for " + rows + " rows");
        }
        this.rowLabels = List.copyOf(labels);
        return this;
    }

    /**
     * Tick labels under the columns, from the left (e.g. input positions or tokens). Where they
     * would run into each other only every 2nd, 5th, 10th, ... is drawn ({@link #labelStep}).
     */
    public HeatMap columnLabels(List<String> labels) {
        if (labels.size() != cols) {
            throw new IllegalArgumentException("HeatMap.columnLabels: " + labels.size() + " labels for " + cols
                    + " columns");
        }
        this.columnLabels = List.copyOf(labels);
        return this;
    }

    /**
     * Rows and columns labelled with their positions, counted from {@code first} (0 or 1): an
     * attention map's query and key positions.
     */
    public HeatMap positions(int first) {
        rowLabels(java.util.stream.IntStream.range(first, first + rows).mapToObj(String::valueOf).toList());
        return columnLabels(java.util.stream.IntStream.range(first, first + cols).mapToObj(String::valueOf).toList());
    }

    /**
     * Draw every {@code step}-th of a row of tick labels {@code cellPx} apart whose widest is
     * {@code labelPx}: the smallest step of 1, 2, 5, 10, 20, 50, ... that leaves 4 px between labels.
     */
    static int labelStep(int cellPx, int labelPx) {
        int[] nice = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int n : nice) {
                int step = n * scale;
                if ((long) step * cellPx >= labelPx + 4 || scale > 100_000) {
                    return step;
                }
            }
        }
    }

    /** Names of the classes for the categorical form's legend (class k is {@code names.get(k)}). */
    public HeatMap classNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    /** Whether to draw the colour bar (continuous form; on by default). */
    public HeatMap colorBar(boolean on) {
        this.colorBar = on;
        return this;
    }

    /** The colour range in use: the fixed range, or the finite values' minimum and maximum. */
    public double[] valueRange() {
        if (low != null) {
            return new double[] {low, high};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {0, 1};
    }

    /** The viridis colour of a level in [0, 1]. */
    public static Color viridis(double level) {
        double t = Math.max(0, Math.min(1, level)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(t));
        double f = t - i;
        Color a = new Color(VIRIDIS[i]);
        Color b = new Color(VIRIDIS[i + 1]);
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** The colour of one cell. */
    Color cellColor(int r, int c, double lo, double hi) {
        if (classes != null) {
            int k = classes[r][c];
            if (k < 0) {
                return EMPTY;
            }
            Color base = Charts.color(k);
            double s = 0.2 + 0.8 * values[r][c];
            return new Color((int) Math.round(255 + s * (base.getRed() - 255)),
                    (int) Math.round(255 + s * (base.getGreen() - 255)), (int) Math.round(255 + s * (base.getBlue() - 255)));
        }
        double v = values[r][c];
        if (!Double.isFinite(v)) {
            return EMPTY;
        }
        return viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
    }

    private int plotWidth() {
        return hexagonal ? (int) Math.ceil((cols + 0.5) * cellSize) : cols * cellSize;
    }

    private int plotHeight() {
        // Pointy-top hexagons of width s are 2s/sqrt(3) tall and stack every 3/4 of that.
        double hexH = cellSize * 2 / Math.sqrt(3);
        return hexagonal ? (int) Math.ceil(hexH * (0.75 * (rows - 1) + 1)) : rows * cellSize;
    }

    /** Draws the map with its title, labels and colour bar or legend. */
    public BufferedImage render() {
        Font labelFont = Charts.LABEL_FONT;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(labelFont);
        FontMetrics fm = pg.getFontMetrics();
        int rowLabelW = 0;
        for (String s : rowLabels) {
            rowLabelW = Math.max(rowLabelW, fm.stringWidth(s) + 6);
        }
        int colLabelMax = 0;
        for (String s : columnLabels) {
            colLabelMax = Math.max(colLabelMax, fm.stringWidth(s));
        }
        int colLabelH = columnLabels.isEmpty() ? 0 : fm.getHeight() + 2;
        int legendW = 0;
        if (classes != null) {
            for (String s : classNames) {
                legendW = Math.max(legendW, fm.stringWidth(s) + 30);
            }
        } else if (colorBar) {
            double[] lr = valueRange();
            legendW = 30 + Math.max(fm.stringWidth(fmt(lr[0])), fm.stringWidth(fmt(lr[1]))) + 8;
        }
        pg.dispose();
        int pad = 10;
        int yLabelW = yLabel.isEmpty() ? 0 : 18;
        int xLabelH = xLabel.isEmpty() ? 0 : 18;
        int pw = plotWidth();
        int ph = plotHeight();
        long w = (long) pad + yLabelW + rowLabelW + pw + (legendW > 0 ? pad + legendW : 0) + pad;
        // A title wider than the map widens the picture up to 480 px, and wraps beyond that.
        int titleW = title.isEmpty() ? 0 : Charts.metrics(Charts.TITLE_FONT).stringWidth(title) + 2 * Charts.TITLE_MARGIN;
        w = Math.max(w, Math.min(titleW, Math.max(w, 480)));
        List<String> titleLines = w > MAX_SIDE ? List.of() : Charts.titleLines(title, (int) w);
        int titleH = Charts.titleHeight(titleLines);
        long h = (long) pad + titleH + ph + colLabelH + xLabelH + pad;
        if (w > MAX_SIDE || h > MAX_SIDE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "HeatMap: %d x %d cells at %d px make a %d x %d"
                    + " picture, over the limit of %d px a side; use a smaller cellSize", rows, cols, cellSize, w, h,
                    MAX_SIDE));
        }
        BufferedImage out = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Charts.drawTitle(g, titleLines, 0, out.getWidth(), 0);
            g.setFont(labelFont);
            int x0 = pad + yLabelW + rowLabelW;
            int y0 = pad + titleH;
            double[] lr = valueRange();
            double hexH = cellSize * 2 / Math.sqrt(3);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    g.setColor(cellColor(r, c, lr[0], lr[1]));
                    if (hexagonal) {
                        double cx = x0 + (c + 0.5 + 0.5 * (r % 2)) * cellSize;
                        double cy = y0 + hexH / 2 + r * 0.75 * hexH;
                        Polygon hex = hexagon(cx, cy, cellSize / 2.0, hexH / 2);
                        g.fillPolygon(hex);
                        g.setColor(Color.WHITE);
                        g.drawPolygon(hex);
                    } else {
                        g.fillRect(x0 + c * cellSize, y0 + r * cellSize, cellSize, cellSize);
                    }
                }
            }
            g.setColor(Color.BLACK);
            FontMetrics lm = g.getFontMetrics();
            int rowStep = labelStep(hexagonal ? (int) Math.floor(0.75 * hexH) : cellSize, lm.getAscent());
            for (int r = 0; r < rowLabels.size(); r += rowStep) {
                double cy = hexagonal ? y0 + hexH / 2 + r * 0.75 * hexH : y0 + (r + 0.5) * cellSize;
                String s = rowLabels.get(r);
                g.drawString(s, x0 - 4 - lm.stringWidth(s), (int) Math.round(cy + lm.getAscent() / 2.0 - 1));
            }
            int colStep = labelStep(cellSize, colLabelMax);
            for (int c = 0; c < columnLabels.size(); c += colStep) {
                String s = columnLabels.get(c);
                int cx = x0 + (int) Math.round((c + 0.5) * cellSize);
                g.drawString(s, cx - lm.stringWidth(s) / 2, y0 + ph + lm.getAscent() + 2);
            }
            if (!xLabel.isEmpty()) {
                g.drawString(xLabel, x0 + (pw - lm.stringWidth(xLabel)) / 2, y0 + ph + colLabelH + 14);
            }
            if (!yLabel.isEmpty()) {
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                g.drawString(yLabel, -(y0 + (ph + lm.stringWidth(yLabel)) / 2), pad + 11);
                g.setTransform(saved);
            }
            int lx = x0 + pw + pad;
            if (classes != null) {
                for (int k = 0; k < classNames.size(); k++) {
                    g.setColor(Charts.color(k));
                    g.fillRect(lx, y0 + k * 18, 14, 14);
                    g.setColor(Color.BLACK);
                    g.drawString(classNames.get(k), lx + 20, y0 + k * 18 + 11);
                }
            } else if (colorBar) {
                int barH = Math.max(ph, 60);
                for (int i = 0; i < barH; i++) {
                    g.setColor(viridis(1 - i / (double) (barH - 1)));
                    g.fillRect(lx, y0 + i, 16, 1);
                }
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(1f));
                g.drawRect(lx, y0, 16, barH - 1);
                g.setColor(Color.BLACK);
                g.drawString(fmt(lr[1]), lx + 20, y0 + 10);
                g.drawString(fmt(lr[0]), lx + 20, y0 + barH - 1);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Polygon hexagon(double cx, double cy, double halfW, double halfH) {
        Polygon p = new Polygon();
        // Pointy top: the top and bottom vertices at halfH, the side ones at halfH / 2.
        double[][] v = {{0, -1}, {1, -0.5}, {1, 0.5}, {0, 1}, {-1, 0.5}, {-1, -0.5}};
        for (double[] d : v) {
            p.addPoint((int) Math.round(cx + d[0] * halfW), (int) Math.round(cy + d[1] * halfH));
        }
        return p;
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Renders and writes the PNG atomically; returns its absolute path. */
    public Path save(Path png) {
        return Charts.writePng(render(), png);
    }

    /**
     * Several maps side by side in one PNG ({@code columns} per row) under a title: a
     * self-organising map's component planes, one per input feature.
     */
    public static Path panels(String title, List<HeatMap> maps, int columns, Path png) {
        if (maps.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("HeatMap.panels: needs at least one map and one column, got "
                    + maps.size() + " maps in " + columns + " columns");
        }
        List<BufferedImage> images = maps.stream().map(HeatMap::render).toList();
        int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        int cols = Math.min(columns, images.size());
        int rowsN = (images.size() + cols - 1) / cols;
        long w = (long) cols * cellW;
        List<String> titleLines = w > MAX_SIDE ? List.of() : Charts.titleLines(title, (int) w);
        int titleH = Charts.titleHeight(titleLines);
        long h = titleH + (long) rowsN * cellH;
        if (w > MAX_SIDE || h > MAX_SIDE) {
            throw new IllegalArgumentException("HeatMap.panels: " + images.size() + " maps make a " + w + " x " + h
                    + " picture, over the limit of " + MAX_SIDE + " px a side; use more columns or smaller cells");
        }
        BufferedImage out = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            Charts.drawTitle(g, titleLines, 0, out.getWidth(), 0);
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), (i % cols) * cellW, titleH + (i / cols) * cellH, null);
            }
        } finally {
            g.dispose();
        }
        return Charts.writePng(out, png);
    }
}
