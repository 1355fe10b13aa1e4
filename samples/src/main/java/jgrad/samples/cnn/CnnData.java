package jgrad.samples.cnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Mnist;
import jgrad.samples.SampleData;

/** MNIST as the CNN samples use it: images {@code [n, 28, 28, 1]} in [0, 1] (the notes' reshape, /255), int64 labels. */
final class CnnData {
    private CnnData() {}

    /**
     * Training and test images: with {@code dataDir}, the full MNIST found there (60,000 and
     * 10,000); otherwise the 10,000 shipped test images split 8,000 / 2,000 with {@code seed}.
     */
    static Dataset.Split mnist(Path dataDir, long seed, PrintStream out) {
        Dataset.Split s;
        if (dataDir != null) {
            Mnist m = Mnist.load(dataDir);
            s = m.hasTrain() ? new Dataset.Split(m.train(), m.test()) : m.test().trainTestSplit(0.2, seed);
            out.printf(Locale.ROOT, "MNIST from %s: %,d training and %,d test images%n", dataDir, s.train().size(),
                    s.test().size());
        } else {
            s = SampleData.mnistTest().trainTestSplit(0.2, seed);
            out.printf(Locale.ROOT, "MNIST: the 10,000 shipped images, %,d for training and %,d held out for testing%n",
                    s.train().size(), s.test().size());
        }
        return new Dataset.Split(images(s.train()), images(s.test()));
    }

    /** The same split of the shipped images, without printing. */
    static Dataset.Split shipped(long seed) {
        Dataset.Split s = SampleData.mnistTest().trainTestSplit(0.2, seed);
        return new Dataset.Split(images(s.train()), images(s.test()));
    }

    /** Flattened [n, 784] (or [n, 28, 28]) images as [n, 28, 28, 1]. */
    static Dataset images(Dataset d) {
        return d.mapX(x -> x.reshape(x.dim(0), 28, 28, 1));
    }

    /**
     * Every image of {@code x} ({@code [n, h, w, 1]}) moved by a random whole number of pixels from
     * -max to max along each axis, zeros filling in: data augmentation by translation.
     */
    static Tensor shifted(Tensor x, int max, Rng rng) {
        int n = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        float[] src = x.cast(DType.FLOAT32).toFloatArray();
        float[] dst = new float[src.length];
        for (int i = 0; i < n; i++) {
            int dy = rng.nextInt(2 * max + 1) - max;
            int dx = rng.nextInt(2 * max + 1) - max;
            int base = i * h * w;
            for (int r = Math.max(0, dy); r < Math.min(h, h + dy); r++) {
                for (int c = Math.max(0, dx); c < Math.min(w, w + dx); c++) {
                    dst[base + r * w + c] = src[base + (r - dy) * w + (c - dx)];
                }
            }
        }
        return Tensor.fromFlat(dst, n, h, w, 1);
    }

    /** The samples whose label is in [from, to], relabelled to label - from. */
    static Dataset digits(Dataset d, int from, int to) {
        long[] y = d.y().toLongArray();
        int n = 0;
        for (long v : y) {
            n += v >= from && v <= to ? 1 : 0;
        }
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= from && y[i] <= to) {
                keep[k++] = i;
            }
        }
        Dataset sub = d.select(keep);
        return sub.mapY(t -> t.sub(Tensor.scalar(from, t.dtype())));
    }
}
