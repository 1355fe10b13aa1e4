package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jgrad.nn.callbacks.Callback;

/**
 * What {@link Model#fit} returns: the loss and every metric at the end of each epoch
 * ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, ...), as Keras's {@code History}.
 * It is also a callback, so it sees each epoch's logs as they come.
 */
public final class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> values = history.computeIfAbsent(e.getKey(), k -> {
                List<Double> l = new ArrayList<>();
                // A key that first shows up late is padded so every list lines up with epochs().
                for (int i = 0; i < epochs.size() - 1; i++) {
                    l.add(Double.NaN);
                }
                return l;
            });
            values.add(e.getValue());
        }
        for (Map.Entry<String, List<Double>> e : history.entrySet()) {
            if (e.getValue().size() < epochs.size()) {
                e.getValue().add(Double.NaN);
            }
        }
    }

    /** Every series by name, in the order they first appeared; read-only. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        history.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    /** One series ({@code "loss"}, {@code "val_accuracy"}, ...); fails naming the known keys if absent. */
    public List<Double> get(String key) {
        List<Double> v = history.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; it has " + history.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    public boolean has(String key) {
        return history.containsKey(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(history.keySet());
    }

    /** The epoch indices (0-based) that ran, as Keras's {@code history.epoch}. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last value of a series. */
    public double last(String key) {
        List<Double> v = get(key);
        if (v.isEmpty()) {
            throw new IllegalStateException("History: no epoch has run");
        }
        return v.get(v.size() - 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("History(" + epochs.size() + " epochs");
        for (Map.Entry<String, List<Double>> e : history.entrySet()) {
            List<Double> v = e.getValue();
            if (!v.isEmpty()) {
                sb.append(String.format(Locale.ROOT, ", %s=%.4f", e.getKey(), v.get(v.size() - 1)));
            }
        }
        return sb.append(")").toString();
    }
}
