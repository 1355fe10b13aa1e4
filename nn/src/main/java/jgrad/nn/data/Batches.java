package jgrad.nn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Batch;
import jgrad.nn.DataSource;

/**
 * The mini-batches of a {@link Dataset}, one pass (epoch) per {@link #iterator()}: in order, or
 * reshuffled at the start of every pass from a seeded generator (PyTorch's
 * {@code DataLoader(shuffle=True)} with a seeded generator). In-order batches are views; shuffled
 * ones gather their rows. As a {@link DataSource} it is what {@code Model.fit} trains on:
 *
 * <pre>{@code
 * model.fit(train.batches(64, 42), FitOptions.builder().epochs(10).validationData(test).build());
 * }</pre>
 */
public final class Batches implements Iterable<Batch>, DataSource {
    private final Dataset data;
    private final int batchSize;
    private final Rng shuffle;
    private final boolean dropRemainder;

    Batches(Dataset data, int batchSize, Rng shuffle, boolean dropRemainder) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batches: batchSize must be >= 1, got " + batchSize);
        }
        if (dropRemainder && batchSize > data.size()) {
            throw new IllegalArgumentException("batches: batchSize " + batchSize + " with dropRemainder leaves no"
                    + " batch of a data set of " + data.size() + " samples");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropRemainder = dropRemainder;
    }

    /** The same batches without the last one when it is smaller than {@code batchSize}. */
    public Batches dropRemainder() {
        return new Batches(data, batchSize, shuffle, true);
    }

    /** Batches per pass. */
    @Override
    public int batchCount() {
        return size();
    }

    /** The shuffling generator (null for in-order batches): a model file saves its state for resuming. */
    @Override
    public Rng shuffleGenerator() {
        return shuffle;
    }

    /** One pass, as {@link DataSource} asks: the same as {@link #iterator()}. */
    @Override
    public Iterator<Batch> batches() {
        return iterator();
    }

    /** Batches per pass. */
    public int size() {
        return dropRemainder ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public Dataset dataset() {
        return data;
    }

    public boolean shuffled() {
        return shuffle != null;
    }

    /** One pass; a shuffled source draws a fresh permutation for every pass. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = shuffle == null ? null : shuffle.permutation(data.size());
        int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no batch " + next + " of " + batches);
                }
                int from = next * batchSize;
                int to = Math.min(from + batchSize, data.size());
                next++;
                if (order == null) {
                    return Batch.of(data.x().slice(0, from, to), data.y().slice(0, from, to));
                }
                long[] idx = new long[to - from];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = order[from + i];
                }
                Tensor t = Tensor.of(idx);
                return Batch.of(data.x().gather(t, 0), data.y().gather(t, 0));
            }
        };
    }

    @Override
    public String toString() {
        return "Batches(" + size() + " of " + batchSize + (shuffle != null ? ", shuffled" : "")
                + (dropRemainder ? ", remainder dropped" : "") + ", " + data + ")";
    }
}
