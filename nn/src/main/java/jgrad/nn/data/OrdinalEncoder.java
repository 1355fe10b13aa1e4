package jgrad.nn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Encodes an ordered categorical attribute (age groups grp0 &lt; grp1 &lt; grp2 &lt; grp3 in the
 * notes) two ways: as its rank, an int64 index like scikit-learn's {@code OrdinalEncoder}, or as
 * the notes' "ordered" (thermometer) code of d - 1 bits where rank k sets the first k bits:
 * grp0 = [0 0 0], grp1 = [1 0 0], grp2 = [1 1 0], grp3 = [1 1 1]. Unlike one-hot, the thermometer
 * code keeps the order visible to a network.
 */
public final class OrdinalEncoder {
    private final List<String> categories;
    private final Map<String, Integer> rank;

    private OrdinalEncoder(List<String> categories) {
        if (categories.size() < 2) {
            throw new IllegalArgumentException("OrdinalEncoder: needs at least two categories, got " + categories);
        }
        this.categories = List.copyOf(categories);
        this.rank = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            if (rank.put(categories.get(i), i) != null) {
                throw new IllegalArgumentException("OrdinalEncoder: category '" + categories.get(i) + "' is listed twice");
            }
        }
    }

    /** An encoder for categories in this order, lowest first. */
    public static OrdinalEncoder of(String... categoriesInOrder) {
        return new OrdinalEncoder(List.of(categoriesInOrder));
    }

    /** Learns the categories in {@code values}, ordered by sorting them (right for "grp0".."grp3", not for words). */
    public static OrdinalEncoder fit(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("OrdinalEncoder.fit: no values");
        }
        return new OrdinalEncoder(new ArrayList<>(new TreeSet<>(values)));
    }

    public List<String> categories() {
        return categories;
    }

    /** Each value's rank as int64 {@code [n]}. */
    public Tensor transform(List<String> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rankOf(values.get(i), i);
        }
        return Tensor.of(out);
    }

    /** The thermometer code: float32 {@code [n, categories - 1]}, the first rank bits set. */
    public Tensor thermometer(List<String> values) {
        int d = categories.size() - 1;
        float[] out = new float[values.size() * d];
        for (int i = 0; i < values.size(); i++) {
            int k = rankOf(values.get(i), i);
            for (int j = 0; j < k; j++) {
                out[i * d + j] = 1f;
            }
        }
        return Tensor.wrap(out, Shape.of(values.size(), d));
    }

    private int rankOf(String value, int position) {
        Integer k = rank.get(value);
        if (k == null) {
            throw new IllegalArgumentException("OrdinalEncoder: value '" + value + "' at position " + position
                    + " is not a known category; known, in order: " + categories);
        }
        return k;
    }

    @Override
    public String toString() {
        return "OrdinalEncoder(" + String.join(" < ", categories) + ")";
    }
}
