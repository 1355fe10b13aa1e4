package jgrad.nn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jgrad.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What every plot shares: headless AWT, one look (matplotlib's colours), and atomic PNG writing. */
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

    static Color color(int k) {
        return COLORS[Math.floorMod(k, COLORS.length)];
    }

    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    /** The shared look: white background, light grid, legend inside the plot. */
    static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** Renders the chart and writes it as PNG to {@code path} with jgrad's atomic writer ({@link AtomicFiles}). */
    static Path savePng(XYChart chart, Path path) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        return writePng(image, path);
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
