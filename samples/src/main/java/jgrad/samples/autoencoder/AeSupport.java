package jgrad.samples.autoencoder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.nn.data.Dataset;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/** What the autoencoder samples share: options, the MNIST split, standardising, and side-by-side PNGs. */
final class AeSupport {
    private AeSupport() {}

    /** {@code --quick}, {@code --conv}, {@code --epochs N}, {@code --seed N}, {@code --out DIR}; unknown options are errors. */
    record Options(String sample, boolean quick, boolean conv, Integer epochs, long seed, Path out) {
        int epochs(int full, int quick) {
            return epochs != null ? epochs : this.quick ? quick : full;
        }
    }

    static Options parse(String sample, String[] args) {
        Args a = sample.equals("vae-mnist")
                ? Args.parse(sample, args, "quick", "conv", "epochs=", "seed=", "out=")
                : Args.parse(sample, args, "quick", "epochs=", "seed=", "out=");
        return new Options(sample, a.quick(), a.flag("conv"), a.flag("epochs") ? a.positive("epochs", 1) : null,
                a.seed(1), a.outDir());
    }

    /** The 10,000 shipped MNIST images split 8,000 / 2,000 with {@code seed}; x flattened [n, 784] in [0, 1]. */
    static Dataset.Split mnist(long seed) {
        return SampleData.mnistTest().trainTestSplit(0.2, seed);
    }

    /** Flattened images as [n, 28, 28, 1]. */
    static Tensor images(Tensor x) {
        return x.reshape(x.dim(0), 28, 28, 1);
    }

    /** The indices of samples whose label is (or is not) {@code digit}. */
    static int[] withLabel(Tensor labels, long digit, boolean equal) {
        long[] y = labels.toLongArray();
        return java.util.stream.IntStream.range(0, y.length).filter(i -> (y[i] == digit) == equal).toArray();
    }

    /** Columns standardised with {@code ref}'s mean and (population) standard deviation. */
    static Tensor standardize(Tensor x, Tensor ref) {
        try (Scope _ = GradientTape.noGrad()) {
            Tensor r = ref.cast(DType.FLOAT64);
            Tensor mu = r.mean(0);
            Tensor sd = r.sub(mu).square().mean(0).sqrt();
            return x.cast(DType.FLOAT64).sub(mu).div(sd).cast(DType.FLOAT32);
        }
    }

    /** Gaussian noise of {@code factor} standard deviations added and clipped to [0, 1] (Chollet's blog). */
    static Tensor noisy(Tensor x, double factor, long seed) {
        try (Scope _ = GradientTape.noGrad()) {
            return x.add(Tensor.randomNormal(new jgrad.core.Rng(seed), x.dtype(), 0, factor, x.shape().dims()))
                    .clip(0, 1);
        }
    }

    /** Images rendered side by side (left to right) into one PNG. */
    static Path sideBySide(List<BufferedImage> parts, Path png) {
        int w = 0;
        int h = 0;
        for (BufferedImage b : parts) {
            w += b.getWidth();
            h = Math.max(h, b.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage b : parts) {
            g.drawImage(b, x, 0, null);
            x += b.getWidth();
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(out, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png;
    }
}
