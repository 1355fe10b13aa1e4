package jgrad.core;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of a tape: an op applied to inputs giving an output. The tape is the computation
 * graph; these are its nodes, in the order they ran (a topological order).
 */
public final class RecordedOp {
    private final Op op;
    private final Tensor[] inputs;
    private final Tensor output;
    private final int[] inputVersions;
    private final Throwable recordedAt;
    private final long sequence;

    RecordedOp(Op op, Tensor[] inputs, Tensor output, long sequence, Throwable recordedAt) {
        this.op = op;
        this.inputs = inputs.clone();
        this.output = output;
        this.sequence = sequence;
        this.recordedAt = recordedAt;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputVersions[i] = inputs[i] instanceof Variable v ? v.version() : -1;
        }
    }

    public Op op() {
        return op;
    }

    public List<Tensor> inputs() {
        return List.of(inputs);
    }

    Tensor[] inputArray() {
        return inputs;
    }

    public Tensor output() {
        return output;
    }

    /** Position in the order ops ran on this thread. */
    public long sequence() {
        return sequence;
    }

    /** Where the op was recorded, kept only in {@link Anomaly} mode; else null. */
    public Throwable recordedAt() {
        return recordedAt;
    }

    int inputVersion(int i) {
        return inputVersions[i];
    }

    /** {@code matmul([4, 2], [2, 1]) -> [4, 1]}. */
    public String signature() {
        StringBuilder sb = new StringBuilder(op.name()).append('(');
        for (int i = 0; i < inputs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(inputs[i].shape());
        }
        return sb.append(") -> ").append(output.shape()).toString();
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + signature() + " " + Arrays.toString(new Object[] {op});
    }
}
