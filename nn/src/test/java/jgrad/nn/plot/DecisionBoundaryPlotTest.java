package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryPlotTest {
    private static final Tensor X = Tensor.of(new float[][] {{-1, -1}, {-0.5f, 1}, {0.5f, -1}, {1, 1}});
    private static final Tensor Y = Tensor.of(new long[] {0, 0, 1, 1});

    @Test
    void paintsEachSideOfTheBoundaryInItsClassColour(@TempDir Path dir) throws IOException {
        AtomicInteger gridPoints = new AtomicInteger();
        Path png = DecisionBoundaryPlot.of(p -> {
            gridPoints.set(p.dim(0));
            return p.slice(1, 0, 1).greater(0.0).cast(jgrad.core.DType.FLOAT32); // probability column: x1 > 0
        }).data(X, Y).grid(50).size(400, 400).title("x1 > 0").save(dir.resolve("b.png"));
        assertThat(gridPoints.get()).isEqualTo(2500);
        BufferedImage img = PlotFiles.readPng(png);
        // Sample a pixel well left and one well right of the middle, half-way down: pale red, pale blue.
        int left = img.getRGB(img.getWidth() / 4, img.getHeight() / 2);
        int right = img.getRGB(img.getWidth() * 3 / 4, img.getHeight() / 2);
        assertThat((left >> 16) & 0xFF).as("left is reddish").isGreaterThan(left & 0xFF);
        assertThat(right & 0xFF).as("right is bluish").isGreaterThan((right >> 16) & 0xFF);
    }

    @Test
    void interpretsClassIndicesProbabilityColumnsAndScoreRows() {
        assertThat(DecisionBoundaryPlot.classesOf(Tensor.of(new long[] {2, 0}), 2, 0.5)).containsExactly(2, 0);
        assertThat(DecisionBoundaryPlot.classesOf(Tensor.of(new float[][] {{0.7f}, {0.2f}}), 2, 0.5)).containsExactly(1, 0);
        assertThat(DecisionBoundaryPlot.classesOf(Tensor.of(new float[][] {{0.7f}, {0.2f}}), 2, 0.8)).containsExactly(0, 0);
        assertThat(DecisionBoundaryPlot.classesOf(Tensor.of(new float[][] {{0.1f, 0.2f, 0.7f}, {0.5f, 0.3f, 0.2f}}), 2,
                0.5)).containsExactly(2, 0);
        assertThatThrownBy(() -> DecisionBoundaryPlot.classesOf(Tensor.zeros(3), 2, 0.5))
                .hasMessageContaining("returned shape [3] for 2 grid points");
        assertThatThrownBy(() -> DecisionBoundaryPlot.classesOf(Tensor.of(new float[] {Float.NaN}), 1, 0.5))
                .hasMessageContaining("NaN");
    }

    @Test
    void validatesItsSettings(@TempDir Path dir) {
        DecisionBoundaryPlot p = DecisionBoundaryPlot.of(t -> t.reshape(-1));
        assertThatThrownBy(() -> p.save(dir.resolve("b.png"))).hasMessageContaining("call data(x, labels) first");
        assertThatThrownBy(() -> p.grid(1)).hasMessageContaining("between 2 and 1000");
        assertThatThrownBy(() -> p.margin(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> p.bounds(1, 0, 0, 1)).hasMessageContaining("xMin < xMax");
        assertThatThrownBy(() -> p.data(Tensor.zeros(4, 3), Y)).hasMessageContaining("[n, 2]");
        assertThatThrownBy(() -> p.data(X, Y).bounds(-2, 2, -2, 2).save(dir.resolve("b.png")))
                .hasMessageContaining("the model returned shape [28800] for 14400 grid points");
    }
}
