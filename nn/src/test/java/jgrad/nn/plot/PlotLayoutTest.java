package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 17 asked of every plot, checked on the pictures: long titles fit inside the picture
 * (wrapped, never cut at its edges), legend markers readable below a scatter plot of tiny points,
 * a square scatter plot's data area square, heat maps with tick labels on both axes, image grids
 * with row labels, and a class legend under a NetPlot.
 */
class PlotLayoutTest {
    /** Long enough to need three lines at 400 px: D2GAN's checkpoint titles ran off a 520 px picture. */
    private static final String LONG = "D2GAN after 2,000 steps (alpha 0.2, beta 0.1): 1 of 8 modes covered, 93.1% of"
            + " samples within three standard deviations of a mode, against the paper's 8 of 8";

    @Test
    void wrapKeepsEveryLineInsideTheWidthAndEveryCharacter() {
        FontMetrics fm = Charts.metrics(Charts.TITLE_FONT);
        List<String> lines = Charts.wrap(LONG, fm, 380);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(380));
        assertThat(String.join(" ", lines)).isEqualTo(LONG);
        // A word longer than a line is broken inside it, nothing lost.
        List<String> word = Charts.wrap("x".repeat(200), fm, 100);
        assertThat(word).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(100));
        assertThat(String.join("", word)).isEqualTo("x".repeat(200));
        assertThat(Charts.wrap("", fm, 100)).isEmpty();
        assertThat(Charts.wrap(null, fm, 100)).isEmpty();
    }

    @Test
    void aLongTitleFitsInsideEveryKindOfPlot(@TempDir Path dir) throws IOException {
        double[][] xy = {{0, 0}, {1, 1}, {0.5, 0.2}};
        Map<String, BufferedImage> plots = Map.of(
                "LinePlot", PlotFiles.readPng(LinePlot.titled(LONG).size(400, 300).line("loss", new double[] {3, 2, 1})
                        .save(dir.resolve("line.png"))),
                "ScatterPlot", ScatterPlot.titled(LONG).size(400, 300).points("a", new double[] {0, 1},
                        new double[] {0, 1}).render(),
                "square ScatterPlot", ScatterPlot.titled(LONG).size(400, 300).square().markerSize(3).points("a",
                        new double[] {0, 1}, new double[] {0, 1}).render(),
                "DecisionBoundaryPlot", PlotFiles.readPng(DecisionBoundaryPlot.of(p -> p.slice(1, 0, 1)).title(LONG)
                        .data(Tensor.of(new float[][] {{-1, 0}, {1, 0}}), Tensor.of(new long[] {0, 1})).grid(20)
                        .size(400, 300).save(dir.resolve("b.png"))),
                "HeatMap", HeatMap.of(new double[][] {{0, 1}, {1, 0}}).title(LONG).render(),
                "ImageGrid", ImageGrid.of(Tensor.zeros(2, 4, 4)).title(LONG).render(),
                "NetPlot", NetPlot.titled(LONG).size(400, 300).points(xy, new int[] {0, 1, 1}).render());
        for (var e : plots.entrySet()) {
            BufferedImage img = e.getValue();
            int band = titleBand(img);
            assertThat(band).as(e.getKey() + ": a title is drawn at the top").isGreaterThan(30);
            for (int y = 0; y < band; y++) {
                for (int x : new int[] {0, 1, 2, 3, img.getWidth() - 4, img.getWidth() - 3, img.getWidth() - 2,
                    img.getWidth() - 1}) {
                    assertThat(dark(img.getRGB(x, y))).as(e.getKey() + ": title ink at the edge, x " + x + " y " + y)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void tinyPointsGetReadableLegendMarkersBelowTheirPlot() {
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = Math.cos(i);
            y[i] = Math.sin(i);
        }
        ScatterPlot plot = ScatterPlot.titled("ring").markerSize(2).points("data", x, y);
        BufferedImage img = plot.render();
        int legendH = Charts.legendHeight(List.of(new Charts.LegendEntry("data", Color.RED, null, null)), 700);
        int red = 0;
        for (int yy = img.getHeight() - legendH; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                red += near(img.getRGB(xx, yy), Charts.color(0)) ? 1 : 0;
            }
        }
        // A 10 px circle covers about 78 px; the plot's own 2 px points would give 3 or 4.
        assertThat(red).as("legend marker pixels below the plot").isGreaterThan(50);
    }

    @Test
    void aSquareScatterPlotHasASquareDataAreaWhateverTheLegend() {
        double[] x = new double[80];
        double[] y = new double[80];
        for (int i = 0; i < 80; i++) {
            // An ellipse twice as wide as tall: equal scales keep it so.
            x[i] = 2 * Math.cos(i);
            y[i] = Math.sin(i);
        }
        BufferedImage img = ScatterPlot.titled("A ring, equal axes").size(520, 520).square().markerSize(3)
                .points("data", x, y).points("generated a long legend name", y, x).render();
        int[] frame = plotFrame(img);
        int w = frame[2] - frame[0];
        int h = frame[3] - frame[1];
        assertThat(w).as("frame width").isGreaterThan(300);
        assertThat(Math.abs(w - h)).as("frame " + w + " x " + h + " px").isLessThanOrEqualTo(2);
        assertThat(img.getWidth()).isEqualTo(520);
    }

    @Test
    void heatMapTickLabelsOnBothAxesThinnedWhereTheyWouldCollide() {
        assertThat(HeatMap.labelStep(16, 12)).isEqualTo(1);
        assertThat(HeatMap.labelStep(6, 14)).isEqualTo(5);
        assertThat(HeatMap.labelStep(1, 30)).isEqualTo(50);
        double[][] v = new double[7][30];
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 30; c++) {
                v[r][c] = Math.exp(-Math.abs(c - 4 * r));
            }
        }
        BufferedImage plain = HeatMap.of(v).colorBar(false).render();
        BufferedImage ticks = HeatMap.of(v).colorBar(false).positions(1).render();
        assertThat(ticks.getHeight()).as("a row of column labels").isGreaterThan(plain.getHeight());
        assertThat(ticks.getWidth()).as("a column of row labels").isGreaterThan(plain.getWidth());
        // Ink left of the cells (row labels) and under them (column labels).
        int cell = 480 / 30;
        int left = ticks.getWidth() - 10 - 30 * cell;
        assertThat(inked(ticks, 0, 10, left, 10 + 7 * cell)).as("row labels").isGreaterThan(10);
        assertThat(inked(ticks, left, 10 + 7 * cell, ticks.getWidth(), ticks.getHeight())).as("column labels")
                .isGreaterThan(30);
        assertThatThrownBy(() -> HeatMap.of(v).columnLabels(List.of("a"))).hasMessageContaining("1 labels for 30 columns");
    }

    @Test
    void imageGridRowLabelsSitLeftOfTheirRows() {
        ImageGrid grid = ImageGrid.of(Tensor.ones(6, 4, 4)).columns(3).rowLabels(List.of("truth", "predicted"));
        BufferedImage img = grid.render();
        BufferedImage bare = ImageGrid.of(Tensor.ones(6, 4, 4)).columns(3).render();
        assertThat(img.getWidth()).isGreaterThan(bare.getWidth());
        int labelW = img.getWidth() - bare.getWidth();
        assertThat(inked(img, 0, 0, labelW, img.getHeight() / 2)).as("first row's label").isGreaterThan(10);
        assertThat(inked(img, 0, img.getHeight() / 2, labelW, img.getHeight())).as("second row's label")
                .isGreaterThan(10);
        assertThatThrownBy(() -> ImageGrid.of(Tensor.ones(6, 4, 4)).columns(3).rowLabels(List.of("a")).render())
                .hasMessageContaining("1 row labels for 2 rows");
    }

    @Test
    void netPlotNamesItsClassesAndUnitsInALegend() {
        double[][] xy = {{0, 0}, {1, 1}, {0.5, 0.2}, {0.2, 0.9}};
        NetPlot plot = NetPlot.titled("Iris").points(xy, new int[] {0, 2, 2, 0})
                .classNames(List.of("setosa", "versicolor", "virginica")).units(new double[][] {{0.5, 0.5}});
        assertThat(plot.legend()).extracting(Charts.LegendEntry::name).containsExactly("setosa", "virginica", "units");
        BufferedImage img = plot.render();
        int legendH = Charts.legendHeight(plot.legend(), img.getWidth());
        int[] count = new int[3];
        for (int y = img.getHeight() - legendH; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                for (int k = 0; k < 3; k++) {
                    count[k] += near(img.getRGB(x, y), Charts.color(k)) ? 1 : 0;
                }
            }
        }
        assertThat(count[0]).as("setosa's marker").isGreaterThan(40);
        assertThat(count[1]).as("no versicolor points, no entry").isZero();
        assertThat(count[2]).as("virginica's marker").isGreaterThan(40);
        assertThat(NetPlot.titled("t").points(xy, null).legend()).isEmpty();
    }

    /** Rows from the top down to the first row without dark ink after some ink: the title's block. */
    private static int titleBand(BufferedImage img) {
        boolean seen = false;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean ink = false;
            for (int x = 0; x < img.getWidth() && !ink; x++) {
                ink = dark(img.getRGB(x, y));
            }
            if (ink) {
                seen = true;
            } else if (seen && y > 40) {
                return y;
            }
        }
        return 0;
    }

    /** The plot frame XChart draws in dark grey: {left, top, right, bottom} of its longest runs. */
    private static int[] plotFrame(BufferedImage img) {
        int grey = Color.DARK_GRAY.getRGB() & 0xffffff;
        int bestRow = -1;
        int bestRowLen = 0;
        int rowFrom = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                run = (img.getRGB(x, y) & 0xffffff) == grey ? run + 1 : 0;
                if (run > bestRowLen) {
                    bestRowLen = run;
                    bestRow = y;
                    rowFrom = x - run + 1;
                }
            }
        }
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            if ((img.getRGB(rowFrom + 1, y) & 0xffffff) == grey && (img.getRGB(rowFrom + bestRowLen / 2, y) & 0xffffff)
                    == grey) {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }
        assertThat(bestRow).isGreaterThanOrEqualTo(0);
        return new int[] {rowFrom, top, rowFrom + bestRowLen - 1, bottom};
    }

    private static boolean dark(int rgb) {
        return ((rgb >> 16) & 0xff) < 110 && ((rgb >> 8) & 0xff) < 110 && (rgb & 0xff) < 110;
    }

    private static boolean near(int rgb, Color c) {
        return Math.abs(((rgb >> 16) & 0xff) - c.getRed()) < 30 && Math.abs(((rgb >> 8) & 0xff) - c.getGreen()) < 30
                && Math.abs((rgb & 0xff) - c.getBlue()) < 30;
    }

    private static int inked(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                n += dark(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        return n;
    }
}
