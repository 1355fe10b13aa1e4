package jgrad.nn.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A callback from lambdas, for one-off hooks (Keras's {@code LambdaCallback}):
 * {@code LambdaCallback.onEpochEnd((epoch, logs) -> System.out.println(logs))}.
 */
public final class LambdaCallback extends Callback {
    private BiConsumer<Integer, Map<String, Double>> epochBegin = (e, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchBegin = (e, l) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchEnd = (e, l) -> { };

    public static LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        LambdaCallback c = new LambdaCallback();
        c.epochEnd = f;
        return c;
    }

    public static LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        LambdaCallback c = new LambdaCallback();
        c.batchEnd = f;
        return c;
    }

    public LambdaCallback withEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        epochBegin = f;
        return this;
    }

    public LambdaCallback withEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        epochEnd = f;
        return this;
    }

    public LambdaCallback withBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        batchBegin = f;
        return this;
    }

    public LambdaCallback withBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        batchEnd = f;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.accept(batch, logs);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }
}
