package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Animated GIFs from frames: the frames come back in order, bad input fails clearly. */
class GifAnimationTest {
    @TempDir
    Path dir;

    private static BufferedImage filled(Color c) {
        BufferedImage b = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        var g = b.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 20, 10);
        g.dispose();
        return b;
    }

    @Test
    void writesEveryFrameInOrder() throws Exception {
        Path gif = GifAnimation.save(List.of(filled(Color.BLACK), filled(Color.WHITE),
                ImageGrid.of(Tensor.ones(2, 4, 4, 1)).render().getSubimage(0, 0, 20, 10)), 200, dir.resolve("a.gif"));
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            r.setInput(in);
            assertThat(r.getNumImages(true)).isEqualTo(3);
            assertThat(r.read(0).getRGB(5, 5) & 0xffffff).isEqualTo(0x000000);
            assertThat(r.read(1).getRGB(5, 5) & 0xffffff).isEqualTo(0xffffff);
        } finally {
            r.dispose();
        }
    }

    @Test
    void badInputFailsClearly() {
        assertThatThrownBy(() -> GifAnimation.save(List.of(), 100, dir.resolve("b.gif")))
                .hasMessage("GifAnimation: no frames");
        assertThatThrownBy(() -> GifAnimation.save(List.of(filled(Color.RED),
                new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB)), 100, dir.resolve("c.gif")))
                .hasMessage("GifAnimation: frame 1 is 5x5, frame 0 is 20x10");
    }
}
