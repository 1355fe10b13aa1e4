package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.core.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    /** n images of 28 x 28 whose every pixel is 10 * label, and the labels 0, 1, 2, ... mod 10. */
    private static byte[][] files(int n) {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (25 * (i % 10) + 2));
        }
        return new byte[][] {IdxTest.idx(0x08, new int[] {n, 28, 28}, pixels), IdxTest.idx(0x08, new int[] {n}, labels)};
    }

    @Test
    void loadsTheTestSetAloneScaledAndFlattened(@TempDir Path dir) throws IOException {
        byte[][] f = files(12);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxTest.gzip(f[0]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxTest.gzip(f[1]));
        Mnist m = Mnist.load(dir);
        assertThat(m.hasTrain()).isFalse();
        assertThat(m.test().size()).isEqualTo(12);
        assertThat(m.test().x().shape().dims()).containsExactly(12, 784);
        assertThat(m.test().x().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(m.test().y().dtype()).isEqualTo(DType.INT64);
        assertThat(m.test().y().getLong(11)).isEqualTo(1);
        assertThat(m.test().x().getDouble(11, 500)).isCloseTo(27.0 / 255, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(m.test().x().getDouble(9, 0)).isCloseTo(227.0 / 255, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(m::train).isInstanceOf(IllegalStateException.class).hasMessageContaining("only the test set");
        assertThat(m.toString()).contains("train absent").contains("12 images");
        assertThat(m.folder()).isEqualTo(dir);
    }

    @Test
    void findsTrainingFilesUnderEitherNamingAndKeepsImagesWhenAsked(@TempDir Path dir) throws IOException {
        byte[][] test = files(3);
        byte[][] train = files(5);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), test[0]);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), test[1]);
        Files.write(dir.resolve("train-images.idx3-ubyte"), train[0]);
        Files.write(dir.resolve("train-labels.idx1-ubyte"), train[1]);
        Mnist m = Mnist.load(dir, false);
        assertThat(m.hasTrain()).isTrue();
        assertThat(m.train().x().shape().dims()).containsExactly(5, 28, 28);
        assertThat(m.test().x().shape().dims()).containsExactly(3, 28, 28);
    }

    @Test
    void explainsMissingMismatchedAndWrongFiles(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Mnist.load(dir.resolve("none"))).hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> Mnist.load(dir)).hasMessageContaining("no test set")
                .hasMessageContaining("t10k-images-idx3-ubyte.gz");
        byte[][] f = files(4);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), f[0]);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), files(3)[1]);
        assertThatThrownBy(() -> Mnist.load(dir)).hasMessageContaining("has 4 images but")
                .hasMessageContaining("has 3 labels");
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), f[1]);
        Files.write(dir.resolve("train-images-idx3-ubyte"), f[0]);
        assertThatThrownBy(() -> Mnist.load(dir)).hasMessageContaining("images but not the labels");
        assertThatThrownBy(() -> Mnist.read(new ByteArrayInputStream(f[1]), new ByteArrayInputStream(f[1]), "swapped",
                true)).hasMessageContaining("swapped images should hold ubyte images");
        assertThatThrownBy(() -> Mnist.read(new ByteArrayInputStream(f[0]), new ByteArrayInputStream(f[0]), "swapped",
                true)).hasMessageContaining("swapped labels should hold ubyte labels");
    }
}
