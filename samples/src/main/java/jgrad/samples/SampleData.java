package jgrad.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.nn.data.Csv;
import jgrad.nn.data.CsvTable;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import jgrad.nn.data.Mnist;

/**
 * The data sets shipped inside the samples module (see {@code data/README.md} beside these
 * classes' resources for their provenance), as {@link Dataset}s: the MNIST test set and
 * scikit-learn's copies of Boston housing, breast cancer, iris, wine and digits.
 */
public final class SampleData {
    private SampleData() {}

    /** A tabular data set: features, targets and the names of the feature columns. */
    public record Table(Dataset data, List<String> featureNames) {}

    /** The 10,000 MNIST test images, flattened to 784 floats in [0, 1], with int64 labels. */
    public static Dataset mnistTest() {
        try (InputStream images = open("mnist/t10k-images-idx3-ubyte.gz");
                InputStream labels = open("mnist/t10k-labels-idx1-ubyte.gz")) {
            return Mnist.read(images, labels, "shipped MNIST test set", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MNIST from {@code folder} when given (the full 60,000 training images with the test set),
     * else the shipped test set alone.
     */
    public static Mnist mnist(Path folder) {
        return Mnist.load(folder);
    }

    /** Boston housing: 506 x 13 features, target MEDV as a float32 column {@code [506, 1]}. */
    public static Table boston() {
        CsvTable t = readCsv("tabular/boston_house_prices.csv", true);
        CsvTable features = t.drop("MEDV");
        return new Table(Dataset.of(features.toTensor(), t.select("MEDV").toTensor()), features.columnNames());
    }

    /** Breast cancer (Wisconsin): 569 x 30 features, int64 labels 0 malignant / 1 benign. */
    public static Table breastCancer() {
        return classification("tabular/breast_cancer.csv", 2);
    }

    /** Iris: 150 x 4 features, int64 labels 0-2. */
    public static Table iris() {
        return classification("tabular/iris.csv", 3);
    }

    /** Wine: 178 x 13 features, int64 labels 0-2. */
    public static Table wine() {
        return classification("tabular/wine_data.csv", 3);
    }

    /** Digits: 1,797 images of 8 x 8 as 64 features (0-16), int64 labels 0-9. */
    public static Table digits() {
        CsvTable t;
        try (InputStream in = open("tabular/digits.csv.gz")) {
            t = Csv.reader().header(false).read(in, "digits.csv.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return split(t, 10);
    }

    private static Table classification(String resource, int classes) {
        return split(readCsv(resource, false), classes);
    }

    /** The last column is the class index, the others the features. */
    private static Table split(CsvTable t, int classes) {
        int last = t.columns() - 1;
        int[] featureCols = new int[last];
        for (int i = 0; i < last; i++) {
            featureCols[i] = i;
        }
        CsvTable features = t.select(featureCols);
        Tensor labels = Labels.indices(t.select(last).toTensor(), classes);
        return new Table(Dataset.of(features.toTensor(), labels), features.columnNames());
    }

    /** The scikit-learn copies start with a line of counts and class names, skipped here. */
    private static CsvTable readCsv(String resource, boolean header) {
        try (InputStream in = open(resource)) {
            return Csv.reader().skipLines(1).header(header).read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SampleData.class.getResourceAsStream("/data/" + resource);
        if (in == null) {
            throw new IllegalStateException("the samples' data file /data/" + resource + " is not on the class path;"
                    + " build the samples module (./jgrad build)");
        }
        return in;
    }
}
