package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
    @Test
    void drawsClassesAndFittedCurves(@TempDir Path dir) throws IOException {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {1, 1}, {0.2f, 0.1f}, {0.9f, 1.1f}});
        Tensor y = Tensor.of(new long[] {0, 1, 0, 1});
        Path png = ScatterPlot.titled("data").classes(x, y).markerSize(10).size(500, 400).save(dir.resolve("d.png"));
        assertThat(PlotFiles.colouredPixels(PlotFiles.readPng(png))).isGreaterThan(50);

        Tensor xs = Tensor.of(new float[] {0.3f, 0.1f, 0.2f});
        Path fit = ScatterPlot.titled("fit").xLabel("x").yLabel("y").points("train", xs, xs.mul(2f))
                .curve("model", xs.reshape(3, 1), xs.mul(2f).reshape(3, 1)).save(dir.resolve("f.png"));
        PlotFiles.readPng(fit);
    }

    @Test
    void rejectsBadShapesAndLabels() {
        assertThatThrownBy(() -> ScatterPlot.titled("t").classes(Tensor.zeros(3, 3), Tensor.zeros(3)))
                .hasMessageContaining("[n, 2]");
        assertThatThrownBy(() -> ScatterPlot.titled("t").classes(Tensor.zeros(3, 2), Tensor.of(new float[] {0, 1.5f, 0})))
                .hasMessageContaining("label 1.5 at sample 1");
        assertThatThrownBy(() -> ScatterPlot.titled("t").classes(Tensor.zeros(3, 2), Tensor.zeros(2)))
                .hasMessageContaining("[3] or [3, 1]");
        assertThatThrownBy(() -> ScatterPlot.titled("t").points("a", Tensor.zeros(2, 2), Tensor.zeros(2)))
                .hasMessageContaining("x must have shape [n] or [n, 1]");
        assertThatThrownBy(() -> ScatterPlot.titled("t").curve("c", new double[] {1}, new double[0]))
                .hasMessageContaining("1 x and 0 y");
        assertThatThrownBy(() -> ScatterPlot.titled("t").save(Path.of("x.png"))).hasMessageContaining("nothing to plot");
        assertThatThrownBy(() -> ScatterPlot.titled("t").markerSize(0)).hasMessageContaining(">= 1");
    }
}
