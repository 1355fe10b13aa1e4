package jgrad.nn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * One-hot encoding of a categorical attribute (the notes' weather = sun, cloud, rain, snow): each
 * of d categories becomes a float32 row of d bits with one set. Categories come from the training
 * data, sorted as scikit-learn's {@code OneHotEncoder} sorts them, or are given in an explicit
 * order; an unseen category is an error naming it. For integer class labels use
 * {@link Labels#oneHot}.
 */
public final class OneHotEncoder {
    private final List<String> categories;
    private final Map<String, Integer> index;

    private OneHotEncoder(List<String> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("OneHotEncoder: no categories");
        }
        this.categories = List.copyOf(categories);
        this.index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            if (index.put(categories.get(i), i) != null) {
                throw new IllegalArgumentException("OneHotEncoder: category '" + categories.get(i) + "' is listed twice");
            }
        }
    }

    /** Learns the categories present in {@code values}, sorted. */
    public static OneHotEncoder fit(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("OneHotEncoder.fit: no values");
        }
        return new OneHotEncoder(new ArrayList<>(new TreeSet<>(values)));
    }

    /** An encoder for these categories, in this order. */
    public static OneHotEncoder of(String... categories) {
        return new OneHotEncoder(List.of(categories));
    }

    /** The categories, in bit order. */
    public List<String> categories() {
        return categories;
    }

    /** float32 {@code [values.size(), categories]}, one row per value. */
    public Tensor transform(List<String> values) {
        int d = categories.size();
        float[] out = new float[values.size() * d];
        for (int i = 0; i < values.size(); i++) {
            out[i * d + indexOf(values.get(i), i)] = 1f;
        }
        return Tensor.wrap(out, Shape.of(values.size(), d));
    }

    /** The category of each row: the argmax of one-hot or probability rows. */
    public List<String> inverseTransform(Tensor rows) {
        if (rows.rank() != 2 || rows.dim(1) != categories.size()) {
            throw new IllegalArgumentException("OneHotEncoder.inverseTransform: expected rows [n, " + categories.size()
                    + "], got " + rows.shape());
        }
        long[] k = rows.argmax(1).toLongArray();
        List<String> out = new ArrayList<>(k.length);
        for (long i : k) {
            out.add(categories.get((int) i));
        }
        return out;
    }

    private int indexOf(String value, int position) {
        Integer i = index.get(value);
        if (i == null) {
            throw new IllegalArgumentException("OneHotEncoder: value '" + value + "' at position " + position
                    + " is not a known category; known: " + categories);
        }
        return i;
    }

    @Override
    public String toString() {
        return "OneHotEncoder(" + categories + ")";
    }
}
