package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    /** Image i of a [3, 2, 2] stack holds i*10 + (0, 1, 2, 3). */
    private static Tensor stack() {
        float[] v = new float[12];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 4; p++) {
                v[i * 4 + p] = i * 10 + p;
            }
        }
        return Tensor.fromFlat(v, 3, 2, 2);
    }

    private static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        assertThat((rgb >> 8) & 0xFF).isEqualTo(r);
        assertThat(rgb & 0xFF).isEqualTo(r);
        return r;
    }

    @Test
    void perImageStretchesEachImageAndGlobalComparesThem() {
        ImageGrid per = ImageGrid.of(stack()).perImage();
        for (int i = 0; i < 3; i++) {
            assertThat(per.levels(i)).containsExactly(new double[] {0, 1 / 3.0, 2 / 3.0, 1}, offset(1e-12));
        }
        ImageGrid global = ImageGrid.of(stack());
        assertThat(global.scaling()).isEqualTo(ImageGrid.Scaling.GLOBAL);
        assertThat(global.levels(0)[0]).isZero();
        assertThat(global.levels(2)[3]).isEqualTo(1.0);
        assertThat(global.levels(1)[0]).isCloseTo(10 / 23.0, offset(1e-12));
        ImageGrid fixed = ImageGrid.of(stack()).range(0, 10);
        assertThat(fixed.levels(0)).containsExactly(new double[] {0, 0.1, 0.2, 0.3}, offset(1e-12));
        assertThat(fixed.levels(2)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void pixelsAreEnlargedWithoutSmoothingAndPlacedInTheGrid() {
        // Two 2 x 2 images side by side, 3 screen pixels per pixel, gap 1: cell x0 = 1 and 1 + 6 + 1 = 8.
        Tensor t = Tensor.fromFlat(new float[] {0, 1, 1, 0, 1, 1, 1, 0}, 2, 2, 2, 1);
        BufferedImage img = ImageGrid.of(t).columns(2).pixelSize(3).gap(1).render();
        assertThat(img.getWidth()).isEqualTo(1 + 6 + 1 + 6 + 1);
        assertThat(img.getHeight()).isEqualTo(1 + 6 + 1);
        assertThat(grey(img, 0, 0)).as("gap is white").isEqualTo(255);
        assertThat(grey(img, 1, 1)).isZero();
        assertThat(grey(img, 3, 3)).isZero();
        assertThat(grey(img, 4, 1)).isEqualTo(255);
        assertThat(grey(img, 1, 4)).isEqualTo(255);
        assertThat(grey(img, 6, 6)).isZero();
        assertThat(grey(img, 8 + 5, 1 + 5)).isZero();
        assertThat(grey(img, 8, 1)).isEqualTo(255);
    }

    @Test
    void featureMapsAreTheChannelsOfOneMap() {
        // [2, 2, 3]: channel k is constant k except one bright pixel.
        float[] v = new float[12];
        for (int p = 0; p < 4; p++) {
            for (int k = 0; k < 3; k++) {
                v[p * 3 + k] = k + (p == k ? 5 : 0);
            }
        }
        ImageGrid g = ImageGrid.featureMaps(Tensor.fromFlat(v, 1, 2, 2, 3));
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.scaling()).isEqualTo(ImageGrid.Scaling.PER_IMAGE);
        assertThat(g.levels(0)).containsExactly(1, 0, 0, 0);
        assertThat(g.levels(2)).containsExactly(0, 0, 1, 0);
    }

    @Test
    void filtersAreLaidOutInputChannelsByFiltersWithZeroMidGrey() {
        // [kh=1, kw=2, cin=2, cout=3]: value = 100*i + 10*o + p, negated for p = 0.
        float[] v = new float[12];
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < 3; o++) {
                    v[(p * 2 + i) * 3 + o] = (p == 0 ? -1 : 1) * (100 * i + 10 * o + 1);
                }
            }
        }
        ImageGrid g = ImageGrid.filters(Tensor.fromFlat(v, 1, 2, 2, 3));
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.scaling()).isEqualTo(ImageGrid.Scaling.SYMMETRIC);
        // Image 4 is (i = 1, o = 1): -111 and +111 of a symmetric range of 121.
        assertThat(g.levels(4)).containsExactly(new double[] {0.5 - 111 / 242.0, 0.5 + 111 / 242.0}, offset(1e-12));
        BufferedImage img = g.gap(0).pixelSize(1).render();
        assertThat(img.getWidth()).as("one column per filter").isEqualTo(3 * 2);
        assertThat(img.getHeight()).as("one row per input channel").isEqualTo(2);
    }

    @Test
    void nonFinitePixelsAreRedAndConstantImagesBlack() {
        Tensor t = Tensor.fromFlat(new float[] {Float.NaN, 1, 2, Float.POSITIVE_INFINITY, 3, 3, 3, 3}, 2, 2, 2);
        ImageGrid g = ImageGrid.of(t).perImage();
        assertThat(g.levels(0)[0]).isNaN();
        assertThat(g.levels(0)[1]).isZero();
        assertThat(g.levels(0)[2]).isEqualTo(1.0);
        assertThat(g.levels(1)).containsExactly(0, 0, 0, 0);
        BufferedImage img = g.columns(2).pixelSize(1).gap(0).render();
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xd62728);
    }

    @Test
    void savesAtomicallyWithTitles(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("sub/grid.png");
        Files.createDirectories(png.getParent());
        Files.writeString(png, "old");
        Path written = ImageGrid.of(stack()).title("Three images").titles(List.of("a", "b", "a long caption"))
                .columns(3).save(png);
        BufferedImage img = PlotFiles.readPng(written);
        // 2 x 2 images get 28 px per pixel (cells of 56 px); the title's block and captions 15 px above.
        int titleH = Charts.titleHeight(Charts.titleLines("Three images", 3 * 56 + 4 * 4));
        assertThat(titleH).isBetween(22, 40);
        assertThat(img.getWidth()).isEqualTo(3 * 56 + 4 * 4);
        assertThat(img.getHeight()).isEqualTo(titleH + 15 + 56 + 2 * 4);
        int dark = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < 22; y++) {
                dark += (img.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).as("the title is drawn").isGreaterThan(20);
    }

    @Test
    void badShapesAndOptionsAreClearErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> ImageGrid.of(Tensor.zeros(2, 4, 4, 3))).hasMessageContaining("[n, h, w, 1]")
                .hasMessageContaining("featureMaps");
        assertThatThrownBy(() -> ImageGrid.of(Tensor.zeros(4))).hasMessageContaining("[n, h, w]");
        assertThatThrownBy(() -> ImageGrid.of(Tensor.zeros(0, 4, 4))).hasMessageContaining("nothing to draw");
        assertThatThrownBy(() -> ImageGrid.featureMaps(Tensor.zeros(2, 4, 4, 3))).hasMessageContaining("slice");
        assertThatThrownBy(() -> ImageGrid.filters(Tensor.zeros(3, 3, 1))).hasMessageContaining("[kh, kw, cin, cout]");
        assertThatThrownBy(() -> ImageGrid.of(stack()).titles(List.of("a"))).hasMessageContaining("1 titles for 3");
        assertThatThrownBy(() -> ImageGrid.of(stack()).range(1, 1)).hasMessageContaining("low < high");
        assertThatThrownBy(() -> ImageGrid.of(stack()).columns(0)).hasMessageContaining("columns");
        assertThatThrownBy(() -> ImageGrid.of(Tensor.zeros(2000, 28, 28)).columns(1).save(dir.resolve("x.png")))
                .hasMessageContaining("over the limit");
        assertThatThrownBy(() -> ImageGrid.of(stack()).save(dir.resolve("x.jpg"))).hasMessageContaining(".png");
    }
}
