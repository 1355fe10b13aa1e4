package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @Test
    void savesLossCurvesAsAPngOfTheRequestedSize(@TempDir Path dir) throws IOException {
        Path png = LinePlot.titled("Loss history").xLabel("epoch").yLabel("loss").size(640, 400)
                .line("train loss", new double[] {0.9, 0.5, 0.3, 0.25}).line("val loss", new double[] {1, 0.6, 0.4, 0.4})
                .save(dir.resolve("sub/loss.png"));
        BufferedImage img = PlotFiles.readPng(png);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(PlotFiles.colouredPixels(img)).isGreaterThan(200);
        if (Files.getFileAttributeView(png, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(Files.getPosixFilePermissions(png)).contains(PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void curvesFromNamedSeriesOverwriteAtomically(@TempDir Path dir) throws IOException {
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("loss", new double[] {3, 2, 1});
        h.put("val_loss", new double[] {3.5, 2.5, Double.POSITIVE_INFINITY});
        Path png = dir.resolve("h.png");
        Files.writeString(png, "old");
        LinePlot.curves("History", "loss", h, png);
        assertThat(PlotFiles.readPng(png).getWidth()).isEqualTo(800);
        Path log = LinePlot.titled("lr").logY().yRange(1e-3, 1).dashed("schedule", new double[] {0, 1}, new double[] {0.5,
                0.25}).save(dir.resolve("lr.png"));
        PlotFiles.readPng(log);
    }

    @Test
    void historyCurvesPairEachMetricWithItsValidationCurve(@TempDir Path dir) throws IOException {
        jgrad.nn.History h = new jgrad.nn.History();
        h.onEpochEnd(0, Map.of("loss", 1.0, "val_loss", 1.2, "accuracy", 0.5));
        h.onEpochEnd(1, Map.of("loss", 0.6, "val_loss", 0.9, "accuracy", 0.7));
        LinePlot loss = LinePlot.history(h, "loss");
        assertThat(loss.seriesNames()).containsExactly("train loss", "validation loss");
        assertThat(LinePlot.history(h, "accuracy").seriesNames()).containsExactly("train accuracy");
        PlotFiles.readPng(loss.save(dir.resolve("loss.png")));
        assertThatThrownBy(() -> LinePlot.history(h, "mae")).hasMessageContaining("no 'mae'")
                .hasMessageContaining("loss");
    }

    @Test
    void aLogarithmicAxisIsLabelledAtWholeDecades(@TempDir Path dir) throws IOException {
        // A loss falling from 500 to 0.002: decades 0.001 .. 1000, printed as numbers.
        double[] loss = new double[40];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 500 * Math.pow(0.002 / 500, i / 39.0);
        }
        XYChart chart = LinePlot.titled("Loss").logY().line("loss", loss).chart();
        // (XChart's list holds a tick beyond each end too, which it does not draw.)
        assertThat(yTickLabels(chart)).containsSubsequence("0.001", "0.01", "0.1", "1", "10", "100", "1000")
                .allMatch(l -> l.matches("[0-9.,]+"));
        // Twelve decades down to 1e-10: every decade a power of ten, none as XChart's 1E-10.
        double[] f = new double[60];
        for (int i = 0; i < f.length; i++) {
            f[i] = 100 * Math.pow(1e-12, i / 59.0);
        }
        List<String> wide = yTickLabels(LinePlot.titled("f").logY().line("f", f).chart());
        assertThat(wide).contains("1e-10", "1e+00", "1e+02").allMatch(l -> l.matches("1e[+-]\\d\\d"));
        // Seventy decades (gradient norms): fewer labels, still whole decades, none overlapping.
        double[] g = {1e-60, 1e-20, 1e5, 1e10};
        List<String> far = yTickLabels(LinePlot.titled("g").logY().line("g", g).chart());
        assertThat(far).hasSizeBetween(3, 20).allMatch(l -> l.matches("1e[+-]\\d\\d"));
        PlotFiles.readPng(LinePlot.titled("g").logY().line("g", g).save(dir.resolve("g.png")));
        assertThatThrownBy(() -> LinePlot.titled("t").logY().yFromZero().line("a", new double[] {1, 2}).chart())
                .hasMessageContaining("no 0");
    }

    /** The y tick labels XChart draws (rendered first), blanks left out. */
    private static List<String> yTickLabels(XYChart chart) {
        BitmapEncoder.getBufferedImage(chart);
        try {
            java.lang.reflect.Field pair = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
            pair.setAccessible(true);
            Object axes = pair.get(chart);
            java.lang.reflect.Method y = axes.getClass().getDeclaredMethod("getYAxis");
            y.setAccessible(true);
            Object axis = y.invoke(axes);
            Object calc = axis.getClass().getMethod("getAxisTickCalculator").invoke(axis);
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) calc.getClass().getMethod("getTickLabels").invoke(calc);
            return labels.stream().filter(l -> l != null && !l.isBlank()).toList();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's axis internals changed: " + e, e);
        }
    }

    @Test
    void rejectsBadSeriesAndFileNames(@TempDir Path dir) {
        assertThatThrownBy(() -> LinePlot.titled("t").line("a", new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("1 x values and 2 y values");
        assertThatThrownBy(() -> LinePlot.titled("t").line("a", new double[] {1}).line("a", new double[] {2}))
                .hasMessageContaining("already on this plot");
        assertThatThrownBy(() -> LinePlot.titled("t").line("a", new double[] {Double.NaN}))
                .hasMessageContaining("no finite value");
        assertThatThrownBy(() -> LinePlot.titled("t").line("a", new double[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> LinePlot.titled("t").save(dir.resolve("x.png"))).hasMessageContaining("no series");
        assertThatThrownBy(() -> LinePlot.titled("t").line("a", new double[] {1}).save(dir.resolve("x.jpg")))
                .hasMessageContaining("must end in .png");
        assertThatThrownBy(() -> LinePlot.titled("t").logY().line("a", new double[] {0, 1}).save(dir.resolve("x.png")))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> LinePlot.titled("t").yRange(1, 0)).hasMessageContaining("min < max");
        assertThatThrownBy(() -> LinePlot.titled("t").size(10, 10)).hasMessageContaining("100 x 100");
        assertThat(LinePlot.titled("t").line("a", new double[] {1}).line("b", new double[] {2}).seriesNames())
                .containsExactly("a", "b");
    }
}
