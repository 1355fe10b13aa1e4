package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Reads back a written plot and checks that nothing but it was left in its folder. */
final class PlotFiles {
    private PlotFiles() {}

    static BufferedImage readPng(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a decodable PNG").isNotNull();
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList())
                    .as("no temp file left behind").isEmpty();
        }
        return img;
    }

    /** How many pixels are clearly coloured (not grey/white/black): the plotted data. */
    static int colouredPixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
