package jgrad.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/** In-memory tensors served in batches: what fit uses for Tensor arguments. */
final class ArraySource implements DataSource {
    private final List<Tensor> xs;
    private final List<Tensor> ys;
    private final Tensor sampleWeight;
    private final int n;
    private final int batchSize;
    private final boolean shuffle;
    private final Rng rng;

    ArraySource(List<Tensor> xs, List<Tensor> ys, Tensor sampleWeight, int batchSize, boolean shuffle, Rng rng) {
        this.xs = List.copyOf(xs);
        this.ys = List.copyOf(ys);
        this.sampleWeight = sampleWeight;
        this.n = xs.get(0).dim(0);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.rng = rng;
    }

    int size() {
        return n;
    }

    @Override
    public int batchCount() {
        return (n + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> batches() {
        final int[] order = shuffle ? rng.permutation(n) : null;
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (start >= n) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(n, start + batchSize);
                Batch b;
                if (order == null) {
                    b = new Batch(slice(xs, start, end), slice(ys, start, end),
                            sampleWeight == null ? null : sampleWeight.slice(0, start, end));
                } else {
                    long[] idx = new long[end - start];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = order[start + i];
                    }
                    Tensor index = Tensor.of(idx);
                    b = new Batch(gather(xs, index), gather(ys, index),
                            sampleWeight == null ? null : sampleWeight.gather(index, 0));
                }
                start = end;
                return b;
            }
        };
    }

    private static List<Tensor> slice(List<Tensor> ts, int start, int end) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(t.slice(0, start, end));
        }
        return out;
    }

    private static List<Tensor> gather(List<Tensor> ts, Tensor index) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(t.gather(index, 0));
        }
        return out;
    }
}
