package jgrad.nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import jgrad.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every plot shares: headless AWT, one look (matplotlib's colours), titles that always fit
 * (wrapped onto more lines instead of running off the picture), a legend strip below a plot, and
 * atomic PNG writing.
 */
final class Charts {
    static {
        // Charts render off-screen; without this, AWT on a machine with no display may try to open one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /** matplotlib's tab10 colours, in order: class k (or series k) gets COLORS[k % 10]. */
    static final Color[] COLORS = {
        new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };

    static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
        SeriesMarkers.RECTANGLE, SeriesMarkers.TRAPEZOID
    };

    /** Every plot's title font. */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    /** Labels, tick labels and legend text. */
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Space left and right of a title, and above it. */
    static final int TITLE_MARGIN = 10;
    /** Diameter of a marker in a legend: readable even where the plot's own points are 2 or 3 px. */
    static final int LEGEND_MARKER = 10;
    private static final int LEGEND_SYMBOL_W = 24;
    private static final int LEGEND_ROW_H = 18;

    /** One entry of a legend: a marker (null: none), a line (null: none), its colour and name. */
    record LegendEntry(String name, Color color, Marker marker, BasicStroke line) {}

    static Color color(int k) {
        return COLORS[Math.floorMod(k, COLORS.length)];
    }

    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    /** Font metrics for laying text out before there is a picture to draw on. */
    static FontMetrics metrics(Font font) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            return g.getFontMetrics();
        } finally {
            g.dispose();
        }
    }

    /**
     * {@code text} broken at spaces into lines no wider than {@code width} pixels; a word wider
     * than a whole line is broken inside it. Empty text has no lines.
     */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        int room = Math.max(1, width);
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= room) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // A word longer than the line: as many characters as fit on each line (at least one).
            String rest = word;
            while (fm.stringWidth(rest) > room) {
                int n = 1;
                while (n < rest.length() && fm.stringWidth(rest.substring(0, n + 1)) <= room) {
                    n++;
                }
                lines.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The title's lines in a picture {@code width} px wide ({@link #TITLE_MARGIN} each side). */
    static List<String> titleLines(String title, int width) {
        return wrap(title, metrics(TITLE_FONT), width - 2 * TITLE_MARGIN);
    }

    /** Height of a title block of these lines: margin above, one line height per line, a little below. */
    static int titleHeight(List<String> lines) {
        return lines.isEmpty() ? 0 : TITLE_MARGIN + lines.size() * metrics(TITLE_FONT).getHeight() + 4;
    }

    /** Draws the title lines centred across [x0, x0 + width), the block starting at {@code top}. */
    static void drawTitle(Graphics2D g, List<String> lines, int x0, int width, int top) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        int y = top + TITLE_MARGIN + fm.getAscent();
        for (String line : lines) {
            g.drawString(line, x0 + (width - fm.stringWidth(line)) / 2, y);
            y += fm.getHeight();
        }
    }

    /** The legend's entries laid out in rows across {@code width} px: the index of each row's first entry. */
    private static List<Integer> legendRows(List<LegendEntry> entries, FontMetrics fm, int width) {
        List<Integer> starts = new ArrayList<>();
        int x = 0;
        for (int i = 0; i < entries.size(); i++) {
            int w = legendEntryWidth(entries.get(i), fm);
            if (starts.isEmpty() || x + w > width - 2 * TITLE_MARGIN) {
                starts.add(i);
                x = 0;
            }
            x += w;
        }
        return starts;
    }

    private static int legendEntryWidth(LegendEntry e, FontMetrics fm) {
        return LEGEND_SYMBOL_W + 6 + fm.stringWidth(e.name()) + 18;
    }

    /** Height of a legend strip of these entries below a plot {@code width} px wide (0 for none). */
    static int legendHeight(List<LegendEntry> entries, int width) {
        return entries.isEmpty() ? 0 : 6 + legendRows(entries, metrics(LABEL_FONT), width).size() * LEGEND_ROW_H + 6;
    }

    /**
     * Draws the legend as rows of entries centred across [x0, x0 + width), starting at {@code top}:
     * each entry's line and marker ({@link #LEGEND_MARKER} px, whatever size the plot's points
     * are), then its name.
     */
    static void drawLegend(Graphics2D g, List<LegendEntry> entries, int x0, int width, int top) {
        if (entries.isEmpty()) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        List<Integer> starts = legendRows(entries, fm, width);
        for (int r = 0; r < starts.size(); r++) {
            int from = starts.get(r);
            int to = r + 1 < starts.size() ? starts.get(r + 1) : entries.size();
            int rowW = -18;
            for (int i = from; i < to; i++) {
                rowW += legendEntryWidth(entries.get(i), fm);
            }
            int x = x0 + (width - rowW) / 2;
            double cy = top + 6 + r * LEGEND_ROW_H + LEGEND_ROW_H / 2.0;
            for (int i = from; i < to; i++) {
                LegendEntry e = entries.get(i);
                if (e.line() != null) {
                    g.setColor(e.color());
                    g.setStroke(e.line());
                    g.draw(new Line2D.Double(x, cy, x + LEGEND_SYMBOL_W, cy));
                }
                if (e.marker() != null) {
                    g.setColor(e.color());
                    g.setStroke(new BasicStroke(1f));
                    e.marker().paint(g, x + LEGEND_SYMBOL_W / 2.0, cy, LEGEND_MARKER);
                }
                g.setColor(Color.BLACK);
                g.drawString(e.name(), x + LEGEND_SYMBOL_W + 6, (int) Math.round(cy + fm.getAscent() / 2.0 - 1));
                x += legendEntryWidth(e, fm);
            }
        }
    }

    /**
     * A chart of {@code width} x {@code height} px in total, of which the title (wrapped to the
     * width) and a legend strip of {@code legendBelow} entries take their share; the title is not
     * XChart's, which stays on one line and is cut at the picture's edges when too long, but
     * drawn by {@link #render}.
     */
    static XYChart chart(int width, int height, String title, String xLabel, String yLabel,
            List<LegendEntry> legendBelow) {
        int chrome = titleHeight(titleLines(title, width)) + legendHeight(legendBelow, width);
        XYChart chart = new XYChartBuilder().width(width).height(Math.max(100, height - chrome)).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart);
        chart.getStyler().setChartTitleVisible(false);
        return chart;
    }

    /** The picture: the title above the chart, the legend strip (if any) below it. */
    static BufferedImage render(XYChart chart, String title, List<LegendEntry> legendBelow) {
        BufferedImage plot = BitmapEncoder.getBufferedImage(chart);
        int w = plot.getWidth();
        List<String> lines = titleLines(title, w);
        int th = titleHeight(lines);
        int lh = legendHeight(legendBelow, w);
        BufferedImage out = new BufferedImage(w, th + plot.getHeight() + lh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            drawTitle(g, lines, 0, w, 0);
            g.drawImage(plot, 0, th, null);
            drawLegend(g, legendBelow, 0, w, th + plot.getHeight());
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The shared look: white background, light grid, legend inside the plot. */
    static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setChartTitleFont(TITLE_FONT);
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setAxisTickLabelsFont(LABEL_FONT);
    }

    /** Renders the chart under its title and writes it as PNG with jgrad's atomic writer ({@link AtomicFiles}). */
    static Path savePng(XYChart chart, String title, List<LegendEntry> legendBelow, Path path) {
        return writePng(render(chart, title, legendBelow), path);
    }

    static Path writePng(BufferedImage image, Path path) {
        if (!path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("plot: the file name must end in .png, got " + path);
        }
        try {
            return AtomicFiles.write(path, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IllegalStateException("plot: no PNG writer in this JDK");
                }
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("plot: " + e.getMessage(), e.getCause());
        }
    }

    /**
     * A copy of {@code values} with infinities turned into NaN, which the chart leaves as a gap
     * (as matplotlib does for a diverged loss); a series with no finite value at all is an error.
     */
    static double[] plottable(String who, String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(who + ": series '" + name + "' is empty");
        }
        double[] out = values.clone();
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
            any |= !Double.isNaN(out[i]);
        }
        if (!any) {
            throw new IllegalArgumentException(who + ": series '" + name + "' has no finite value to plot");
        }
        return out;
    }
}
