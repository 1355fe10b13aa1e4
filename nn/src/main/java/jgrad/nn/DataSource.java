package jgrad.nn;

import java.util.Iterator;

/**
 * A source of batches that {@link Model#fit(DataSource, FitOptions)}, {@link Model#evaluate(DataSource)}
 * and {@link Model#predict(DataSource)} read from, like a {@code tf.data.Dataset} or a PyTorch
 * {@code DataLoader} passed to Keras's {@code fit}. {@code jgrad.nn.data.Dataset} implements it;
 * any other loader can too.
 *
 * <p>The source decides batching and shuffling, so {@link FitOptions#batchSize()},
 * {@code shuffle} and {@code validationSplit} do not apply to it (fit refuses a validation
 * split with a DataSource, as Keras does).
 *
 * <p>Contract: {@link #batches()} is called once per epoch (and once per evaluate/predict) and
 * returns a fresh iterator over one pass of the data; a shuffling source reshuffles on each
 * call, deterministically from its own seed. Every batch has the same number of inputs and
 * targets, matching the model's inputs and outputs. {@link #batchCount()} is the number of
 * batches one pass yields, or -1 if unknown (the progress bar then shows no total).
 */
public interface DataSource {
    /** The batches of one pass over the data. */
    Iterator<Batch> batches();

    /** How many batches {@link #batches()} yields, or -1 if that is not known in advance. */
    default int batchCount() {
        return -1;
    }

    /**
     * The generator a shuffling source draws its permutations from, or null (the default: an
     * unshuffled source, or one that keeps its randomness to itself). A source that returns it
     * lets a model file store its state, so that {@code fit(..., initialEpoch(n))} after loading
     * continues the shuffle where the saved run stopped.
     */
    default jgrad.core.Rng shuffleGenerator() {
        return null;
    }
}
