package jgrad.nn.data;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jgrad.core.Tensor;

/**
 * MNIST (and the data sets in its format: Fashion-MNIST, KMNIST) from a folder of IDX files, as
 * Keras's {@code mnist.load_data()} gives it but already scaled: images as float32 in [0, 1],
 * flattened to 784 features or kept as 28 x 28, labels as int64 class indices.
 *
 * <pre>{@code
 * Mnist m = Mnist.load(Path.of("/data/mnist"));         // train-* and t10k-* files, .gz or not
 * Dataset train = m.train(), test = m.test();
 * }</pre>
 *
 * A folder with only the test files (as jgrad ships) loads too: {@link #hasTrain()} is false and
 * the test set can be split with {@link Dataset#trainTestSplit}.
 */
public final class Mnist {
    private final Path folder;
    private final Dataset train;
    private final Dataset test;

    private Mnist(Path folder, Dataset train, Dataset test) {
        this.folder = folder;
        this.train = train;
        this.test = test;
    }

    /** Loads the training set (if present) and the test set from {@code folder}, images flattened. */
    public static Mnist load(Path folder) {
        return load(folder, true);
    }

    /**
     * Loads the training set (if present) and the test set from {@code folder}; images are
     * {@code [n, 784]} when {@code flatten}, else {@code [n, 28, 28]}. File names may be the
     * originals ({@code train-images-idx3-ubyte.gz}), uncompressed, or with a dot before
     * {@code idx} as some mirrors write them.
     */
    public static Mnist load(Path folder, boolean flatten) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Mnist: " + folder + " is not a folder; point load() at the folder that"
                    + " holds the t10k-images-idx3-ubyte(.gz) files");
        }
        Optional<Path> testImages = find(folder, "t10k", "images", "idx3");
        Optional<Path> testLabels = find(folder, "t10k", "labels", "idx1");
        if (testImages.isEmpty() || testLabels.isEmpty()) {
            throw new IllegalArgumentException("Mnist: no test set in " + folder + ": expected "
                    + String.join(" or ", candidates("t10k", "images", "idx3")) + " and the matching labels file");
        }
        Dataset test = read(testImages.get(), testLabels.get(), flatten);
        Optional<Path> trainImages = find(folder, "train", "images", "idx3");
        Optional<Path> trainLabels = find(folder, "train", "labels", "idx1");
        if (trainImages.isPresent() != trainLabels.isPresent()) {
            throw new IllegalArgumentException("Mnist: " + folder + " has the training "
                    + (trainImages.isPresent() ? "images but not the labels" : "labels but not the images"));
        }
        Dataset train = trainImages.isPresent() ? read(trainImages.get(), trainLabels.get(), flatten) : null;
        return new Mnist(folder, train, test);
    }

    /** Images and labels from two IDX files. */
    public static Dataset read(Path images, Path labels, boolean flatten) {
        return assemble(Idx.read(images), Idx.read(labels), images.toString(), labels.toString(), flatten);
    }

    /** Images and labels from two IDX streams (e.g. class-path resources), plain or gzip-compressed. */
    public static Dataset read(InputStream images, InputStream labels, String source, boolean flatten) {
        return assemble(Idx.read(images, source + " images"), Idx.read(labels, source + " labels"), source + " images",
                source + " labels", flatten);
    }

    private static Dataset assemble(Idx.Contents images, Idx.Contents labels, String imageSource, String labelSource,
            boolean flatten) {
        Idx.Header hi = images.header();
        Idx.Header hl = labels.header();
        if (hi.type() != Idx.Type.UNSIGNED_BYTE || hi.dims().length != 3) {
            throw new IllegalArgumentException("Mnist: " + imageSource + " should hold ubyte images [n, rows, cols]"
                    + " (magic 0x00000803), found " + hi);
        }
        if (hl.type() != Idx.Type.UNSIGNED_BYTE || hl.dims().length != 1) {
            throw new IllegalArgumentException("Mnist: " + labelSource + " should hold ubyte labels [n] (magic"
                    + " 0x00000801), found " + hl);
        }
        int n = hi.dims()[0];
        if (hl.dims()[0] != n) {
            throw new IllegalArgumentException("Mnist: " + imageSource + " has " + n + " images but " + labelSource
                    + " has " + hl.dims()[0] + " labels");
        }
        Tensor x = images.toFloat32(1.0 / 255);
        if (flatten) {
            x = x.reshape(n, hi.dims()[1] * hi.dims()[2]);
        }
        return Dataset.of(x, labels.toInt64());
    }

    /** Whether the folder held the training files. */
    public boolean hasTrain() {
        return train != null;
    }

    /** The training set; throws if the folder had only the test files. */
    public Dataset train() {
        if (train == null) {
            throw new IllegalStateException("Mnist: " + folder + " has only the test set (no "
                    + candidates("train", "images", "idx3").get(0) + "); split it with test().trainTestSplit(...),"
                    + " or point load() at a folder with the full data");
        }
        return train;
    }

    public Dataset test() {
        return test;
    }

    /** The folder the files came from. */
    public Path folder() {
        return folder;
    }

    private static Optional<Path> find(Path folder, String prefix, String kind, String idx) {
        for (String name : candidates(prefix, kind, idx)) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String prefix, String kind, String idx) {
        List<String> out = new ArrayList<>();
        for (String sep : new String[] {"-", "."}) {
            String base = prefix + "-" + kind + sep + idx + "-ubyte";
            out.add(base + ".gz");
            out.add(base);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Mnist(" + folder + ", train " + (train == null ? "absent" : train.size() + " images") + ", test "
                + test.size() + " images)";
    }
}
