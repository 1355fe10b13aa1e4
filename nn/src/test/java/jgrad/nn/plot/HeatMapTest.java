package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HeatMap's colours, layouts and errors, and NetPlot's arguments. */
class HeatMapTest {
    @Test
    void cellsTakeViridisColoursOverTheirRange() {
        HeatMap m = HeatMap.of(new double[][] {{0, 5, 10}}).cellSize(20).colorBar(false);
        BufferedImage img = m.render();
        // No title or labels: the cells start at the 10 px margin.
        assertThat(img.getRGB(20, 20) & 0xffffff).isEqualTo(0x440154);
        assertThat(img.getRGB(40, 20) & 0xffffff).isEqualTo(HeatMap.viridis(0.5).getRGB() & 0xffffff);
        assertThat(img.getRGB(40, 20) & 0xffffff).isEqualTo(0x1fa187);
        assertThat(img.getRGB(60, 20) & 0xffffff).isEqualTo(0xfde725);
        assertThat(m.valueRange()).containsExactly(0, 10);
        assertThat(HeatMap.of(new double[][] {{0, 5, 10}}).range(-10, 10).valueRange()).containsExactly(-10, 10);
    }

    @Test
    void nanCellsAreGreyAndClassesFadeTowardsWhite() {
        BufferedImage nan = HeatMap.of(new double[][] {{Double.NaN, 1}}).cellSize(20).colorBar(false).render();
        assertThat(new Color(nan.getRGB(20, 20))).isEqualTo(new Color(0xe8e8e8));
        BufferedImage k = HeatMap.classes(new int[][] {{0, 1, -1}}, new double[][] {{1, 0, 1}}).cellSize(20).render();
        assertThat(k.getRGB(20, 20) & 0xffffff).isEqualTo(0xd62728);
        Color faded = new Color(k.getRGB(40, 20));
        assertThat(faded.getRed()).isGreaterThan(200); // tab10 blue at strength 0: 20% colour
        assertThat(new Color(k.getRGB(60, 20))).isEqualTo(new Color(0xe8e8e8));
    }

    @Test
    void hexagonalPanelsAndFiles(@TempDir Path dir) throws Exception {
        HeatMap hex = HeatMap.of(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}})).hexagonal().title("hex")
                .rowLabels(List.of("a", "b"));
        Path p = hex.save(dir.resolve("hex.png"));
        assertThat(Files.size(p)).isGreaterThan(200);
        Path panels = HeatMap.panels("two", List.of(hex, HeatMap.of(new double[][] {{1}})), 2, dir.resolve("p.png"));
        assertThat(Files.size(panels)).isGreaterThan(200);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> HeatMap.of(new double[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1 values");
        assertThatThrownBy(() -> HeatMap.of(Tensor.zeros(2, 2, 2))).hasMessageContaining("must be [rows, cols]");
        assertThatThrownBy(() -> HeatMap.of(new double[][] {{1}}).range(1, 1)).hasMessageContaining("low must be below");
        assertThatThrownBy(() -> HeatMap.of(new double[][] {{1}}).rowLabels(List.of("a", "b")))
                .hasMessageContaining("2 labels for 1 rows");
        assertThatThrownBy(() -> HeatMap.of(new double[][] {{1}}).cellSize(20000).render())
                .hasMessageContaining("over the limit");
        assertThatThrownBy(() -> NetPlot.titled("x").points(new double[][] {{1, 2}}, new int[] {0, 1}))
                .hasMessageContaining("1 points but 2 labels");
        assertThatThrownBy(() -> NetPlot.titled("x").render()).hasMessageContaining("nothing to draw");
        assertThatThrownBy(() -> NetPlot.titled("x").bounds(1, 0, 0, 1)).hasMessageContaining("xMin < xMax");
    }
}
